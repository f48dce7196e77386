/**
 * Runs `work` for item indexes 0..count-1 with at most `concurrency` in flight and returns the
 * results in item order, whatever order they finish in. After the first failure no new item
 * starts; the ones in flight are awaited, so nothing is still sending when the error surfaces.
 */
export async function mapItemsConcurrently<T>(
	count: number,
	concurrency: number,
	work: (itemIndex: number) => Promise<T>,
	signal?: AbortSignal,
): Promise<T[]> {
	const results = new Array<T>(count);
	let nextIndex = 0;
	let failure: { error: unknown } | undefined;

	const lane = async (): Promise<void> => {
		while (!failure && nextIndex < count) {
			if (signal?.aborted) {
				failure = { error: signal.reason ?? new Error('The execution was cancelled') };
				return;
			}
			const itemIndex = nextIndex++;
			try {
				results[itemIndex] = await work(itemIndex);
			} catch (error) {
				failure ??= { error };
			}
		}
	};

	const lanes = Math.max(1, Math.min(Math.floor(concurrency) || 1, count));
	await Promise.all(Array.from({ length: lanes }, lane));
	if (failure) throw failure.error;
	return results;
}

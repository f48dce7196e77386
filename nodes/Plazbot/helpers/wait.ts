import { sleep } from 'n8n-workflow';

/**
 * Waits `ms`, ending at once (rejecting with the signal's reason) when `signal` aborts. n8n's own
 * `sleep` is the timer (shipped code may not call setTimeout), but n8n-workflow 1.x's `sleep`
 * ignores its signal: raced against the signal's 'abort' event, a cancelled execution never waits
 * out a 30 s Retry-After on either n8n line.
 */
export async function waitFor(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await sleep(ms);
	signal.throwIfAborted();
	let onAbort: (() => void) | undefined;
	const aborted = new Promise<never>((_resolve, reject) => {
		onAbort = () => reject(signal.reason ?? new Error('The execution was cancelled'));
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([sleep(ms, signal), aborted]);
	} finally {
		if (onAbort) signal.removeEventListener('abort', onAbort);
	}
}

import { waitFor } from '../helpers/wait';

/**
 * Spaces the starts of requests at least `minSpacingMs` apart, across all the requests that
 * run concurrently in one execution. Waiters go one at a time, in call order, and each is spaced
 * from the moment the previous one really went: slots booked in advance would let a late timer
 * (a busy event loop) release two requests back to back.
 */
export class RequestPacer {
	private lastStart = Number.NEGATIVE_INFINITY;
	private queue: Promise<void> = Promise.resolve();

	constructor(private readonly minSpacingMs: number) {}

	async wait(signal?: AbortSignal): Promise<void> {
		if (this.minSpacingMs <= 0) return;
		const turn = this.queue.then(async () => {
			// A timer may fire a millisecond early by Date.now(), so check again after it.
			for (let remaining = this.remaining(); remaining > 0; remaining = this.remaining()) {
				await waitFor(remaining, signal);
			}
			this.lastStart = Date.now();
		});
		// A cancelled waiter must not block the ones behind it.
		this.queue = turn.catch(() => undefined);
		await turn;
	}

	/**
	 * Date.now() counts whole milliseconds, so two readings `minSpacingMs` apart can be up to 1 ms
	 * closer in truth: one more keeps every real gap at or above the spacing.
	 */
	private remaining(): number {
		return this.lastStart + this.minSpacingMs + 1 - Date.now();
	}
}

import { watchAbort } from '../helpers/abortWatch';

/**
 * Bounds how many requests are on the wire at once. Held only while a request is sent, never
 * while an item waits out a Retry-After or a backoff, so one rate-limited item does not hold up
 * the rest of a campaign.
 */
export class RequestSlots {
	private free: number;
	private readonly waiting: Array<() => void> = [];

	constructor(size: number) {
		this.free = Math.max(1, Math.floor(size) || 1);
	}

	async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
		await this.acquire(signal);
		try {
			return await work();
		} finally {
			this.release();
		}
	}

	private async acquire(signal?: AbortSignal): Promise<void> {
		if (signal?.aborted) throw signal.reason ?? new Error('The execution was cancelled');
		if (this.free > 0) {
			this.free--;
			return;
		}
		await new Promise<void>((resolve, reject) => {
			const grant = () => {
				stopWatching();
				resolve();
			};
			const stopWatching = signal
				? watchAbort(signal, () => {
						const index = this.waiting.indexOf(grant);
						if (index > -1) this.waiting.splice(index, 1);
						reject(signal.reason ?? new Error('The execution was cancelled'));
					})
				: () => undefined;
			this.waiting.push(grant);
		});
	}

	private release(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.free++;
	}
}

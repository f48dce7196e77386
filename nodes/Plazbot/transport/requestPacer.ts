import { sleep } from 'n8n-workflow';

/**
 * Spaces the starts of requests at least `minSpacingMs` apart, across all the requests that
 * run concurrently in one execution. Slots are handed out in call order, so the pace holds
 * however many requests are waiting.
 */
export class RequestPacer {
	private nextSlot = 0;

	constructor(private readonly minSpacingMs: number) {}

	async wait(signal?: AbortSignal): Promise<void> {
		if (this.minSpacingMs <= 0) return;
		const now = Date.now();
		const slot = Math.max(now, this.nextSlot);
		this.nextSlot = slot + this.minSpacingMs;
		if (slot > now) await sleep(slot - now, signal);
	}
}

import { AdaptiveConcurrency, DEFAULT_ADAPTIVE_CONCURRENCY } from '../helpers/adaptiveConcurrency';
import { watchAbort } from '../helpers/abortWatch';
import { waitFor } from '../helpers/wait';
import type { DeliveryPolicy } from './policy';

type HoldUntil = (request: Promise<unknown>) => void;

/** One execution's pacer, slots and, with Rate Control "Adaptive", its window. */
export function throttleFor({ adaptive, maxInFlight, minSpacingMs }: DeliveryPolicy) {
	const window = adaptive
		? new AdaptiveConcurrency({ ...DEFAULT_ADAPTIVE_CONCURRENCY, maxLimit: maxInFlight })
		: undefined;
	return {
		adaptive: window,
		pacer: new RequestPacer(minSpacingMs, window && (() => window.spacingMs())),
		slots: new RequestSlots(window ? () => window.limit : maxInFlight),
	};
}

// Request starts at least `minSpacingMs` apart (or the adaptive spacing), in call order, each from
// the previous real start: slots booked in advance would let a late timer release two at once.
export class RequestPacer {
	private lastStart = Number.NEGATIVE_INFINITY;
	private queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly minSpacingMs: number,
		private readonly adaptiveSpacingMs?: () => number,
	) {}

	async wait(signal?: AbortSignal): Promise<void> {
		if (this.minSpacingMs <= 0 && !this.adaptiveSpacingMs) return;
		const turn = this.queue.then(async () => {
			// A timer may fire a millisecond early by Date.now(), so check again after it.
			for (let remaining = this.remaining(); remaining > 0; remaining = this.remaining()) {
				await waitFor(remaining, signal);
			}
			this.lastStart = Date.now();
		});
		this.queue = turn.catch(() => undefined); // a cancelled waiter does not block the others
		await turn;
	}

	/** +1: two Date.now() readings `spacing` apart can be up to 1 ms closer in truth. */
	private remaining(): number {
		const spacing = Math.max(this.minSpacingMs, this.adaptiveSpacingMs?.() ?? 0);
		return this.lastStart + spacing + 1 - Date.now();
	}
}

// At most Concurrency (or the adaptive window) requests on the wire. Not held during a Retry-After
// or backoff, so one rate-limited item does not hold up the rest of a campaign.
export class RequestSlots {
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(private readonly size: number | (() => number)) {}

	private capacity(): number {
		return Math.max(1, Math.floor(typeof this.size === 'number' ? this.size : this.size()) || 1);
	}

	// `holdUntil(request)` keeps the slot after `work` ends, until that request settles: one given
	// up at the Timeout is still open at the server, and counts.
	async run<T>(work: (holdUntil: HoldUntil) => Promise<T>, signal?: AbortSignal): Promise<T> {
		await this.acquire(signal);
		let held: Promise<unknown> | undefined;
		try {
			return await work((request) => {
				held = request;
			});
		} finally {
			const release = () => this.release();
			if (held) held.then(release, release);
			else release();
		}
	}

	private async acquire(signal?: AbortSignal): Promise<void> {
		if (signal?.aborted) throw signal.reason ?? new Error('The execution was cancelled');
		if (this.inFlight < this.capacity() && this.waiting.length === 0) {
			this.inFlight++;
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

	/** A window that grew lets several waiters go at once. */
	private release(): void {
		this.inFlight--;
		while (this.waiting.length > 0 && this.inFlight < this.capacity()) {
			this.inFlight++;
			this.waiting.shift()?.();
		}
	}
}

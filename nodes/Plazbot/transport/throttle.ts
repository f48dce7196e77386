import { watchAbort } from '../helpers/abortWatch';
import { waitFor } from '../helpers/wait';

/**
 * At most Concurrency requests on the wire. Held only while a request is sent, never during a
 * Retry-After or backoff, so one rate-limited item does not hold up the rest of a campaign.
 */
export class RequestSlots {
	private free: number;
	private readonly waiting: Array<() => void> = [];

	constructor(size: number) {
		this.free = Math.max(1, Math.floor(size) || 1);
	}

	/**
	 * Runs `work` in a slot. `holdUntil(request)` keeps the slot taken after `work` ends, until that
	 * request settles: a request given up at the Timeout is still open at the server, and counts.
	 */
	async run<T>(
		work: (holdUntil: (request: Promise<unknown>) => void) => Promise<T>,
		signal?: AbortSignal,
	): Promise<T> {
		await this.acquire(signal);
		let held: Promise<unknown> | undefined;
		try {
			return await work((request) => {
				held = request;
			});
		} finally {
			if (held) {
				const release = () => this.release();
				held.then(release, release);
			} else this.release();
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

/**
 * Request starts at least `minSpacingMs` apart (or the adaptive spacing, if larger), one waiter at
 * a time in call order, each from the previous real start: slots booked in advance would let a
 * late timer release two requests back to back.
 */
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
		// A cancelled waiter must not block the ones behind it.
		this.queue = turn.catch(() => undefined);
		await turn;
	}

	/** +1: two Date.now() readings `spacing` apart can be up to 1 ms closer in truth. */
	private remaining(): number {
		const spacing = Math.max(this.minSpacingMs, this.adaptiveSpacingMs?.() ?? 0);
		return this.lastStart + spacing + 1 - Date.now();
	}
}

/**
 * Rate Control "Adaptive": one execution's request rate follows what Plazbot can take, by additive
 * increase and multiplicative decrease (AIMD, as TCP flows share a link), with no shared state.
 * Slow start at `initialRate`, +1 request/s per good answer; then +1/rate per good answer. A 429,
 * or answers slower than `slowdownFactor` × the fastest average (and by `slowdownMinMs`), halve
 * the rate once per round (answers to requests sent before the last cut are not counted again).
 * The rate never grows past twice what Concurrency can carry at the current latency.
 */
export interface AdaptiveRateOptions {
	initialRate: number;
	minRate: number;
	/** The Concurrency option: at most this many requests on the wire. */
	maxInFlight: number;
	slowdownFactor: number;
	slowdownMinMs: number;
}

export const DEFAULT_ADAPTIVE_RATE: Omit<AdaptiveRateOptions, 'maxInFlight'> = {
	initialRate: 10,
	minRate: 0.2,
	slowdownFactor: 3,
	slowdownMinMs: 500,
};

/** Share of a new latency in the running average: smooths out single slow answers. */
const LATENCY_WEIGHT = 0.2;

export class AdaptiveRate {
	private rate: number;
	private slowStart = true;
	private lastCutAt = Number.NEGATIVE_INFINITY;
	private averageLatencyMs?: number;
	private fastestAverageMs?: number;

	constructor(
		private readonly options: AdaptiveRateOptions,
		private readonly now: () => number = Date.now,
	) {
		this.rate = options.initialRate;
	}

	get requestsPerSecond(): number {
		return this.rate;
	}

	spacingMs(): number {
		return 1000 / this.rate;
	}

	/** `status` undefined: no answer came, which says nothing about Plazbot's limit. */
	onAnswer(sentAt: number, status: number | undefined): void {
		if (status === undefined) return;
		const latencyMs = Math.max(0, this.now() - sentAt);
		if (status === 429) return this.cut(sentAt);
		if (status >= 500) return;
		this.averageLatencyMs =
			this.averageLatencyMs === undefined
				? latencyMs
				: this.averageLatencyMs + LATENCY_WEIGHT * (latencyMs - this.averageLatencyMs);
		this.fastestAverageMs = Math.min(
			this.fastestAverageMs ?? this.averageLatencyMs,
			this.averageLatencyMs,
		);
		const slowedBy = this.averageLatencyMs - this.fastestAverageMs;
		if (
			this.averageLatencyMs > this.fastestAverageMs * this.options.slowdownFactor &&
			slowedBy >= this.options.slowdownMinMs
		) {
			// Judged against this slower pace from now on: a Plazbot that stays slow cuts the rate once.
			this.fastestAverageMs = this.averageLatencyMs;
			return this.cut(sentAt);
		}
		this.grow();
	}

	private grow(): void {
		const next = this.slowStart ? this.rate + 1 : this.rate + 1 / this.rate;
		this.rate = Math.min(next, Math.max(this.rate, this.ceiling()));
	}

	private cut(sentAt: number): void {
		if (sentAt <= this.lastCutAt) return;
		this.rate = Math.max(this.options.minRate, this.rate / 2);
		this.slowStart = false;
		this.lastCutAt = this.now();
	}

	private ceiling(): number {
		const latencyMs = Math.max(1, this.averageLatencyMs ?? 1);
		return (2 * this.options.maxInFlight * 1000) / latencyMs;
	}
}

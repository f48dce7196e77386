import { watchAbort } from '../helpers/abortWatch';
import { waitFor } from '../helpers/wait';

/* How fast one execution sends: request slots (Concurrency), the pacer (Rate Limit, Delay
 * Between Requests) and Rate Control "Adaptive". */

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

/**
 * Spaces the starts of requests at least `minSpacingMs` apart, across all the requests that
 * run concurrently in one execution. Waiters go one at a time, in call order, and each is spaced
 * from the moment the previous one really went: slots booked in advance would let a late timer
 * (a busy event loop) release two requests back to back.
 */
export class RequestPacer {
	private lastStart = Number.NEGATIVE_INFINITY;
	private queue: Promise<void> = Promise.resolve();

	/** `adaptiveSpacingMs`: a spacing that changes as the run goes (Rate Control "Adaptive"); the larger one applies. */
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

	/**
	 * Date.now() counts whole milliseconds, so two readings `minSpacingMs` apart can be up to 1 ms
	 * closer in truth: one more keeps every real gap at or above the spacing.
	 */
	private remaining(): number {
		const spacing = Math.max(this.minSpacingMs, this.adaptiveSpacingMs?.() ?? 0);
		return this.lastStart + spacing + 1 - Date.now();
	}
}

/**
 * Rate Control "Adaptive": the request rate of one execution follows what Plazbot can take,
 * by additive increase and multiplicative decrease (AIMD, as TCP shares a link). Every execution
 * adapts on its own, with no shared state, and many executions on many n8n workers still settle
 * together under Plazbot's limit: each one halves its rate when Plazbot answers 429 or slows down
 * and grows it slowly while Plazbot answers well.
 *
 * - Start: `initialRate` requests per second, doubling about every second of good answers (each
 *   good answer adds one request per second) until the first sign of congestion.
 * - Then: each good answer adds `1 / rate`, about one request per second per second.
 * - Congestion (a 429, or answers on average slower than `slowdownFactor` times the fastest
 *   average seen since the last slowdown, and at least `slowdownMinMs` slower): the rate halves,
 *   once per round: an answer to a request sent before the last cut says nothing about the cut
 *   rate and is not counted again.
 * - Ceiling: never more than twice what the Concurrency option can carry at the current latency,
 *   so a rate that is not what holds requests back cannot grow without end while Plazbot is fast
 *   and then take many halvings when a limit appears.
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

	/** Requests per second allowed now. */
	get requestsPerSecond(): number {
		return this.rate;
	}

	/** Smallest gap between two request starts now, in milliseconds. */
	spacingMs(): number {
		return 1000 / this.rate;
	}

	/**
	 * What Plazbot answered to a request sent at `sentAt`: its HTTP status, or undefined when no
	 * answer came (the connection failed), which says nothing about Plazbot's limit.
	 */
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
			// Judged from here on against this slower pace: a Plazbot that stays slower cuts the rate
			// once, not again every round down to the floor.
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

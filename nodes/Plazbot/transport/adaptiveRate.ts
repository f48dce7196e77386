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

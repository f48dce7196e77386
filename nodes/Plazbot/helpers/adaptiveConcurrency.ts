/**
 * Rate Control "Adaptive": the requests one execution keeps on the wire, found from Plazbot's 429s
 * and latency (as TCP's congestion window and Netflix's concurrency-limits). Judged per round (one
 * window of answers to requests sent in it): slow start doubles; a round with 429s sets the window
 * by Little's law to what Plazbot carried (successes/s × lowest latency), then `probeRounds` good
 * rounds and the Retry-After pass before each probe up (step 1, doubling to 8); a round slower than
 * `queueingFactor` × baseline cuts by the ratio, once. A cut that leaves as many 429s and costs
 * successes in proportion (a limit other clients fill) is undone and held for `holdRounds`; a round
 * mostly refused always cuts. Below one request in flight the window paces instead.
 */
export const DEFAULT_ADAPTIVE_CONCURRENCY = {
	initialLimit: 5, // Fixed's default: Adaptive never starts slower
	minLimit: 0.05,
	// Well above n8n's own event-loop delay on a busy machine, which is not Plazbot queueing.
	queueingFactor: 2,
	queueingMinMs: 100,
	holdRounds: 10,
	// About 3 s at 300 ms: one probe past the limit costs a request or two answered 429.
	probeRounds: 10,
};

/** `maxLimit`: the user's Concurrency when set, otherwise ADAPTIVE_CONCURRENCY_CEILING. */
type AdaptiveConcurrencyOptions = typeof DEFAULT_ADAPTIVE_CONCURRENCY & { maxLimit: number };

export const ADAPTIVE_CONCURRENCY_CEILING = 50;

/** Executions sharing one limit, all too fast, each see a limit others fill: all must cut. */
const MOSTLY_REFUSED = 0.5;

/** `arrivedGood`: good answers to requests sent at any time; `timed`: answers not 5xx. */
const EMPTY_ROUND = { answers: 0, rateLimited: 0, arrivedGood: 0, timed: 0, latencyMs: 0 };
type Round = typeof EMPTY_ROUND & { startedAt: number };
const newRound = (startedAt: number): Round => ({ ...EMPTY_ROUND, startedAt });

/** The last 429 cut, to tell in the next round whether it helped. */
type Cut = Record<'limitBefore' | 'ratio' | 'goodPerSecond' | 'refused', number>;

export class AdaptiveConcurrency {
	private limitValue: number;
	private slowStart = true;
	private baselineMs?: number;
	private lastCut?: Cut;
	/** Whether the last round grew the window, and the window before a cut that was not judged. */
	private grewLastRound = false;
	private unjudgedFrom?: number;
	private holding = 0;
	/** Good rounds left before the next probe, the probe's step, and Plazbot's Retry-After. */
	private probeWait = 0;
	private probeStep = 1;
	private quietUntil = Number.NEGATIVE_INFINITY;
	private round: Round;

	constructor(
		private readonly options: AdaptiveConcurrencyOptions,
		private readonly now: () => number = Date.now,
	) {
		this.limitValue = Math.min(options.initialLimit, options.maxLimit);
		this.round = newRound(now());
	}

	/** Requests allowed on the wire now (fractional below 1: see `spacingMs`). */
	get limit(): number {
		return this.limitValue;
	}

	/** Smallest gap between two request starts: 0 unless the window is below one request. */
	spacingMs(): number {
		return this.limitValue >= 1 ? 0 : (this.baselineMs ?? 1000) / this.limitValue;
	}

	/** `status` undefined: no answer, which says nothing of the limit. `retryAfterMs`: a 429's. */
	onAnswer(sentAt: number, status: number | undefined, retryAfterMs?: number): void {
		if (status === undefined) return;
		const round = this.round;
		if (status < 500 && status !== 429) round.arrivedGood++;
		if (status === 429 && retryAfterMs !== undefined)
			this.quietUntil = Math.max(this.quietUntil, this.now() + retryAfterMs);
		// A request sent before the round began was sent under the window before: not judged.
		if (sentAt < round.startedAt) return;
		round.answers++;
		if (status >= 500) return this.endRoundWhenFull(round);
		// A 429 comes back after a round trip too: its latency counts toward the baseline.
		round.timed++;
		round.latencyMs += Math.max(0, this.now() - sentAt);
		if (status === 429) round.rateLimited++;
		this.endRoundWhenFull(round);
	}

	private endRoundWhenFull(round: Round): void {
		if (round.answers >= Math.max(1, Math.ceil(this.limitValue))) this.endRound(round);
	}

	private endRound(round: Round): void {
		const now = this.now();
		this.round = newRound(now);
		const goodPerSecond = round.arrivedGood / Math.max(0.001, (now - round.startedAt) / 1000);
		const latencyMs = round.timed > 0 ? round.latencyMs / round.timed : undefined;
		if (latencyMs !== undefined)
			this.baselineMs = Math.min(this.baselineMs ?? latencyMs, latencyMs);
		const lastCut = this.lastCut;
		this.lastCut = undefined;
		if (round.rateLimited > 0) {
			const refused = round.rateLimited / round.answers;
			if (lastCut && refused < MOSTLY_REFUSED && cutDidNotHelp(lastCut, goodPerSecond, refused)) {
				this.limitValue = lastCut.limitBefore;
				this.holding = this.options.holdRounds;
				return;
			}
			if (this.holding > 0 && refused < MOSTLY_REFUSED) {
				this.holding--;
				return;
			}
			const before = this.limitValue;
			// What Plazbot carried (Little's law), cutting by half at most.
			const carried = (goodPerSecond * (this.baselineMs ?? latencyMs ?? 0)) / 1000;
			this.setLimit(Math.min(before, Math.max(0.5 * before, carried)));
			// Not judged right after a growth: a token bucket let a burst through that round.
			const unjudged = this.grewLastRound;
			this.grewLastRound = false;
			this.slowStart = false;
			this.probeWait = this.options.probeRounds;
			this.probeStep = 1;
			const limitBefore = lastCut?.limitBefore ?? this.unjudgedFrom ?? before;
			this.unjudgedFrom = unjudged ? before : undefined;
			// Only a real cut is judged next round: at the limit, successes vary by chance.
			if (!unjudged && this.limitValue < 0.9 * before)
				this.lastCut = { limitBefore, ratio: this.limitValue / before, goodPerSecond, refused };
			return;
		}
		if (this.holding > 0) this.holding--;
		this.grewLastRound = false;
		const baseline = this.baselineMs;
		if (
			latencyMs !== undefined &&
			baseline !== undefined &&
			latencyMs > baseline * this.options.queueingFactor &&
			latencyMs - baseline >= this.options.queueingMinMs
		) {
			this.setLimit(Math.max(0.5 * this.limitValue, (this.limitValue * baseline) / latencyMs));
			this.slowStart = false;
			// Judged against this slower pace from now on: a Plazbot that stays slow cuts once.
			this.baselineMs = latencyMs;
			return;
		}
		if (now < this.quietUntil) return;
		if (this.probeWait > 0) {
			this.probeWait--;
			return;
		}
		const before = this.limitValue;
		this.setLimit(this.grown(latencyMs ?? baseline));
		this.grewLastRound = this.limitValue > before;
	}

	/** Below one request in flight +1 would double the rate: there it grows by 1/s each second. */
	private grown(latencyMs: number | undefined): number {
		const limit = this.limitValue;
		if (this.slowStart) return limit * 2;
		if (limit >= 1 || !latencyMs) {
			const step = this.probeStep;
			this.probeStep = Math.min(step * 2, 8);
			this.probeWait = this.options.probeRounds;
			return limit + step;
		}
		const perSecond = (1000 * limit) / latencyMs;
		return ((perSecond + 1 / perSecond) * latencyMs) / 1000;
	}

	private setLimit(limit: number): void {
		this.limitValue = Math.min(this.options.maxLimit, Math.max(this.options.minLimit, limit));
	}
}

/**
 * As large a share of 429s, and successes fell with the window. Both are asked: after a cut the
 * answers' gap alone lowers the successes counted.
 */
function cutDidNotHelp(cut: Cut, goodPerSecond: number, refused: number): boolean {
	if (!(cut.goodPerSecond > 0) || refused < 0.8 * cut.refused) return false;
	return goodPerSecond / cut.goodPerSecond < (1 + cut.ratio) / 2;
}

import { watchAbort } from '../helpers/abortWatch';

/**
 * At most Concurrency requests on the wire (or the adaptive window, which may change between two
 * requests). Held only while a request is sent, never during a Retry-After or backoff, so one
 * rate-limited item does not hold up the rest of a campaign.
 */
export class RequestSlots {
	private inFlight = 0;
	private readonly waiting: Array<() => void> = [];
	private readonly size: () => number;

	constructor(size: number | (() => number)) {
		const fixed = Math.max(1, Math.floor(typeof size === 'number' ? size : 1) || 1);
		this.size = typeof size === 'number' ? () => fixed : () => Math.max(1, Math.floor(size()));
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
		if (this.inFlight < this.size() && this.waiting.length === 0) {
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
		while (this.waiting.length > 0 && this.inFlight < this.size()) {
			this.inFlight++;
			this.waiting.shift()?.();
		}
	}
}

/**
 * Rate Control "Adaptive": how many requests one execution keeps on the wire, found from Plazbot's
 * answers as TCP's congestion window and Netflix's concurrency-limits (Vegas, Gradient) find it.
 * Executions share no state: they meet only through Plazbot's 429s and latency.
 *
 * Answers are judged per round: one window's worth of answers to requests sent since the round
 * began. Slow start doubles the window each good round. A round with 429s sets it by Little's law
 * to what Plazbot let through (successes per second × the lowest latency: 50/s at 300 ms carries
 * 15), landing at the limit instead of cutting past it. Then it holds for `probeRounds` good
 * rounds, and past Retry-After, before each probe upward (a step of one, doubling per probe
 * without 429, at most 8, so a limit that went away is left behind within a minute). A round
 * slower than `queueingFactor` × the baseline (and by `queueingMinMs`) cuts by the ratio, once.
 *
 * A limit other clients fill would cut the window to nothing: when a cut leaves as large a share
 * of 429s and costs successes in proportion, the window returns to where it was and holds for
 * `holdRounds` rounds, the items following Retry-After. Never judged right after the window grew;
 * a round mostly refused always cuts. Below one request in flight the window paces instead.
 */
export const DEFAULT_ADAPTIVE_CONCURRENCY = {
	// Today's Fixed default: Adaptive never starts slower than Fixed.
	initialLimit: 5,
	minLimit: 0.05,
	// Well above n8n's own event-loop delay on a busy machine, which is not Plazbot queueing.
	queueingFactor: 2,
	queueingMinMs: 100,
	holdRounds: 10,
	// About 3 s at 300 ms: one probe past the limit costs a request or two answered 429.
	probeRounds: 10,
};

/** `maxLimit`: the user's Concurrency when set, otherwise ADAPTIVE_CONCURRENCY_CEILING. */
export type AdaptiveConcurrencyOptions = typeof DEFAULT_ADAPTIVE_CONCURRENCY & { maxLimit: number };

/** The most requests Adaptive keeps on the wire when the Concurrency option is not set. */
export const ADAPTIVE_CONCURRENCY_CEILING = 50;

/**
 * Rounds refused more often than this always cut: many executions sharing one limit and all too
 * fast look, to each, like a limit others fill, and only cutting together gets them under it.
 */
const MOSTLY_REFUSED = 0.5;

/**
 * One round's answers. `arrivedGood`: good answers that arrived in it, to requests sent at any time
 * (the rate carried); `timed`: answers whose latency counts (not 5xx), `latencyMs` their total.
 */
const EMPTY_ROUND = { answers: 0, rateLimited: 0, arrivedGood: 0, timed: 0, latencyMs: 0 };
type Round = typeof EMPTY_ROUND & { startedAt: number };
const newRound = (startedAt: number): Round => ({ ...EMPTY_ROUND, startedAt });

/** The last 429 cut, to tell in the next round whether it helped. */
interface Cut {
	limitBefore: number;
	ratio: number;
	goodPerSecond: number;
	refused: number;
}

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
		if (this.limitValue >= 1) return 0;
		return (this.baselineMs ?? 1000) / this.limitValue;
	}

	/**
	 * `status` undefined: no answer came, which says nothing about Plazbot's limit. `retryAfterMs`:
	 * the Retry-After of a 429, before which the window does not grow.
	 */
	onAnswer(sentAt: number, status: number | undefined, retryAfterMs?: number): void {
		if (status === undefined) return;
		const round = this.round;
		const good = status < 500 && status !== 429;
		if (good) round.arrivedGood++;
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
			if (
				lastCut &&
				refused < MOSTLY_REFUSED &&
				this.cutDidNotHelp(lastCut, goodPerSecond, refused)
			) {
				this.limitValue = lastCut.limitBefore;
				this.holding = this.options.holdRounds;
				return;
			}
			if (this.holding > 0 && refused < MOSTLY_REFUSED) {
				this.holding--;
				return;
			}
			const before = this.limitValue;
			// What Plazbot carried (Little's law), cutting by half at most. No 10% minimum: at the
			// limit the window already is what Plazbot carries, and a cut below it costs successes.
			const carried = (goodPerSecond * (this.baselineMs ?? latencyMs ?? 0)) / 1000;
			this.setLimit(Math.min(before, Math.max(0.5 * before, carried)));
			// A cut right after the window grew (slow start or a probe) is not judged: its round had
			// the burst a server's token bucket lets through after a slower pace, and the next
			// round always carries less.
			const unjudged = this.grewLastRound;
			this.grewLastRound = false;
			this.slowStart = false;
			this.probeWait = this.options.probeRounds;
			this.probeStep = 1;
			const limitBefore = lastCut?.limitBefore ?? this.unjudgedFrom ?? before;
			this.unjudgedFrom = unjudged ? before : undefined;
			// Only a real cut is judged next round: at the limit, successes vary by chance.
			if (!unjudged && this.limitValue < 0.9 * before)
				this.lastCut = {
					limitBefore,
					ratio: this.limitValue / before,
					goodPerSecond,
					refused,
				};
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

	/**
	 * Slow start doubles; then one probe step per `probeRounds` good rounds, the step doubling
	 * after each (reset by a 429). Below one request in flight a round is one answer, and +1 would
	 * double the rate each time: there the rate grows by one request per second per second.
	 */
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

	/**
	 * A cut that helped: a smaller share of 429s, or as many successes per second as before (the
	 * limit, not the window, held them back). One that did not: as large a share of 429s, and
	 * successes fell with the window. Both are asked: in the round after a cut no request leaves
	 * until the window has room, and the answers' gap alone lowers the successes counted.
	 */
	private cutDidNotHelp(cut: Cut, goodPerSecond: number, refused: number): boolean {
		if (!(cut.goodPerSecond > 0) || refused < 0.8 * cut.refused) return false;
		return goodPerSecond / cut.goodPerSecond < (1 + cut.ratio) / 2;
	}

	private setLimit(limit: number): void {
		this.limitValue = Math.min(this.options.maxLimit, Math.max(this.options.minLimit, limit));
	}
}

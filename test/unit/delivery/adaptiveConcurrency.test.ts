/**
 * Rate Control "Adaptive": the concurrency window on its own, with a hand-driven clock (no real
 * waits), and what a run picks by node version. Each round is `limit` requests sent together
 * and answered `latencyMs` later.
 */
import {
	AdaptiveConcurrency,
	DEFAULT_ADAPTIVE_CONCURRENCY,
} from '../../../nodes/Plazbot/helpers/adaptiveConcurrency';
import { rateControlFor } from '../../../nodes/Plazbot/actions/common.runtime';

function controller(maxLimit = 50) {
	let now = 1_000;
	const window = new AdaptiveConcurrency({ ...DEFAULT_ADAPTIVE_CONCURRENCY, maxLimit }, () => now);
	/**
	 * One round: as many requests as the window allows, sent now, answered after `latencyMs`;
	 * `status(i)` is the i-th answer's status. Returns the window after the round.
	 */
	const round = (latencyMs: number, status: (i: number) => number = () => 200) => {
		const sentAt = now;
		const count = Math.max(1, Math.ceil(window.limit));
		now += latencyMs;
		for (let i = 0; i < count; i++) window.onAnswer(sentAt, status(i));
		return window.limit;
	};
	/** A server that passes `perSecond` requests a second and answers the rest 429. */
	const limitedTo = (perSecond: number, latencyMs: number) => {
		const passing = Math.round((perSecond * latencyMs) / 1000);
		return round(latencyMs, (i) => (i < passing ? 200 : 429));
	};
	return { window, round, limitedTo, advance: (ms: number) => (now += ms) };
}

/**
 * A campaign streamed through the window as the client sends it, on a hand-driven clock: a
 * message leaves whenever the window has room, each answered `latencyMs` later by a server that
 * passes `perSecond` requests a second (a token bucket holding one second's worth, as the
 * stand-in's) and answers the rest 429 with a Retry-After of one second, after which the message
 * goes again. `jitterMs`: each answer takes up to that much longer, drawn from a seeded sequence.
 * Returns when every message got through.
 */
function stream(messages: number, latencyMs: number, perSecond: number, jitterMs = 0, seed = 1) {
	let now = 0;
	let draw = seed;
	const jitter = () => {
		draw = (draw * 1103515245 + 12345) % 2147483648;
		return (draw / 2147483648) * jitterMs;
	};
	const window = new AdaptiveConcurrency(
		{ ...DEFAULT_ADAPTIVE_CONCURRENCY, maxLimit: 50 },
		() => now,
	);
	const retryAfterMs = 1000;
	let tokens = perSecond;
	let tokensAt = 0;
	const passes = () => {
		tokens = Math.min(perSecond, tokens + ((now - tokensAt) / 1000) * perSecond);
		tokensAt = now;
		if (tokens < 1) return false;
		tokens--;
		return true;
	};
	let unsent = messages;
	const retryAt: number[] = [];
	const inFlight: Array<{ sentAt: number; status: number; answerAt: number }> = [];
	const windows: number[] = [];
	let delivered = 0;
	let requestsAfter5s = 0;
	let refusedAfter5s = 0;
	while (delivered < messages) {
		while (inFlight.length < Math.max(1, Math.floor(window.limit))) {
			if (unsent > 0) unsent--;
			else if (retryAt.length > 0 && retryAt[0] <= now) retryAt.shift();
			else break;
			const status = passes() ? 200 : 429;
			if (now >= 5000) requestsAfter5s++;
			if (now >= 5000 && status === 429) refusedAfter5s++;
			inFlight.push({ sentAt: now, status, answerAt: now + latencyMs + jitter() });
			inFlight.sort((a, b) => a.answerAt - b.answerAt);
		}
		const nextAnswer = inFlight.length > 0 ? inFlight[0].answerAt : Infinity;
		const slotFree = inFlight.length < Math.max(1, Math.floor(window.limit));
		const nextRetry = slotFree && retryAt.length > 0 ? retryAt[0] : Infinity;
		now = Math.max(now, Math.min(nextAnswer, nextRetry));
		while (inFlight.length > 0 && inFlight[0].answerAt <= now) {
			const { sentAt, status } = inFlight.shift()!;
			window.onAnswer(sentAt, status, status === 429 ? retryAfterMs : undefined);
			if (status === 429) retryAt.push(now + retryAfterMs);
			else delivered++;
			windows.push(window.limit);
		}
	}
	return { seconds: now / 1000, refusedAfter5s: refusedAfter5s / requestsAfter5s, windows };
}

describe('AdaptiveConcurrency', () => {
	it("starts at Fixed's default of 5 and doubles each round of fast good answers, up to its ceiling", () => {
		const { window, round } = controller();
		expect(window.limit).toBe(5);
		expect(window.spacingMs()).toBe(0);
		expect([round(300), round(300), round(300), round(300)]).toEqual([10, 20, 40, 50]);
		for (let i = 0; i < 20; i++) round(300);
		expect(window.limit).toBe(50);
	});

	it("never passes the user's Concurrency", () => {
		const { window, round } = controller(8);
		for (let i = 0; i < 10; i++) round(100);
		expect(window.limit).toBe(8);
	});

	it('under a limit of 50 per second at 300 ms settles near the 15 in flight that the limit carries', () => {
		const { limitedTo } = controller();
		const windows: number[] = [];
		for (let i = 0; i < 60; i++) windows.push(limitedTo(50, 300));
		const settled = windows.slice(20);
		// Between 10 and 17 in flight: at least two thirds of the limit, hardly more than it.
		expect(Math.min(...settled)).toBeGreaterThanOrEqual(10);
		expect(Math.max(...settled)).toBeLessThanOrEqual(17);
		const average = settled.reduce((sum, w) => sum + w, 0) / settled.length;
		expect(average).toBeGreaterThan(12.5);
	});

	it('on 429s sets the window in one step to what Plazbot carried: successes per second × the lowest latency', () => {
		const { window, round, limitedTo } = controller();
		expect([round(300), round(300)]).toEqual([10, 20]);
		// 50 per second at 300 ms carries 15 in flight (Little's law), not a cut past it.
		expect(limitedTo(50, 300)).toBeCloseTo(15, 5);
		expect(window.limit).toBeCloseTo(15, 5);
	});

	it('after a 429 cut holds for its probe rounds, then probes one request higher', () => {
		const { round, limitedTo } = controller();
		round(300);
		round(300);
		limitedTo(50, 300); // 15
		const held = Array.from({ length: DEFAULT_ADAPTIVE_CONCURRENCY.probeRounds }, () => round(300));
		expect(held.map((w) => Math.round(w))).toEqual(held.map(() => 15));
		expect(round(300)).toBeCloseTo(16, 5);
	});

	it("does not grow before Plazbot's Retry-After has passed", () => {
		const { window, round, advance } = controller();
		round(300); // 10
		const sentAt = advance(0);
		advance(300);
		for (let i = 0; i < 10; i++) window.onAnswer(sentAt, i < 5 ? 200 : 429, 60_000);
		const cut = window.limit;
		for (let i = 0; i < 3 * DEFAULT_ADAPTIVE_CONCURRENCY.probeRounds; i++) round(300);
		expect(window.limit).toBe(cut);
		advance(60_000);
		for (let i = 0; i < 2 * DEFAULT_ADAPTIVE_CONCURRENCY.probeRounds; i++) round(300);
		expect(window.limit).toBeGreaterThan(cut);
	});

	it('429s at the limit, the window already at what Plazbot carries: it stays there, no cut past it, no jump back', () => {
		const { round, limitedTo } = controller();
		round(300);
		round(300);
		limitedTo(50, 300); // 15
		// One answer in each round refused, as a retried message meets an empty token bucket.
		const windows = Array.from({ length: 20 }, () => round(300, (i) => (i === 0 ? 429 : 200)));
		expect(Math.min(...windows)).toBeGreaterThanOrEqual(10);
		expect(Math.max(...windows)).toBeLessThanOrEqual(15);
	});

	it('streaming 2,000 messages at 300 ms under 50 per second: within 1.15× of N / limit, under 2% answered 429 after 5 s', () => {
		const { seconds, refusedAfter5s, windows } = stream(2000, 300, 50);
		expect(seconds).toBeLessThanOrEqual(1.15 * (2000 / 50));
		expect(refusedAfter5s).toBeLessThan(0.02);
		expect(Math.max(...windows.slice(windows.length / 2))).toBeLessThanOrEqual(20);
	});

	it('the same with answers 0 to 50 ms slower at random: the first burst a token bucket lets through does not send the window back up', () => {
		for (const seed of [1, 2, 3, 4, 5]) {
			const { seconds, refusedAfter5s } = stream(2000, 300, 50, 50, seed);
			expect(seconds).toBeLessThanOrEqual(1.2 * (2000 / 50));
			expect(refusedAfter5s).toBeLessThan(0.02);
		}
	});

	it('cuts once per round of 429s: answers to requests sent before the cut are not counted', () => {
		const { window, round } = controller();
		round(100); // 10
		const sentBeforeCut = 0; // an old request, answered late
		round(100, () => 429);
		const afterCut = window.limit;
		expect(afterCut).toBe(5);
		for (let i = 0; i < 20; i++) window.onAnswer(sentBeforeCut, 429);
		expect(window.limit).toBe(afterCut);
	});

	it('429s that do not depend on its rate (a limit others fill): back to where it was, not down to nothing', () => {
		const { round } = controller();
		round(100); // 10
		// Every fifth answer is 429 whatever the window: cutting costs successes, removes no 429.
		const windows: number[] = [];
		for (let i = 0; i < 100; i++) windows.push(round(100, (n) => (n % 5 === 0 ? 429 : 200)));
		expect(Math.min(...windows)).toBeGreaterThanOrEqual(5);
		const average = windows.reduce((sum, w) => sum + w, 0) / windows.length;
		expect(average).toBeGreaterThan(8);
	});

	it('cuts on queueing delay (latency well above its baseline), once for a lasting slowdown', () => {
		const { window, round } = controller();
		round(100);
		round(100); // 20
		let cuts = 0;
		for (let i = 0; i < 10; i++) {
			const before = window.limit;
			if (round(400) < before) cuts++;
		}
		expect(cuts).toBe(1);
		// A small rise, or a slower but steady Plazbot, grows the window again.
		expect(window.limit).toBeGreaterThan(5);
	});

	it('does not count 5xx answers or failed connections as good answers or as congestion', () => {
		const { window, round } = controller();
		round(100); // 10
		expect(round(100, () => 503)).toBe(20);
		window.onAnswer(0, undefined);
		expect(window.limit).toBe(20);
	});

	it('below one request in flight it paces: one request per baseline latency ÷ window', () => {
		const { window, round } = controller();
		for (let i = 0; i < 12; i++) round(20, () => 429);
		expect(window.limit).toBeLessThan(1);
		expect(window.spacingMs()).toBeCloseTo(20 / window.limit, 5);
		expect(window.limit).toBeGreaterThanOrEqual(DEFAULT_ADAPTIVE_CONCURRENCY.minLimit);
	});
});

describe('Rate Control by node version', () => {
	it('is Fixed in version 1 and Adaptive from version 2 when the option is not set; a set option wins', () => {
		expect(rateControlFor(1, undefined)).toBe('fixed');
		expect(rateControlFor(2, undefined)).toBe('adaptive');
		expect(rateControlFor(1, 'adaptive')).toBe('adaptive');
		expect(rateControlFor(2, 'fixed')).toBe('fixed');
	});
});

/**
 * Rate Control "Adaptive": the concurrency window on its own, with a hand-driven clock (no real
 * waits), and what a run picks by node version. Each round is `limit` requests sent together
 * and answered `latencyMs` later.
 */
import {
	AdaptiveConcurrency,
	DEFAULT_ADAPTIVE_CONCURRENCY,
} from '../../../nodes/Plazbot/transport/throttle';
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

/**
 * Rate Control "Adaptive": the AIMD rule on its own, with a hand-driven clock, and what a run
 * picks by node version.
 */
import { AdaptiveRate, DEFAULT_ADAPTIVE_RATE } from '../../../nodes/Plazbot/transport/throttle';
import { rateControlFor } from '../../../nodes/Plazbot/actions/common.runtime';

function limiter(maxInFlight = 50) {
	let now = 0;
	const rate = new AdaptiveRate({ ...DEFAULT_ADAPTIVE_RATE, maxInFlight }, () => now);
	/** A request sent now and answered `latencyMs` later with `status`. */
	const answer = (status: number, latencyMs = 20) => {
		const sentAt = now;
		now += latencyMs;
		rate.onAnswer(sentAt, status);
	};
	return { rate, answer, advance: (ms: number) => (now += ms), now: () => now };
}

describe('AdaptiveRate', () => {
	it('starts at 10 requests per second and adds one per good answer until the first 429', () => {
		const { rate, answer } = limiter();
		expect(rate.requestsPerSecond).toBe(10);
		expect(rate.spacingMs()).toBe(100);
		for (let i = 0; i < 10; i++) answer(200);
		expect(rate.requestsPerSecond).toBe(20);
	});

	it('halves at a 429, then grows by about one per second of good answers', () => {
		const { rate, answer } = limiter();
		for (let i = 0; i < 30; i++) answer(200);
		expect(rate.requestsPerSecond).toBe(40);
		answer(429);
		expect(rate.requestsPerSecond).toBe(20);
		// 20 good answers: about one second at 20 per second.
		for (let i = 0; i < 20; i++) answer(200);
		expect(rate.requestsPerSecond).toBeGreaterThan(20.9);
		expect(rate.requestsPerSecond).toBeLessThan(21.1);
	});

	it('cuts once per round: 429s to requests sent before the cut do not cut again', () => {
		const { rate, answer, advance, now } = limiter();
		for (let i = 0; i < 30; i++) answer(200);
		const sentBeforeCut = now();
		advance(5);
		rate.onAnswer(sentBeforeCut, 429);
		expect(rate.requestsPerSecond).toBe(20);
		rate.onAnswer(sentBeforeCut, 429);
		rate.onAnswer(sentBeforeCut + 1, 429);
		expect(rate.requestsPerSecond).toBe(20);
		// A request sent after the cut and still refused: the cut rate is still too much.
		advance(1);
		answer(429);
		expect(rate.requestsPerSecond).toBe(10);
	});

	it('never goes below its floor', () => {
		const { rate, answer } = limiter();
		for (let i = 0; i < 20; i++) answer(429);
		expect(rate.requestsPerSecond).toBe(DEFAULT_ADAPTIVE_RATE.minRate);
	});

	it('halves when answers slow down threefold and by at least half a second, once for a lasting slowdown', () => {
		const { rate, answer } = limiter();
		for (let i = 0; i < 20; i++) answer(200, 200);
		const before = rate.requestsPerSecond;
		let cuts = 0;
		for (let i = 0; i < 40; i++) {
			const was = rate.requestsPerSecond;
			answer(200, 2_000);
			if (rate.requestsPerSecond < was) cuts++;
		}
		expect(cuts).toBe(1);
		expect(rate.requestsPerSecond).toBeLessThan(before);
	});

	it('does not count a small slowdown of fast answers, 5xx answers or failed connections', () => {
		const { rate, answer } = limiter();
		for (let i = 0; i < 20; i++) answer(200, 10);
		const before = rate.requestsPerSecond;
		answer(200, 100);
		answer(503);
		rate.onAnswer(0, undefined);
		expect(rate.requestsPerSecond).toBeGreaterThanOrEqual(before);
	});

	it('does not grow past twice what Concurrency can carry at the current latency', () => {
		const { rate, answer } = limiter(5);
		// 5 in flight at 100 ms carry 50 per second: the rate stops at 100.
		for (let i = 0; i < 1_000; i++) answer(200, 100);
		expect(rate.requestsPerSecond).toBe(100);
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

/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * How fast the node sends: Concurrency bounds the requests in flight, Rate Limit spaces their
 * starts, and cancelling the execution stops the queue. Timings are read from the stand-in's
 * arrival times, not from the test's clock.
 */
import { router } from '../../../nodes/Plazbot/actions/router';
import { campaign } from '../support/campaign';
import { startStandIn } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const SEND_PATH = '/api/message/conversation';

const maxInFlight = () => standIn().maxInFlight;
const arrivals = () => standIn().requestsTo(SEND_PATH).map((request) => request.at);
const gaps = (times: number[]) => times.slice(1).map((time, index) => time - times[index]);

describe('Concurrency', () => {
	it.each([
		[1, {}],
		[3, { concurrency: 3 }],
		[5, {}],
		[12, { concurrency: 12 }],
	] as Array<[number, Record<string, unknown>]>)('keeps at most %i requests in flight', async (limit, options) => {
		standIn().setFaults({ latencyMs: 40 });
		const { fns } = campaign(credentials(), limit === 1 ? 8 : 40, limit === 1 ? { concurrency: 1 } : options);

		const [output] = await router.call(fns);

		// Reaching the limit shows the lanes really run at once; never above it shows the bound.
		expect(maxInFlight()).toBe(limit);
		expect(output.map((item) => item.pairedItem)).toEqual(output.map((_, item) => ({ item })));
	}, 20_000);

	it('holds the bound while some requests wait out a 429', async () => {
		standIn().setFaults({ latencyMs: 20, rate429: 0.2, retryAfterSeconds: 1, seed: 3 });
		const { fns } = campaign(credentials(), 30, { concurrency: 4 });

		await router.call(fns);

		expect(maxInFlight()).toBeLessThanOrEqual(4);
		expect(standIn().earlyRetries).toBe(0);
	}, 30_000);
});

/**
 * When the node handed each request to n8n's HTTP helper: the start that the pacer spaces.
 */
function recordStarts(fns: ReturnType<typeof campaign>['fns']): number[] {
	const starts: number[] = [];
	const send = fns.helpers.httpRequestWithAuthentication;
	fns.helpers.httpRequestWithAuthentication = async function (this: typeof fns, ...args: Parameters<typeof send>) {
		starts.push(Date.now());
		return await send.apply(this, args);
	} as typeof send;
	return starts;
}

/**
 * A request reaches the stand-in a few milliseconds after the node starts it, and on a loaded
 * machine (this one is shared) that delay varies by up to a few tens of ms, so two arrivals can be
 * closer than the starts were. The pacer is held to the exact spacing on the starts; arrivals get
 * this allowance, once per gap, never cumulatively.
 */
const DISPATCH_JITTER_MS = 25;

describe('Rate Limit', () => {
	it('20 per second over 30 items starts requests at least 50 ms apart', async () => {
		const { fns } = campaign(credentials(), 30, { rateLimit: 20, rateLimitInterval: 'second' });
		const starts = recordStarts(fns);

		await router.call(fns);

		expect(starts).toHaveLength(30);
		expect(Math.min(...gaps(starts))).toBeGreaterThanOrEqual(50);
		const times = arrivals();
		expect(times).toHaveLength(30);
		expect(Math.min(...gaps(times))).toBeGreaterThanOrEqual(50 - DISPATCH_JITTER_MS);
		expect(times[29] - times[0]).toBeGreaterThanOrEqual(29 * 50 - DISPATCH_JITTER_MS);
		// Spaced, not serialised behind something slower: well under twice the spacing.
		expect(times[29] - times[0]).toBeLessThan(29 * 100);
	}, 20_000);

	it('keeps the spacing after the event loop was blocked, instead of catching up in a burst', async () => {
		const { fns } = campaign(credentials(), 12, { rateLimit: 20, concurrency: 5 });
		const starts = recordStarts(fns);

		const run = router.call(fns);
		// Block the event loop past several 50 ms slots while requests are queued for them.
		await new Promise((resolve) => setTimeout(resolve, 120));
		const blockedUntil = Date.now() + 250;
		while (Date.now() < blockedUntil);
		await run;

		expect(Math.min(...gaps(starts))).toBeGreaterThanOrEqual(50);
		expect(Math.min(...gaps(arrivals()))).toBeGreaterThanOrEqual(50 - DISPATCH_JITTER_MS);
	}, 20_000);

	it('per minute, and Delay Between Requests, space the starts the same way', async () => {
		// 600 per minute = one every 100 ms; the larger of the two spacings wins.
		const { fns } = campaign(credentials(), 6, { rateLimit: 600, rateLimitInterval: 'minute', delayBetweenRequests: 30 });
		const starts = recordStarts(fns);

		await router.call(fns);

		expect(Math.min(...gaps(starts))).toBeGreaterThanOrEqual(100);
		expect(Math.min(...gaps(arrivals()))).toBeGreaterThanOrEqual(100 - DISPATCH_JITTER_MS);
	}, 20_000);

	it('counts retries against the limit too', async () => {
		standIn().setFaults({ script: { '2': '503', '4': '503' } });
		const { fns } = campaign(credentials(), 8, { delayBetweenRequests: 60, concurrency: 3 });
		const starts = recordStarts(fns);

		await router.call(fns);

		expect(starts).toHaveLength(10);
		expect(Math.min(...gaps(starts))).toBeGreaterThanOrEqual(60);
		expect(arrivals()).toHaveLength(10);
		expect(Math.min(...gaps(arrivals()))).toBeGreaterThanOrEqual(60 - DISPATCH_JITTER_MS);
	}, 20_000);
});

describe('cancelling the execution', () => {
	async function cancelMidRun(continueOnFail: boolean) {
		// Long enough that waiting for the requests in flight would show.
		standIn().setFaults({ latencyMs: 500 });
		const controller = new AbortController();
		const { fns, requests } = campaign(credentials(), 100, {}, { cancelSignal: controller.signal, continueOnFail });

		const outcome = router.call(fns).then(
			() => 'finished',
			(error: Error) => error,
		);
		// Abort once the third batch of five is under way.
		while (standIn().requestsTo(SEND_PATH).length < 11) await new Promise((resolve) => setTimeout(resolve, 5));
		controller.abort();
		const abortedAt = Date.now();
		const startedBeforeAbort = requests.length;

		const result = await outcome;
		const settledIn = Date.now() - abortedAt;
		// Give any request that escaped the abort time to show up.
		await new Promise((resolve) => setTimeout(resolve, 300));

		const received = standIn().requestsTo(SEND_PATH);
		expect(result).not.toBe('finished');
		expect((result as Error).message).toEqual(expect.any(String));
		// Nothing new was asked of n8n after the abort: only the (at most 5) requests already in flight.
		expect(startedBeforeAbort).toBeGreaterThanOrEqual(11);
		expect(startedBeforeAbort).toBeLessThanOrEqual(15);
		expect(requests.length).toBe(startedBeforeAbort);
		expect(received.length).toBe(startedBeforeAbort);
		// Those in flight may still reach the stand-in after the abort; nothing else does.
		expect(received.filter((request) => request.at > abortedAt).length).toBeLessThanOrEqual(startedBeforeAbort - 10);
		// The requests in flight were aborted, not waited for (each takes 500 ms to answer).
		expect(settledIn).toBeLessThan(400);
	}

	it('stops the queue: no request starts after the abort', async () => {
		await cancelMidRun(false);
	}, 20_000);

	it('stops the queue with Continue On Fail too, instead of turning the rest into error items', async () => {
		await cancelMidRun(true);
	}, 20_000);

	it('stops a request that is waiting out a Retry-After', async () => {
		standIn().setFaults({ script: { '1': '429' }, retryAfterSeconds: 30 });
		const controller = new AbortController();
		const { fns } = campaign(credentials(), 1, {}, { cancelSignal: controller.signal });

		const run = router.call(fns).then(
			() => 'finished',
			(error: Error) => error,
		);
		while (standIn().requestsTo(SEND_PATH).length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
		await new Promise((resolve) => setTimeout(resolve, 50));
		const abortedAt = Date.now();
		controller.abort();

		expect(await run).not.toBe('finished');
		expect(Date.now() - abortedAt).toBeLessThan(1000);
		expect(standIn().requestsTo(SEND_PATH)).toHaveLength(1);
	}, 10_000);

	it('stops a request that is waiting for its Rate Limit slot', async () => {
		const controller = new AbortController();
		const { fns, requests } = campaign(credentials(), 10, { rateLimit: 2 }, { cancelSignal: controller.signal });

		const run = router.call(fns).then(
			() => 'finished',
			(error: Error) => error,
		);
		await new Promise((resolve) => setTimeout(resolve, 700));
		controller.abort();

		expect(await run).not.toBe('finished');
		await new Promise((resolve) => setTimeout(resolve, 600));
		// One at 0 ms, one at 500 ms, then the abort at 700 ms.
		expect(requests).toHaveLength(2);
		expect(standIn().requestsTo(SEND_PATH)).toHaveLength(2);
	}, 10_000);
});

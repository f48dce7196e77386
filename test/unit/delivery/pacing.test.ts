/* eslint-disable @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * How fast the node sends: Concurrency bounds the requests in flight, Rate Limit spaces their
 * starts, and cancelling the execution stops the queue. Judged by counts and order, and by the
 * pacer's own release times, never by how long something took: the machine may be loaded.
 */
import { router } from '../../../nodes/Plazbot/actions/router';
import { RequestPacer } from '../../../nodes/Plazbot/transport/throttle';
import { campaign, destinationOf } from '../support/campaign';
import { onFakeClock, useFakeClock } from '../support/fakeClock';
import { startStandIn } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const SEND_PATH = '/api/message/conversation';

const maxInFlight = () => standIn().maxInFlight;
const gaps = (times: number[]) => times.slice(1).map((time, index) => time - times[index]);

describe('Concurrency', () => {
	beforeEach(useFakeClock);
	afterEach(() => jest.useRealTimers());

	it.each([
		[1, {}],
		[3, { concurrency: 3 }],
		[5, {}],
		[12, { concurrency: 12 }],
	] as Array<[number, Record<string, unknown>]>)(
		'keeps at most %i requests in flight',
		async (limit, options) => {
			standIn().setFaults({ latencyMs: 150 });
			// Two rounds and a half: every lane is busy at once, then refills.
			const { fns } = campaign(
				credentials(),
				Math.max(4, Math.ceil(limit * 2.5)),
				limit === 1 ? { concurrency: 1 } : options,
			);

			const [output] = await onFakeClock(standIn(), router.call(fns));

			// Reaching the limit shows the lanes really run at once; never above it shows the bound.
			expect(maxInFlight()).toBe(limit);
			expect(output.map((item) => item.pairedItem)).toEqual(output.map((_, item) => ({ item })));
		},
	);

	it('holds the bound while some requests wait out a 429', async () => {
		standIn().setFaults({ latencyMs: 20, rate429: 0.2, retryAfterSeconds: 1, seed: 3 });
		const { fns } = campaign(credentials(), 30, { concurrency: 4 });

		await onFakeClock(standIn(), router.call(fns));

		expect(maxInFlight()).toBeLessThanOrEqual(4);
		expect(standIn().earlyRetries).toBe(0);
	});
});

/**
 * When the pacer let each request go, read from the pacer itself. A request reaches n8n's HTTP
 * helper and the stand-in some milliseconds later, and on a loaded machine that delay varies by
 * tens of milliseconds: gaps measured there can look shorter than the pacer made them (a test that
 * did failed under load). The pacer's own release times are exact, and the tests judge by them and
 * by counts and order, never by how long anything took.
 */
function recordReleases(): { releases: number[]; restore: () => void } {
	const releases: number[] = [];
	const original = RequestPacer.prototype.wait;
	const spy = jest.spyOn(RequestPacer.prototype, 'wait').mockImplementation(async function (
		this: RequestPacer,
		signal?: AbortSignal,
	) {
		await original.call(this, signal);
		// Safe to read now: the next waiter sets it only after its own timer, a later macrotask.
		releases.push((this as unknown as { lastStart: number }).lastStart);
	});
	return { releases, restore: () => spy.mockRestore() };
}

describe('Rate Limit', () => {
	let pacer: ReturnType<typeof recordReleases>;
	beforeEach(() => (pacer = recordReleases()));
	afterEach(() => pacer.restore());
	beforeEach(useFakeClock);
	afterEach(() => jest.useRealTimers());

	it('20 per second over 16 items lets requests go at least 50 ms apart, each one once, in item order', async () => {
		const { fns } = campaign(credentials(), 16, {
			rateLimit: 20,
			rateLimitInterval: 'second',
			concurrency: 1,
		});

		const [output] = await onFakeClock(standIn(), router.call(fns));

		expect(pacer.releases).toHaveLength(16);
		expect(Math.min(...gaps(pacer.releases))).toBeGreaterThanOrEqual(50);
		expect(
			standIn()
				.requestsTo(SEND_PATH)
				.map((request) => request.body.destination),
		).toEqual(Array.from({ length: 16 }, (_, index) => destinationOf(index)));
		expect(output.map((item) => item.pairedItem)).toEqual(output.map((_, item) => ({ item })));
	});

	it('keeps the spacing after the event loop was blocked, instead of catching up in a burst', async () => {
		// Real time: blocking the event loop is what this test is about.
		jest.useRealTimers();
		const { fns } = campaign(credentials(), 12, { rateLimit: 20, concurrency: 5 });

		const run = router.call(fns);
		// Block the event loop past several 50 ms slots while requests are queued for them.
		await new Promise((resolve) => setTimeout(resolve, 120));
		const blockedUntil = Date.now() + 250;
		while (Date.now() < blockedUntil);
		await run;

		expect(pacer.releases).toHaveLength(12);
		expect(Math.min(...gaps(pacer.releases))).toBeGreaterThanOrEqual(50);
		expect(standIn().requestsTo(SEND_PATH)).toHaveLength(12);
	});

	it('per minute, and Delay Between Requests, space the starts the same way', async () => {
		// 600 per minute = one every 100 ms; the larger of the two spacings wins.
		const { fns } = campaign(credentials(), 6, {
			rateLimit: 600,
			rateLimitInterval: 'minute',
			delayBetweenRequests: 30,
		});

		await onFakeClock(standIn(), router.call(fns));

		expect(pacer.releases).toHaveLength(6);
		expect(Math.min(...gaps(pacer.releases))).toBeGreaterThanOrEqual(100);
	});

	it('counts retries against the limit too', async () => {
		standIn().setFaults({
			script: { '2': '503RetryAfter', '4': '503RetryAfter' },
			retryAfterSeconds: 0,
		});
		const { fns } = campaign(credentials(), 8, { delayBetweenRequests: 60, concurrency: 3 });

		await onFakeClock(standIn(), router.call(fns));

		expect(pacer.releases).toHaveLength(10);
		expect(Math.min(...gaps(pacer.releases))).toBeGreaterThanOrEqual(60);
		expect(standIn().requestsTo(SEND_PATH)).toHaveLength(10);
	});
});

describe('cancelling the execution', () => {
	async function cancelMidRun(continueOnFail: boolean) {
		// Long enough that waiting for the requests in flight would show.
		standIn().setFaults({ latencyMs: 500 });
		const controller = new AbortController();
		const { fns, requests } = campaign(
			credentials(),
			100,
			{},
			{ cancelSignal: controller.signal, continueOnFail },
		);

		const outcome = router.call(fns).then(
			() => 'finished',
			(error: Error) => error,
		);
		// Abort once the third batch of five is under way.
		while (standIn().requestsTo(SEND_PATH).length < 11)
			await new Promise((resolve) => setTimeout(resolve, 5));
		controller.abort();
		const abortedAt = Date.now();
		const startedBeforeAbort = requests.length;

		const result = await outcome;
		const settledAt = Date.now();
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
		expect(received.filter((request) => request.at > abortedAt).length).toBeLessThanOrEqual(
			startedBeforeAbort - 10,
		);
		// The requests in flight were aborted, not waited for: the run settled before any was answered.
		const inFlightAtAbort = received.filter((request: any) => !(request.respondedAt <= abortedAt));
		expect(inFlightAtAbort.length).toBeGreaterThan(0);
		expect(
			inFlightAtAbort
				.filter((request: any) => request.respondedAt <= settledAt)
				.map((request) => request.body.destination),
		).toEqual([]);
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
		while (standIn().requestsTo(SEND_PATH).length < 1)
			await new Promise((resolve) => setTimeout(resolve, 5));
		await new Promise((resolve) => setTimeout(resolve, 50));
		controller.abort();

		// Settling at all proves the 30 s wait ended: the test's own timeout is shorter.
		expect(await run).not.toBe('finished');
		expect(standIn().requestsTo(SEND_PATH)).toHaveLength(1);
	}, 10_000);

	it('stops a request that is waiting for its Rate Limit slot', async () => {
		const controller = new AbortController();
		const { fns, requests } = campaign(
			credentials(),
			10,
			{ rateLimit: 4 },
			{ cancelSignal: controller.signal },
		);

		const run = router.call(fns).then(
			() => 'finished',
			(error: Error) => error,
		);
		// Abort as soon as the second request went: the third is due 250 ms later.
		while (requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
		controller.abort();

		expect(await run).not.toBe('finished');
		// Two more slots' time: a request that escaped the abort would have gone by now.
		await new Promise((resolve) => setTimeout(resolve, 600));
		expect(requests).toHaveLength(2);
		expect(standIn().requestsTo(SEND_PATH)).toHaveLength(2);
	}, 10_000);
});

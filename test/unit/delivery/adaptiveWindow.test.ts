/**
 * Rate Control "Adaptive" (the version 2 default) through the router against the stand-in: the
 * window grows past Fixed's 5 while Plazbot answers well, stays within the user's Concurrency
 * when it is set, and under the stand-in's rate limiter every message is delivered once, with
 * the output in input order. Judged by counts, not timings.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { router } from '../../../nodes/Plazbot/actions/router';
import { onFakeClock, useFakeClock } from '../support/fakeClock';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const destinationOf = (index: number) => `5196${String(index).padStart(7, '0')}`;

function campaign(count: number, options: Record<string, unknown> = {}) {
	return fakeExecuteFunctions({
		items: Array.from({ length: count }, (_, index) => ({ phone: destinationOf(index) })),
		parameters: (_i, item) => ({
			resource: 'message',
			operation: 'sendConversation',
			template: { mode: 'name', value: 'promo_campaign' },
			destination: item.phone,
			sendType: 'campaign',
			campaignName: 'Window',
			options,
		}),
		credentials: credentials(),
		typeVersion: 2,
	}).fns;
}

function expectEachOnceInOrder(output: INodeExecutionData[], count: number) {
	const deliveries = standIn().state.deliveries as Map<string, number>;
	expect(deliveries.size).toBe(count);
	expect([...deliveries.values()].filter((times) => times !== 1)).toEqual([]);
	expect(output.map((item) => item.pairedItem)).toEqual(
		Array.from({ length: count }, (_, item) => ({ item })),
	);
	expect(output.map((item) => item.json.destination)).toEqual(
		Array.from({ length: count }, (_, index) => destinationOf(index)),
	);
}

describe('Adaptive concurrency through the router', () => {
	// Hundreds of real HTTP requests each: CPU-bound, seconds on a loaded machine.
	jest.setTimeout(60_000);
	beforeEach(useFakeClock);
	afterEach(() => jest.useRealTimers());

	it('with no option set, keeps more than Fixed’s 5 requests in flight while Plazbot answers well', async () => {
		standIn().setFaults({ latencyMs: 50 });
		const [output] = await onFakeClock(standIn(), router.call(campaign(300)));

		expectEachOnceInOrder(output, 300);
		expect(standIn().maxInFlight).toBeGreaterThan(10);
		expect(standIn().maxInFlight).toBeLessThanOrEqual(50);
	});

	it('never passes the Concurrency the user set, which is a hard cap', async () => {
		standIn().setFaults({ latencyMs: 50 });
		const [output] = await onFakeClock(standIn(), router.call(campaign(100, { concurrency: 3 })));

		expectEachOnceInOrder(output, 100);
		expect(standIn().maxInFlight).toBeLessThanOrEqual(3);
	});

	it('Fixed keeps the default Concurrency of 5', async () => {
		standIn().setFaults({ latencyMs: 50 });
		const [output] = await onFakeClock(
			standIn(),
			router.call(campaign(100, { rateControl: 'fixed' })),
		);

		expectEachOnceInOrder(output, 100);
		expect(standIn().maxInFlight).toBe(5);
	});

	it("under the stand-in's rate limit (100 per second) delivers each message once, in order", async () => {
		standIn().setFaults({ latencyMs: 50, rateLimitPerSecond: 100, retryAfterSeconds: 1 });
		const [output] = await onFakeClock(standIn(), router.call(campaign(400)));

		expectEachOnceInOrder(output, 400);
		const received = standIn().requestsTo('/api/message/conversation');
		const refused = received.filter((request) => request.fault === '429').length;
		expect(refused).toBeGreaterThan(0);
		// Every 429 was retried once more, and no message went out twice.
		expect(received.length).toBe(400 + refused);
	});
});

/**
 * Rate Control "Adaptive" against a Plazbot that allows 50 requests per second across all callers
 * (the stand-in's rateLimitPerSecond): ten executions at once, each with its own client as n8n
 * runs them, settle under the limit by themselves. Judged by counts, with generous bounds.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { router } from '../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../test/unit/support/fakeExecuteFunctions';
import { startStandIn } from '../test/unit/support/standIn';

const { standIn, credentials } = startStandIn();

const LIMIT = 50;
const EXECUTIONS = 10;
const ITEMS = 50;
const SEND_PATH = '/api/message/conversation';

/** One execution's campaign: its own 50 destinations; Continue On Fail, so that every item reports. */
function execution(index: number, rateControl: string) {
	return fakeExecuteFunctions({
		items: Array.from({ length: ITEMS }, (_, item) => ({
			phone: `5197${String(index * ITEMS + item).padStart(7, '0')}`,
		})),
		parameters: (_i, item) => ({
			resource: 'message',
			operation: 'sendConversation',
			template: 'promo_campaign',
			destination: item.phone,
			sendType: 'campaign',
			campaignName: 'Adaptive',
			options: { rateControl },
		}),
		credentials: credentials(),
		continueOnFail: true,
	});
}

async function runTenAtOnce(rateControl: string): Promise<INodeExecutionData[][]> {
	standIn().setFaults({ rateLimitPerSecond: LIMIT, latencyMs: 20, retryAfterSeconds: 1 });
	return (
		await Promise.all(
			Array.from({ length: EXECUTIONS }, (_, index) =>
				router.call(execution(index, rateControl).fns),
			),
		)
	).map(([output]) => output);
}

describe('Rate Control against a limit shared by ten executions', () => {
	it("the stand-in's limit: of a burst of 150 requests, 50 pass, and one more per 20 ms the burst took to arrive", async () => {
		standIn().setFaults({ rateLimitPerSecond: LIMIT });
		const statuses = await Promise.all(
			Array.from(
				{ length: 150 },
				async () => (await fetch(`${standIn().url}/api/workspace/x`)).status,
			),
		);
		const arrivals = standIn().requests.map((request) => request.at);
		const burstSeconds = (Math.max(...arrivals) - Math.min(...arrivals)) / 1000;
		const passed = statuses.filter((status) => status !== 429).length;
		expect(passed).toBeGreaterThanOrEqual(LIMIT);
		expect(passed).toBeLessThanOrEqual(LIMIT + Math.ceil(burstSeconds * LIMIT) + 1);
		expect(statuses.filter((status) => status === 429).length).toBe(150 - passed);
	});

	it('Adaptive: every message once, almost no 429 after the first seconds, a total rate close to the limit', async () => {
		const outputs = await runTenAtOnce('adaptive');

		expect(outputs.flat().filter((item) => item.json.error)).toEqual([]);
		const deliveries = standIn().state.deliveries as Map<string, number>;
		expect(deliveries.size).toBe(EXECUTIONS * ITEMS);
		expect([...deliveries.values()].every((count) => count === 1)).toBe(true);

		const received = standIn().requestsTo(SEND_PATH);
		const start = received[0].at;
		const settled = received.filter((request) => request.at - start >= 4_000);
		const refusedAfterSettling = settled.filter((request) => request.fault === '429').length;
		expect(settled.length).toBeGreaterThan(100);
		expect(refusedAfterSettling / settled.length).toBeLessThan(0.1);

		const accepted = received.filter((request) => request.fault === null);
		const seconds = (accepted[accepted.length - 1].at - start) / 1000;
		expect(accepted.length / seconds).toBeGreaterThan(0.6 * LIMIT);
		expect(accepted.length / seconds).toBeLessThan(1.2 * LIMIT);
	}, 120_000);

	it('Fixed, for comparison: the same ten executions run into the limit far more often', async () => {
		const outputs = await runTenAtOnce('fixed');
		const received = standIn().requestsTo(SEND_PATH);
		const refused = received.filter((request) => request.fault === '429').length;
		expect(refused / received.length).toBeGreaterThan(0.3);
		// Items that used up their 5 attempts fail: the campaign does not get through.
		expect(outputs.flat().filter((item) => item.json.error).length).toBeGreaterThan(0);
	}, 120_000);
});

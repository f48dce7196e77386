/**
 * Campaigns on n8n's queue mode: a webhook-triggered campaign of 20 executions × 50 customers,
 * run by two workers against the Plazbot stand-in.
 *
 * Runs on the n8n 2.x line only (the pinned runtime of test/n8n-runtime/n8n-2).
 */
import {
	CUSTOMERS_PER_EXECUTION,
	customerBatch,
	EXECUTIONS,
	executionsRunBy,
	finishedExecutions,
	postWebhook,
	startQueueStand,
	webhookCampaignWorkflow,
	WEBHOOK_PATH,
	type QueueStand,
} from './stand';

jest.setTimeout(20 * 60_000);

describe('A campaign on n8n queue mode (main + 2 workers, PostgreSQL, Redis)', () => {
	let stand: QueueStand;

	beforeAll(async () => {
		stand = await startQueueStand((credential) => [webhookCampaignWorkflow('wfQueue', WEBHOOK_PATH, credential)], {
			// Each request takes 20 ms, so the executions overlap and both workers get some.
			standIn: { latencyMs: 20 },
		});
	});

	afterAll(async () => {
		await stand?.stop();
	});

	it('sends every destination exactly once, every execution succeeds, both workers take part', async () => {
		const batches = Array.from({ length: EXECUTIONS }, (_, batch) => customerBatch(batch));
		await Promise.all(batches.map((customers) => postWebhook(stand.server, WEBHOOK_PATH, { campaign: 'Queue launch', customers })));

		const executions = await finishedExecutions(stand.server, 'wfQueue', EXECUTIONS);
		expect(executions).toHaveLength(EXECUTIONS);
		expect(executions.filter((e) => e.status !== 'success')).toEqual([]);

		const expected = batches.flat().map((c) => c.phone).sort();
		const deliveries: Map<string, number> = stand.standIn.state.deliveries;
		expect([...deliveries.keys()].sort()).toEqual(expected);
		expect([...deliveries.entries()].filter(([, count]) => count !== 1)).toEqual([]);
		const sends = stand.standIn.requestsTo('/api/message/conversation').filter((r: any) => r.method === 'POST');
		expect(sends).toHaveLength(EXECUTIONS * CUSTOMERS_PER_EXECUTION);
		expect(new Set(sends.map((r: any) => r.body.campaignName))).toEqual(new Set(['Queue launch']));

		// Which worker ran which execution, as each logged it: together all 20, each some, none twice.
		const [first, second] = stand.workers.map(executionsRunBy);
		expect(first.length).toBeGreaterThan(0);
		expect(second.length).toBeGreaterThan(0);
		expect([...first, ...second].sort()).toEqual(executions.map((e) => e.id).sort());
	});
});

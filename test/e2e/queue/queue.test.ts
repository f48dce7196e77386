/* eslint-disable @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * Campaigns on n8n's queue mode: a webhook-triggered campaign of 20 executions × 50 customers,
 * run by two workers against the Plazbot stand-in.
 *
 * Runs on the n8n 2.x line only (test/n8n-runtime/n8n-2): with PLAZBOT_N8N_LINE=n8n-1 it is
 * skipped, and says so.
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
import { N8N_LINE, type N8nProcess } from '../n8n';

jest.setTimeout(20 * 60_000);

const RESUME_PATH = 'plazbot-queue-resume';

/** Executions a worker logged as started and not as finished. */
function unfinishedOn(worker: N8nProcess): string[] {
	const finished = new Set([...worker.log().matchAll(/Worker finished execution (\d+)/g)].map((match) => match[1]));
	return executionsRunBy(worker).filter((id) => !finished.has(id));
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5 * 60_000): Promise<void> {
	for (let waited = 0; !condition(); waited += 100) {
		if (waited > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolveWait) => setTimeout(resolveWait, 100));
	}
}

// n8n 1.x activates workflows and words its worker logs differently; queue mode is proven on 2.x.
const describeOnN8n2 = N8N_LINE === 'n8n-2' ? describe : describe.skip;

describeOnN8n2('A campaign on n8n queue mode (main + 2 workers, PostgreSQL, Redis)', () => {
	let stand: QueueStand;

	beforeAll(async () => {
		stand = await startQueueStand(
			(credential) => [
				webhookCampaignWorkflow('wfQueue', WEBHOOK_PATH, credential),
				webhookCampaignWorkflow('wfResume', RESUME_PATH, credential, { skipAlreadySent: true }),
			],
			{
			// Each request takes 20 ms, so the executions overlap and both workers get some.
				standIn: { latencyMs: 20 },
			},
		);
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

	it('resumes after a worker is killed mid-campaign (kill -9): the same input again, every destination exactly once', async () => {
		stand.standIn.reset();
		// Slower answers, so that the kill finds executions half-way through their customers.
		stand.standIn.setFaults({ latencyMs: 50 });
		const [victim, survivor] = stand.workers;
		const batches = Array.from({ length: EXECUTIONS }, (_, batch) => customerBatch(batch, 51_800_000_000));
		const campaign = () => Promise.all(batches.map((customers) => postWebhook(stand.server, RESUME_PATH, { campaign: 'Queue resume', customers })));
		const deliveries: Map<string, number> = stand.standIn.state.deliveries;

		await campaign();
		await waitFor(() => deliveries.size >= 200 && unfinishedOn(victim).length > 0, 'the campaign to be under way on both workers');
		const killedWhileRunning = unfinishedOn(victim);
		await victim.stop('SIGKILL');

		// As the README says: wait until every execution of the campaign has ended; the dead
		// worker's end in error once their lock runs out.
		const crashed = await finishedExecutions(stand.server, 'wfResume', EXECUTIONS);
		const failed = crashed.filter((e) => e.status !== 'success').map((e) => e.id);
		expect(failed.length).toBeGreaterThan(0);
		expect(killedWhileRunning.every((id) => failed.includes(id))).toBe(true);
		const sentBeforeResume = deliveries.size;
		expect(sentBeforeResume).toBeLessThan(EXECUTIONS * CUSTOMERS_PER_EXECUTION);
		expect([...deliveries.values()].every((count) => count === 1)).toBe(true);
		stand.standIn.requests.length = 0;

		// The resume: the whole campaign posted again, with Skip Destinations Already Sent on.
		await campaign();
		const all = await finishedExecutions(stand.server, 'wfResume', 2 * EXECUTIONS);
		const resumed = all.filter((e) => !crashed.some((c) => c.id === e.id));
		expect(resumed).toHaveLength(EXECUTIONS);
		expect(resumed.filter((e) => e.status !== 'success')).toEqual([]);
		expect(executionsRunBy(survivor)).toEqual(expect.arrayContaining(resumed.map((e) => e.id)));

		const expected = batches.flat().map((c) => c.phone).sort();
		expect([...deliveries.keys()].sort()).toEqual(expected);
		expect([...deliveries.entries()].filter(([, count]) => count !== 1)).toEqual([]);
		const resumeSends = stand.standIn.requestsTo('/api/message/conversation').filter((r: any) => r.method === 'POST');
		expect(resumeSends).toHaveLength(EXECUTIONS * CUSTOMERS_PER_EXECUTION - sentBeforeResume);
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * n8n's queue mode, one stand for all its tests (main, two workers, PostgreSQL, Redis: booting
 * one takes most of a minute on 2 cores): a webhook-triggered campaign of 20 executions × 50
 * customers run by both workers, Rate Control under a limit shared by ten executions, AI Agent →
 * Add File with binary data in n8n's database, and a resume after a worker is killed (last: it
 * leaves one worker).
 *
 * Runs on the n8n 2.x line only (test/n8n-runtime/n8n-2): with PLAZBOT_N8N_LINE=n8n-1 it is
 * skipped, and says so.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
	WORKSPACE_ID,
	type QueueStand,
} from './stand';
import { CREDENTIAL_TYPE, N8N_LINE, NODE_TYPE, type CredentialSpec, type N8nProcess } from '../n8n';
import { PDFS, expectedUploadBodies, uploadBodies } from '../pdfs';

jest.setTimeout(20 * 60_000);

const RESUME_PATH = 'plazbot-queue-resume';
const ADAPTIVE_PATH = 'plazbot-queue-adaptive';
/** Plazbot's limit in the Rate Control test, across all callers. */
const LIMIT_PER_SECOND = 50;

const FILES_WORKFLOW = 'wfQueueFiles';
const FILES_PATH = 'plazbot-queue-files';

/**
 * Webhook → Read/Write Files from Disk reads the PDFs (a worker stores each in n8n's database) →
 * Add File, which reads them back through n8n's binary helpers.
 */
function filesWorkflow(credential: CredentialSpec, fileSelector: string): object {
	const credentials = { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } };
	const nodes = [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: `${FILES_WORKFLOW}-hook`,
			parameters: { httpMethod: 'POST', path: FILES_PATH, responseMode: 'onReceived', options: {} },
		},
		{
			name: 'Read PDFs',
			type: 'n8n-nodes-base.readWriteFile',
			typeVersion: 1,
			parameters: { operation: 'read', fileSelector, options: {} },
		},
		{
			name: 'Add File to Agent',
			type: NODE_TYPE,
			typeVersion: 2,
			parameters: {
				resource: 'agent',
				operation: 'addFile',
				agentId: { __rl: true, mode: 'id', value: 'agent-demo-1' },
				fileSource: 'binary',
				binaryPropertyName: 'data',
			},
			credentials,
		},
	];
	return {
		id: FILES_WORKFLOW,
		name: `queue ${FILES_WORKFLOW}`,
		active: false,
		nodes: nodes.map((node, index) => ({
			id: `${FILES_WORKFLOW}-${index}`,
			position: [index * 220, 0],
			...node,
		})),
		connections: {
			Webhook: { main: [[{ node: 'Read PDFs', type: 'main', index: 0 }]] },
			'Read PDFs': { main: [[{ node: 'Add File to Agent', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Executions a worker logged as started and not as finished. */
function unfinishedOn(worker: N8nProcess): string[] {
	const finished = new Set(
		[...worker.log().matchAll(/Worker finished execution (\d+)/g)].map((match) => match[1]),
	);
	return executionsRunBy(worker).filter((id) => !finished.has(id));
}

async function waitFor(
	condition: () => boolean,
	what: string,
	timeoutMs = 5 * 60_000,
): Promise<void> {
	for (let waited = 0; !condition(); waited += 100) {
		if (waited > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolveWait) => setTimeout(resolveWait, 100));
	}
}

// n8n 1.x activates workflows and words its worker logs differently; queue mode is proven on 2.x.
const describeOnN8n2 = N8N_LINE === 'n8n-2' ? describe : describe.skip;

describeOnN8n2('n8n queue mode (main + 2 workers, PostgreSQL, Redis)', () => {
	// Read/Write Files from Disk may read only below this folder.
	const allowed = mkdtempSync(join(tmpdir(), 'plazbot-queue-files-'));
	const folder = join(allowed, 'knowledge');
	let stand: QueueStand;

	beforeAll(async () => {
		mkdirSync(folder, { recursive: true });
		for (const [name, bytes] of Object.entries(PDFS)) writeFileSync(join(folder, name), bytes);
		stand = await startQueueStand(
			(credential) => [
				webhookCampaignWorkflow('wfQueue', WEBHOOK_PATH, credential),
				webhookCampaignWorkflow('wfResume', RESUME_PATH, credential, { skipAlreadySent: true }),
				// Node version 2 with no options set: Rate Control is Adaptive by default.
				webhookCampaignWorkflow(
					'wfAdaptive',
					ADAPTIVE_PATH,
					credential,
					{
						template: { __rl: true, mode: 'name', value: 'promo_campaign' },
						variablesBody: undefined,
					},
					2,
				),
				filesWorkflow(credential, join(folder, '*.pdf')),
			],
			{
				// Each request takes 20 ms, so the executions overlap and both workers get some.
				standIn: { latencyMs: 20 },
				// Binary data in the database, as n8n 2.x keeps it in queue mode anyway: said outright, so
				// that the Add File test proves that path whatever n8n's default.
				env: { N8N_RESTRICT_FILE_ACCESS_TO: allowed, N8N_DEFAULT_BINARY_DATA_MODE: 'database' },
			},
		);
	});

	afterAll(async () => {
		await stand?.stop();
		rmSync(allowed, { recursive: true, force: true });
	});

	it('sends every destination exactly once, every execution succeeds, both workers take part', async () => {
		const batches = Array.from({ length: EXECUTIONS }, (_, batch) => customerBatch(batch));
		await Promise.all(
			batches.map((customers) =>
				postWebhook(stand.server, WEBHOOK_PATH, { campaign: 'Queue launch', customers }),
			),
		);

		const executions = await finishedExecutions(stand.server, 'wfQueue', EXECUTIONS);
		expect(executions).toHaveLength(EXECUTIONS);
		expect(executions.filter((e) => e.status !== 'success')).toEqual([]);

		const expected = batches
			.flat()
			.map((c) => c.phone)
			.sort();
		const deliveries: Map<string, number> = stand.standIn.state.deliveries;
		expect([...deliveries.keys()].sort()).toEqual(expected);
		expect([...deliveries.entries()].filter(([, count]) => count !== 1)).toEqual([]);
		const sends = stand.standIn
			.requestsTo('/api/message/conversation')
			.filter((r: any) => r.method === 'POST');
		expect(sends).toHaveLength(EXECUTIONS * CUSTOMERS_PER_EXECUTION);
		expect(new Set(sends.map((r: any) => r.body.campaignName))).toEqual(new Set(['Queue launch']));

		// Which worker ran which execution, as each logged it: together all 20, each some, none twice.
		const [first, second] = stand.workers.map(executionsRunBy);
		process.stderr.write(
			`Queue campaign: worker 1 ran ${first.length} executions, worker 2 ran ${second.length}\n`,
		);
		expect(first.length).toBeGreaterThan(0);
		expect(second.length).toBeGreaterThan(0);
		expect([...first, ...second].sort()).toEqual(executions.map((e) => e.id).sort());
	});

	it('ten executions at once on two workers settle under a limit of 50 requests per second (node version 2: Rate Control Adaptive)', async () => {
		stand.standIn.reset();
		stand.standIn.setFaults({
			rateLimitPerSecond: LIMIT_PER_SECOND,
			latencyMs: 20,
			retryAfterSeconds: 1,
		});
		// Two workers at concurrency 5 run ten executions at once, 150 messages each: about 30 s at the
		// limit.
		const batches = Array.from({ length: 10 }, (_, batch) =>
			customerBatch(batch, 51_700_000_000, 150),
		);
		await Promise.all(
			batches.map((customers) =>
				postWebhook(stand.server, ADAPTIVE_PATH, { campaign: 'Queue adaptive', customers }),
			),
		);

		const executions = await finishedExecutions(stand.server, 'wfAdaptive', batches.length);
		expect(executions.filter((e) => e.status !== 'success')).toEqual([]);
		const deliveries: Map<string, number> = stand.standIn.state.deliveries;
		expect([...deliveries.keys()].sort()).toEqual(
			batches
				.flat()
				.map((c) => c.phone)
				.sort(),
		);
		expect([...deliveries.values()].every((count) => count === 1)).toBe(true);

		// The campaign is judged by what it cost: requests per message sent. A good Adaptive sends
		// 1,830 to 1,900 for the 1,500 messages on an idle or a saturated machine (330 to 400
		// answered 429, most in each execution's slow start); one that cut too little after a 429
		// sent 3,280. How those 429s split between each execution's first 4 s and the rest, and the
		// pace, are printed, not asserted (npm run bench:limits measures them without n8n): under load
		// n8n starts queued executions seconds apart, and the share after 4 s went from 1 % to 13 %
		// between runs of the same code.
		const received: Array<{ at: number; fault: string | null; body: { destination: string } }> =
			stand.standIn.requestsTo('/api/message/conversation');
		const batchOf = new Map(
			batches.flatMap((customers, batch) => customers.map((c) => [c.phone, batch] as const)),
		);
		const firstAt = batches.map(() => Infinity);
		for (const request of received) {
			const batch = batchOf.get(request.body.destination) as number;
			firstAt[batch] = Math.min(firstAt[batch], request.at);
		}
		const settled = received.filter(
			(request) => request.at >= firstAt[batchOf.get(request.body.destination) as number] + 4_000,
		);
		const refused = settled.filter((request) => request.fault === '429').length;
		const seconds = (Math.max(...received.map((r) => r.at)) - Math.min(...firstAt)) / 1000;
		process.stderr.write(
			`Rate Control Adaptive in queue mode: ${received.length} requests for ${deliveries.size} ` +
				`messages in ${seconds.toFixed(1)} s, ` +
				`${received.filter((request) => request.fault === '429').length} answered 429; after each ` +
				`execution's first 4 s: ${refused} of ${settled.length} answered 429\n`,
		);
		expect(received.length).toBeLessThan(1.5 * deliveries.size);
	});

	it("AI Agent → Add File: a worker uploads each PDF with its exact bytes and name, read back from n8n's database", async () => {
		stand.standIn.reset();
		await postWebhook(stand.server, FILES_PATH, {});
		const [execution] = await finishedExecutions(stand.server, FILES_WORKFLOW, 1);
		expect(execution.status).toBe('success');
		// Run by the worker, not main: the file went through n8n's database between the two nodes.
		expect(stand.workers.flatMap(executionsRunBy)).toContain(execution.id);
		expect(uploadBodies(stand.standIn.requestsTo('/api/agent/add-file-direct'))).toEqual(
			expectedUploadBodies('agent-demo-1', WORKSPACE_ID),
		);
	});

	it('resumes after a worker is killed mid-campaign (kill -9): the same input again, every destination exactly once', async () => {
		stand.standIn.reset();
		// Slower answers, so that the kill finds executions half-way through their customers.
		stand.standIn.setFaults({ latencyMs: 50 });
		const [victim, survivor] = stand.workers;
		const batches = Array.from({ length: EXECUTIONS }, (_, batch) =>
			customerBatch(batch, 51_800_000_000),
		);
		const campaign = () =>
			Promise.all(
				batches.map((customers) =>
					postWebhook(stand.server, RESUME_PATH, { campaign: 'Queue resume', customers }),
				),
			);
		const deliveries: Map<string, number> = stand.standIn.state.deliveries;

		await campaign();
		await waitFor(
			() => deliveries.size >= 200 && unfinishedOn(victim).length > 0,
			'the campaign to be under way on both workers',
		);
		await victim.stop('SIGKILL');

		// As the README says: wait until every execution of the campaign has ended; the dead
		// worker's end in error once their lock runs out.
		const crashed = await finishedExecutions(stand.server, 'wfResume', EXECUTIONS);
		const failed = crashed.filter((e) => e.status !== 'success');
		expect(failed.length).toBeGreaterThan(0);
		// None is reported as sent that was not: an execution that ended in success sent every one
		// of its customers. (Which execution the kill caught is not read from the worker's log: an
		// execution can be saved as finished and the worker die before it logs so.)
		const deliveredBatches = batches.filter((customers) =>
			customers.every((customer) => deliveries.has(customer.phone)),
		);
		expect(crashed.length - failed.length).toBeLessThanOrEqual(deliveredBatches.length);
		const sentBeforeResume = deliveries.size;
		expect(sentBeforeResume).toBeLessThan(EXECUTIONS * CUSTOMERS_PER_EXECUTION);
		expect([...deliveries.values()].every((count) => count === 1)).toBe(true);
		stand.standIn.requests.length = 0;

		// The resume: the whole campaign posted again, with Skip Destinations Already Sent on.
		await campaign();
		const resumed = await finishedExecutions(stand.server, 'wfResume', EXECUTIONS, crashed);
		expect(resumed).toHaveLength(EXECUTIONS);
		expect(resumed.filter((e) => e.status !== 'success')).toEqual([]);
		expect(executionsRunBy(survivor)).toEqual(expect.arrayContaining(resumed.map((e) => e.id)));

		const expected = batches
			.flat()
			.map((c) => c.phone)
			.sort();
		expect([...deliveries.keys()].sort()).toEqual(expected);
		expect([...deliveries.entries()].filter(([, count]) => count !== 1)).toEqual([]);
		const resumeSends = stand.standIn
			.requestsTo('/api/message/conversation')
			.filter((r: any) => r.method === 'POST');
		expect(resumeSends).toHaveLength(EXECUTIONS * CUSTOMERS_PER_EXECUTION - sentBeforeResume);
		process.stderr.write(
			`Worker killed: ${failed.length} executions failed; ` +
				`${sentBeforeResume} of ${EXECUTIONS * CUSTOMERS_PER_EXECUTION} sent before the resume, ${resumeSends.length} by it\n`,
		);
	});
});

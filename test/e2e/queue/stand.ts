/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/require-node-api-error, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * n8n in queue mode, as users run it when one process is not enough: `n8n start` (main) takes the
 * webhooks and queues the executions in Redis, `n8n worker`s run them, PostgreSQL holds
 * everything. Used by the queue-mode tests and the queue bench.
 */
import {
	CREDENTIAL_TYPE,
	createCredential,
	N8nInstance,
	NODE_TYPE,
	type CredentialSpec,
	type N8nProcess,
	type N8nServer,
	runtimeDir,
	saveWorkflow,
} from '../n8n';
import {
	databaseEnv,
	queueModeEnv,
	startMigratedPostgres,
	startRedis,
	type Postgres,
	type Service,
} from './services';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createStandIn } = require('../../stand-in/server');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { cacheDir } = require('../runtime') as { cacheDir: (runtime: string) => string };

export const WORKSPACE_ID = 'ws-e2e-queue-5e1a';
export const API_KEY = 'key-e2e-queue-20c7d4';
export const EXECUTIONS = 20;
export const CUSTOMERS_PER_EXECUTION = 50;
export const WEBHOOK_PATH = 'plazbot-queue-campaign';

export interface Customer {
	phone: string;
	name: string;
}

/** Batch `batch` of a campaign: `size` distinct customers, numbered from `firstPhone`. */
export function customerBatch(
	batch: number,
	firstPhone = 51_900_000_000,
	size = CUSTOMERS_PER_EXECUTION,
): Customer[] {
	return Array.from({ length: size }, (_, index) => {
		const n = batch * size + index;
		return { phone: String(firstPhone + n), name: `Customer ${n}` };
	});
}

/**
 * Webhook (answers at once; the execution is queued) → Split Out the posted customers → Send
 * Conversation, one item per customer.
 */
export function webhookCampaignWorkflow(
	id: string,
	path: string,
	credential: CredentialSpec,
	sendParameters: Record<string, unknown> = {},
	typeVersion = 1,
): object {
	return {
		id,
		name: `queue ${id}`,
		active: false,
		nodes: [
			{
				id: `${id}-webhook`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `${id}-hook`,
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			},
			{
				id: `${id}-split`,
				name: 'Customers',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.customers', options: {} },
			},
			{
				id: `${id}-send`,
				name: 'Send Conversation',
				type: NODE_TYPE,
				typeVersion,
				position: [440, 0],
				parameters: {
					resource: 'message',
					operation: 'sendConversation',
					template: 'promo_campaign',
					destination: '={{ $json.phone }}',
					sendType: 'campaign',
					campaignName: '={{ $("Webhook").first().json.body.campaign }}',
					variablesBody: { variable: [{ variable: '1', value: '={{ $json.name }}' }] },
					...sendParameters,
				},
				credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Customers', type: 'main', index: 0 }]] },
			Customers: { main: [[{ node: 'Send Conversation', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

export interface QueueStand {
	standIn: any;
	n8n: N8nInstance;
	server: N8nServer;
	workers: N8nProcess[];
	credential: CredentialSpec;
	/** Starts one more worker (stopped with the rest). */
	addWorker(): Promise<N8nProcess>;
	stop(): Promise<void>;
}

/** Runs n8n once on the fresh database: its first command applies every migration. */
async function migrate(postgres: Postgres): Promise<void> {
	const n8n = new N8nInstance({ env: databaseEnv(postgres) });
	try {
		const result = await n8n.cli(['list:workflow']);
		if (result.exitCode !== 0)
			throw new Error(`n8n could not migrate PostgreSQL:\n${result.stdout}\n${result.stderr}`);
	} finally {
		await n8n.dispose();
	}
}

interface Stoppable {
	stop(): Promise<void> | void;
}

/**
 * Resolves with what every one of `parts` resolved with; `started` gets each part that started,
 * also when another failed, so that the caller stops it.
 */
async function allStarted(
	parts: Array<Promise<Stoppable>>,
	started: Stoppable[],
): Promise<Stoppable[]> {
	const settled = await Promise.allSettled(parts);
	for (const outcome of settled) if (outcome.status === 'fulfilled') started.push(outcome.value);
	const failed = settled.find((outcome) => outcome.status === 'rejected');
	if (failed) throw (failed as PromiseRejectedResult).reason;
	return settled.map((outcome) => (outcome as PromiseFulfilledResult<Stoppable>).value);
}

/**
 * The stand-in, PostgreSQL (a copy of the runtime's migrated cluster) and Redis; then n8n main
 * and `workerCount` workers, started together (each waits only for the database and Redis);
 * then the credential and `workflows` created and activated through main's REST API, as in the
 * editor. What started is stopped by `stop()`, also when a later step fails.
 */
export async function startQueueStand(
	workflows: (credential: CredentialSpec) => object[],
	options: {
		workerCount?: number;
		workerConcurrency?: number;
		standIn?: Record<string, unknown>;
		/** More n8n settings for main and the workers (file access, binary data mode…). */
		env?: NodeJS.ProcessEnv;
	} = {},
): Promise<QueueStand> {
	const started: Stoppable[] = [];
	const stand: Partial<QueueStand> & { workers: N8nProcess[] } = { workers: [] };
	const stop = async () => {
		for (const part of started.reverse()) await Promise.resolve(part.stop()).catch(() => undefined);
	};
	try {
		const standIn = createStandIn({
			workspaceId: WORKSPACE_ID,
			apiKey: API_KEY,
			...(options.standIn ?? {}),
		});
		let url = '';
		const [, postgres, redis] = await allStarted(
			[
				standIn.start(0).then((address: string) => {
					url = address;
					return standIn;
				}),
				startMigratedPostgres(cacheDir(runtimeDir()), migrate),
				startRedis(),
			],
			started,
		);
		const n8n = new N8nInstance({
			env: { ...queueModeEnv(postgres as Postgres, redis as Service), ...options.env },
		});
		started.push({ stop: () => n8n.dispose() });
		const startWorker = () => n8n.startWorker(options.workerConcurrency ?? 5);
		const [server, ...workers] = await allStarted(
			[n8n.startServer(), ...Array.from({ length: options.workerCount ?? 2 }, () => startWorker())],
			started,
		);
		const main = server as N8nServer;
		stand.workers.push(...(workers as N8nProcess[]));
		const credential = await createCredential(main, {
			id: '',
			name: 'Plazbot stand-in',
			data: { workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl: url },
		});
		const definitions = workflows(credential) as Array<{ id: string }>;
		for (const definition of definitions) {
			if ((await saveWorkflow(main, definition)) !== definition.id)
				throw new Error(`n8n did not keep the id of workflow ${definition.id}`);
		}
		for (const { id } of definitions) await activate(main, id);
		const addWorker = async () => {
			const worker = await startWorker();
			started.push(worker);
			stand.workers.push(worker);
			return worker;
		};
		return { standIn, n8n, server: main, workers: stand.workers, credential, addWorker, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Publishes a workflow as the editor's Activate/Publish button does. */
async function activate(server: N8nServer, workflowId: string): Promise<void> {
	const workflow = await server.rest('GET', `/workflows/${workflowId}`);
	const answer = await server.rest('POST', `/workflows/${workflowId}/activate`, {
		versionId: workflow.data?.versionId,
	});
	if (!answer.data?.active)
		throw new Error(`Could not activate ${workflowId}: ${JSON.stringify(answer).slice(0, 500)}`);
}

/**
 * Posts to a production webhook. Right after activation n8n answers 404 for a moment while the
 * webhook is registered: that is waited out, anything else is an error.
 */
export async function postWebhook(server: N8nServer, path: string, body: unknown): Promise<void> {
	for (let waited = 0; ; waited += 250) {
		const response = await fetch(`${server.baseUrl}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		const text = await response.text();
		if (response.ok) return;
		if (response.status !== 404 || waited > 60_000)
			throw new Error(`Webhook ${path} answered ${response.status}: ${text.slice(0, 300)}`);
		await new Promise((resolveWait) => setTimeout(resolveWait, 250));
	}
}

export interface ExecutionSummary {
	id: string;
	status: string;
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/**
 * Waits until `count` executions of the workflow, leaving out those in `earlier`, exist and all
 * have finished; returns them. n8n lists at most 100 at a time, the newest first.
 */
export async function finishedExecutions(
	server: N8nServer,
	workflowId: string,
	count: number,
	earlier: ExecutionSummary[] = [],
	timeoutMs = 10 * 60_000,
): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const known = new Set(earlier.map((e) => e.id));
	let seen: ExecutionSummary[] = [];
	for (let waited = 0; waited <= timeoutMs; waited += 1000) {
		const answer = await server.rest('GET', `/executions?filter=${filter}&limit=100`);
		seen = (answer.data?.results ?? [])
			.map((e: { id: string; status: string }) => ({ id: String(e.id), status: e.status }))
			.filter((e: ExecutionSummary) => !known.has(e.id));
		if (seen.length >= count && seen.every((e) => FINISHED.has(e.status))) return seen;
		await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
	}
	throw new Error(`Executions of ${workflowId} did not finish: ${JSON.stringify(seen)}`);
}

/** The execution IDs a worker logged as started ("Worker started execution 12 (job 7)"). */
export function executionsRunBy(worker: N8nProcess): string[] {
	return [...worker.log().matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]);
}

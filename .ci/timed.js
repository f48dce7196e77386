#!/usr/bin/env node
'use strict';
/**
 * Runs a shell command, prefixes every line it prints with the time since the start, and prints
 * how long each stage took once it ends, so a slow stage in CI is seen at a glance.
 *
 *   node .ci/timed.js "npm test"
 *
 * Stages are recognised from what the tools print anyway: npm's "> package@version script"
 * header, jest's "Running one project: …", the n8n runtime installer's "Installing …" and
 * "n8n runtime … ready" lines, the e2e setup's "e2e on <line>:" and test/alongside.js's
 * "alongside: … at once". Exits with the command's exit code.
 */
const { spawn } = require('node:child_process');
const readline = require('node:readline');

const command = process.argv[2];
if (!command) {
	console.error('usage: node .ci/timed.js "<shell command>"');
	process.exit(2);
}

/** The jest project running now ("Running one project: …"). */
let jestProject = 'e2e';
/** What test/alongside.js runs beside the first script, whose output alone marks the stages. */
let beside = '';
const MARKERS = [
	[/^> \S+@\S+ (\S+)$/, (m) => `npm run ${m[1]}`],
	[/^Running one project: (\S+)/, (m) => `jest ${(jestProject = m[1])}`],
	[/^Installing .+ into \S+\/([^/\s]+)-[0-9a-f]{16}$/, (m) => `n8n runtime install, ${m[1]}`],
	[/^Building sqlite3/, () => 'n8n runtime: build sqlite3'],
	[/^n8n runtime \S+ ready/, () => 'e2e tests'],
	// The e2e and queue projects both print it: the stage is named after the project that runs.
	[/^e2e on (\S+):/, (m) => `${jestProject} tests on ${m[1]}${beside}`],
	[
		/^alongside: npm run \S+ and (.+) at once$/,
		(m) => {
			beside = `, beside ${m[1]}`;
			return 'node test/alongside.js';
		},
	],
];

const started = Date.now();
const clock = (ms) => {
	const seconds = Math.round(ms / 1000);
	return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
};
/** [label, start ms]; each stage ends where the next begins. */
const stages = [['(before the first stage)', 0]];

const child = spawn('bash', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
for (const stream of [child.stdout, child.stderr]) {
	readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
		const now = Date.now() - started;
		for (const [pattern, label] of MARKERS) {
			const match = pattern.exec(line);
			if (match) stages.push([label(match), now]);
		}
		process.stdout.write(`[${clock(now)}] ${line}\n`);
	});
}

child.on('close', (code, signal) => {
	const total = Date.now() - started;
	console.log(`\nStages of "${command}" (mm:ss):`);
	stages.forEach(([label, start], index) => {
		const end = index + 1 < stages.length ? stages[index + 1][1] : total;
		// A stage that ends as it starts (two markers in a row) is noise.
		if (end - start < 1000) return;
		console.log(`  ${clock(end - start)}  ${label}`);
	});
	console.log(
		`  ${clock(total)}  total${code === 0 ? '' : `, FAILED (${signal ?? `exit code ${code}`})`}`,
	);
	process.exit(code ?? 1);
});

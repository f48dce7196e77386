#!/usr/bin/env node
'use strict';
/**
 * Runs npm scripts at the same time and exits non-zero when any of them fails.
 *
 *   node test/alongside.js test:e2e:n8n1 test:queue:n8n2
 *
 * npm test runs the queue suite beside the n8n 1.x line: most of the queue suite's time is spent
 * waiting (for a campaign at Plazbot's pace, for a killed worker's lock to run out), so on 2 cores
 * it costs the other run little. The first script prints as it goes; each of the others is held
 * and printed whole after it, so the two never interleave.
 */
const { spawn } = require('node:child_process');

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
	console.error('usage: node test/alongside.js <npm script> [<npm script> ...]');
	process.exit(2);
}

console.log(`alongside: ${scripts.map((script) => `npm run ${script}`).join(' and ')} at once`);
const started = Date.now();
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;

const runs = scripts.map((script, index) => {
	const held = index > 0;
	const child = spawn('npm', ['run', script], {
		stdio: ['inherit', held ? 'pipe' : 'inherit', held ? 'pipe' : 'inherit'],
	});
	const output = [];
	if (held) {
		child.stdout.on('data', (chunk) => output.push(chunk));
		child.stderr.on('data', (chunk) => output.push(chunk));
	}
	return new Promise((settle) => {
		child.on('close', (code, signal) => {
			const outcome = code === 0 ? 'passed' : `FAILED (${signal ?? `exit code ${code}`})`;
			settle({ script, held, output, code: code ?? 1, summary: `${script} ${outcome}` });
		});
		child.on('error', (error) => {
			settle({ script, held, output, code: 1, summary: `${script} did not start: ${error}` });
		});
	}).then((run) => {
		run.summary += ` after ${elapsed()}${held ? `, beside npm run ${scripts[0]}` : ''}`;
		return run;
	});
});

(async () => {
	const ended = [];
	for (const run of runs) {
		const result = await run;
		if (result.held) {
			process.stdout.write(
				`\n--- npm run ${result.script} (ran beside npm run ${scripts[0]}) ---\n`,
			);
			for (const chunk of result.output) process.stdout.write(chunk);
		}
		ended.push(result);
	}
	console.log('');
	for (const result of ended) console.log(`alongside: ${result.summary}`);
	process.exit(ended.some((result) => result.code !== 0) ? 1 : 0);
})();

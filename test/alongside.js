#!/usr/bin/env node
'use strict';
/**
 * Runs npm scripts at the same time, each one's output to its own log, and prints each log, every
 * line prefixed with the script's name, when that script ends, so that two test runs never
 * interleave on screen. Exits non-zero when any script failed, after all of them have ended.
 *
 *   node test/alongside.js test:e2e:n8n1 test:queue:n8n2
 *
 * `npm test` runs the queue-mode suite beside the n8n 1.x end-to-end tests this way: on 2 cores
 * both spend much of their time waiting (on n8n's boots, the stand-in's answers, a killed
 * worker's lock running out), so together they take less than one after the other.
 */
const { spawn } = require('node:child_process');
const { closeSync, mkdtempSync, openSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
	console.error('usage: node test/alongside.js <npm script> [<npm script>…]');
	process.exit(2);
}

const clock = (ms) => {
	const seconds = Math.round(ms / 1000);
	return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
};

const logs = mkdtempSync(join(tmpdir(), 'plazbot-alongside-'));
const started = Date.now();
console.log(`Running alongside: ${scripts.join(', ')} (each one's output follows when it ends)`);

const children = new Set();
const runs = scripts.map(
	(script, index) =>
		new Promise((done) => {
			const log = join(logs, `${index}.log`);
			const fd = openSync(log, 'w');
			// Its own process group, so that an interrupted run stops everything the script started.
			const child = spawn('npm', ['run', script], { stdio: ['ignore', fd, fd], detached: true });
			closeSync(fd);
			children.add(child);
			const end = (outcome) => {
				children.delete(child);
				const text = readFileSync(log, 'utf8').replace(/\n$/, '');
				const lines = text === '' ? [] : text.split('\n');
				const took = clock(Date.now() - started);
				process.stdout.write(
					`\n${lines.map((line) => `${script} | ${line}`).join('\n')}\n` +
						`${script}: ${outcome === 0 ? 'passed' : `FAILED (${outcome})`} after ${took}\n`,
				);
				done({ script, ok: outcome === 0, took });
			};
			child.once('error', (error) => end(String(error)));
			child.once('close', (code, signal) => end(code === 0 ? 0 : (signal ?? `exit code ${code}`)));
		}),
);

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, () => {
		for (const child of children) {
			try {
				process.kill(-child.pid, signal);
			} catch {
				// Ended already.
			}
		}
		process.exit(1);
	});
}

Promise.all(runs).then((results) => {
	rmSync(logs, { recursive: true, force: true });
	console.log(
		`\nAlongside, ${clock(Date.now() - started)} in all: ` +
			results.map((r) => `${r.script} ${r.ok ? 'passed' : 'FAILED'} (${r.took})`).join(', '),
	);
	process.exitCode = results.every((r) => r.ok) ? 0 : 1;
});

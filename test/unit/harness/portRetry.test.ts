/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * `npm start` and the e2e harness choose free ports, then start n8n. When another process takes a
 * port in between, n8n stops saying so, and test/portRetry.js chooses again and starts again.
 * Here a stand-in for n8n (a Node.js process that binds the port and, when it cannot, prints what
 * n8n prints) is started on a port the test occupies right after it was chosen.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PortTaken, saysPortTaken, withPortRetry } = require('../../portRetry');

const FAKE_N8N = `
const server = require('node:net').createServer();
server.once('error', (error) => {
	if (error.code === 'EADDRINUSE') console.error("n8n's port " + process.env.N8N_PORT + ' is already in use. Do you have another instance of n8n running already?');
	else console.error(error.message);
	process.exit(1);
});
server.listen(Number(process.env.N8N_PORT), () => console.log('listening'));
setTimeout(() => process.exit(0), 1000);
`;

async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((listening) => server.listen(0, listening));
	const { port } = server.address() as { port: number };
	await new Promise((closed) => server.close(closed));
	return port;
}

/** Starts the fake n8n on `port`: resolves with the port once it listens, PortTaken if it says so. */
function startFakeN8n(port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['-e', FAKE_N8N], {
			env: { ...process.env, N8N_PORT: String(port) },
		});
		let output = '';
		child.stdout.on('data', (chunk) => {
			output += chunk;
			if (output.includes('listening')) {
				child.kill();
				resolve(port);
			}
		});
		child.stderr.on('data', (chunk) => (output += chunk));
		child.once('exit', () => {
			if (saysPortTaken(output)) reject(new PortTaken(output));
			else reject(new Error(`fake n8n stopped: ${output}`));
		});
	});
}

const occupied: Server[] = [];
async function occupy(port: number): Promise<void> {
	// Whoever connects is hung up on, so that closing the server waits for nobody.
	const server = createServer((socket) => socket.destroy());
	await new Promise<void>((listening) => server.listen(port, listening));
	occupied.push(server);
}
afterEach(async () => {
	await Promise.all(occupied.splice(0).map((server) => new Promise((c) => server.close(c))));
});

describe('a port taken between choosing it and n8n binding it', () => {
	it('is chosen again and n8n started again, not fatal', async () => {
		const chosen: number[] = [];
		const retried: number[] = [];
		const port = await withPortRetry(
			async () => {
				const next = await freePort();
				chosen.push(next);
				// Another n8n starting at the same moment takes the first port chosen.
				if (chosen.length === 1) await occupy(next);
				return { port: next };
			},
			async ({ port: next }: { port: number }) => await startFakeN8n(next),
			{ onRetry: ({ port: taken }: { port: number }) => retried.push(taken) },
		);

		expect(chosen).toHaveLength(2);
		expect(retried).toEqual([chosen[0]]);
		expect(port).toBe(chosen[1]);
	});

	it("is given up after the last attempt, with n8n's message", async () => {
		let attempts = 0;
		const taken = await freePort();
		await occupy(taken);
		await expect(
			withPortRetry(
				async () => {
					attempts++;
					return { port: taken };
				},
				async ({ port }: { port: number }) => await startFakeN8n(port),
				{ attempts: 3 },
			),
		).rejects.toThrow(`n8n's port ${taken} is already in use`);
		expect(attempts).toBe(3);
	});

	it('any other failure is not retried', async () => {
		let attempts = 0;
		await expect(
			withPortRetry(
				async () => ({ port: ++attempts }),
				async () => {
					throw new Error('n8n could not open its database');
				},
			),
		).rejects.toThrow('n8n could not open its database');
		expect(attempts).toBe(1);
	});

	it.each([
		[
			"n8n's port 5678 is already in use. Do you have another instance of n8n running already?",
			true,
		],
		[
			"n8n Task Broker's port 5679 is already in use. Do you have another instance of n8n running already?",
			true,
		],
		['Port 5680 is already in use, possibly by the n8n main process server.', true],
		['Error: listen EADDRINUSE: address already in use :::5678', true],
		['This email address is already in use', false],
		['Editor is now accessible via: http://localhost:5678', false],
	])('recognises n8n saying a port was taken: %s', (output, taken) => {
		expect(saysPortTaken(output)).toBe(taken);
	});
});

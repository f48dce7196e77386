/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * Another n8n on the machine can take a port between the harness choosing it and n8n binding it.
 * Real n8n then stops, saying the port is in use; the harness chooses again and starts again.
 * Here the test takes the first port chosen, right after it was chosen.
 */
import { createServer, type Server } from 'node:net';

import { N8N_LINE, N8nInstance, type Ports } from './n8n';

jest.setTimeout(6 * 60_000);

const occupied: Server[] = [];
async function occupy(port: number): Promise<void> {
	// Whoever connects is hung up on, so that closing the server waits for nobody.
	const server = createServer((socket) => socket.destroy());
	await new Promise<void>((listening) => server.listen(port, listening));
	occupied.push(server);
}

describe('ports taken just before n8n binds them', () => {
	const n8n = new N8nInstance();
	afterAll(async () => {
		await Promise.all(occupied.map((server) => new Promise((closed) => server.close(closed))));
		await n8n.dispose();
	});

	it("n8n start: the editor's port is chosen again, and n8n answers on the new one", async () => {
		const chosen: Ports[] = [];
		const server = await n8n.startServer({
			onPortsChosen: async (ports) => {
				chosen.push(ports);
				if (chosen.length === 1) await occupy(ports.port as number);
			},
		});
		try {
			expect(chosen).toHaveLength(2);
			expect(chosen[1].port).not.toBe(chosen[0].port);
			expect(server.baseUrl).toBe(`http://127.0.0.1:${chosen[1].port}`);
			expect((await fetch(`${server.baseUrl}/healthz`)).ok).toBe(true);
		} finally {
			await server.stop();
		}
	});

	it("n8n execute: the task broker's port is chosen again, and the workflow runs", async () => {
		await n8n.importWorkflows([
			{
				id: 'portsManualOnly',
				name: 'ports',
				active: false,
				nodes: [
					{
						id: 'trigger',
						name: 'Start',
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
				],
				connections: {},
				settings: {},
			},
		]);
		const chosen: Ports[] = [];
		const result = await n8n.executeInCli('portsManualOnly', {
			onPortsChosen: async (ports) => {
				chosen.push(ports);
				if (chosen.length === 1) await occupy(ports.brokerPort);
			},
		});

		// n8n 1.123's `n8n execute` binds no task-broker port (measured: it ran with the port taken),
		// so there nothing needs choosing again; n8n 2.x stops and is started again.
		expect(chosen.map(({ brokerPort }) => brokerPort)).toHaveLength(N8N_LINE === 'n8n-1' ? 1 : 2);
		expect(new Set(chosen.map(({ brokerPort }) => brokerPort)).size).toBe(chosen.length);
		expect(result.status).toBe('success');
	});
});

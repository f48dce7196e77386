/**
 * The credential's Test button, as the n8n editor runs it when a user saves a Plazbot API
 * credential: real n8n (`n8n start`, REST API as the owner) against the stand-in.
 */
import { N8nInstance, type N8nServer } from './n8n';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createStandIn } = require('../stand-in/server');

const WORKSPACE_ID = 'ws-e2e-cred-81f2';
const API_KEY = 'key-e2e-cred-6a0d93';

jest.setTimeout(5 * 60_000);

describe('Plazbot API credential test in real n8n', () => {
	const standIn = createStandIn({ workspaceId: WORKSPACE_ID, apiKey: API_KEY });
	const n8n = new N8nInstance();
	let server: N8nServer;
	let credentialId: string;
	let standInUrl: string;

	const testWith = async (data: Record<string, string>) =>
		(await server.rest('POST', '/credentials/test', { credentials: { id: credentialId, name: 'Plazbot', type: 'plazbotApi', data } }))
			.data;

	beforeAll(async () => {
		standInUrl = await standIn.start(0);
		server = await n8n.startServer();
		const created = await server.rest('POST', '/credentials', {
			name: 'Plazbot',
			type: 'plazbotApi',
			data: { workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl: standInUrl },
		});
		credentialId = created.data.id;
	});

	afterAll(async () => {
		await server?.stop();
		await standIn.stop();
		n8n.dispose();
	});

	it('succeeds for the right workspace and key, by reading the workspace with both headers', async () => {
		standIn.reset();
		expect(await testWith({ workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl: standInUrl })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(standIn.requests.map((r: any) => [r.method, r.path, r.headers['x-workspace-id'], r.headers.authorization])).toEqual([
			['GET', `/api/workspace/${WORKSPACE_ID}`, WORKSPACE_ID, `Bearer ${API_KEY}`],
		]);
	});

	it('fails for a wrong API key', async () => {
		expect(await testWith({ workspaceId: WORKSPACE_ID, apiKey: 'key-wrong-000', baseUrl: standInUrl })).toEqual({
			status: 'Error',
			message: 'Unauthorized',
		});
	});

	it('fails for a workspace the key does not belong to', async () => {
		expect(await testWith({ workspaceId: 'ws-someone-else', apiKey: API_KEY, baseUrl: standInUrl })).toEqual({
			status: 'Error',
			message: 'Forbidden',
		});
	});

	it('refuses plain http to a host that is not this machine, as the node does, before any request', async () => {
		standIn.reset();
		const port = new URL(standInUrl).port;
		// Only the forms the node accepts pass (localhost, ::1, 127.x.x.x). The IPv4-mapped address
		// reaches the stand-in, so without the rule the test request would have been sent over plain http.
		for (const baseUrl of [`http://[::ffff:127.0.0.1]:${port}`, `http://127.0.0.1.nip.io:${port}`]) {
			const result = await testWith({ workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl });
			expect(result.status).toBe('Error');
			expect(result.message).not.toContain(API_KEY);
		}
		expect(standIn.requests).toHaveLength(0);
		// Loopback addresses other than 127.0.0.1 are this machine too.
		expect(await testWith({ workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl: `http://localhost:${port}` })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(standIn.requests).toHaveLength(1);
	});

	it('fails when nothing listens at the Base URL', async () => {
		const result = await testWith({ workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl: 'http://127.0.0.1:9' });
		expect(result.status).toBe('Error');
		expect(result.message).not.toContain(API_KEY);
	});
});

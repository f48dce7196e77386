/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * The credential's Test button, as the n8n editor runs it when a user saves a Plazbot API
 * credential: real n8n (`n8n start`, REST API as the owner) against the stand-in.
 */
import { createServer } from 'node:http';

import { N8N_LINE, N8nInstance, type N8nServer } from './n8n';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createStandIn } = require('../stand-in/server');

const WORKSPACE_ID = 'ws-e2e-cred-81f2';
const API_KEY = 'key-e2e-cred-6a0d93';

/**
 * What the Test button shows for a refused credential. n8n 2.x shows the credential's own message
 * for the status (its `responseCode` rules); n8n 1.123 does not reach those rules for this request
 * and shows its generic wording for the status instead.
 */
const REFUSED = {
	401:
		N8N_LINE === 'n8n-1'
			? 'Authorization failed - please check your credentials'
			: 'Plazbot refused the API Key (HTTP 401): check the API Key field, which most of Plazbot’s API needs. Copy it again from Plazbot (Settings → API Key).',
	403:
		N8N_LINE === 'n8n-1'
			? 'Forbidden - perhaps check your credentials?'
			: 'Plazbot refused access to this workspace (HTTP 403): check the Workspace ID field, and that the API Key belongs to that workspace.',
	404:
		N8N_LINE === 'n8n-1'
			? 'The resource you are requesting could not be found'
			: 'Plazbot found no workspace with this ID (HTTP 404): check the Workspace ID field, and that the Base URL is the Plazbot API of your region.',
};

/** The credential fields of each sign-in mode, besides the Workspace ID and Base URL. */
const SIGN_IN_MODES: Array<Record<string, string>> = [
	{ apiKey: API_KEY },
	{ authentication: 'emailPassword', email: 'ana@example.com', password: 'Secret123!' },
];

jest.setTimeout(5 * 60_000);

describe('Plazbot API credential test in real n8n', () => {
	const standIn = createStandIn({ workspaceId: WORKSPACE_ID, apiKey: API_KEY });
	const n8n = new N8nInstance();
	let server: N8nServer;
	let credentialId: string;
	let standInUrl: string;

	const testWith = async (data: Record<string, string>) =>
		(
			await server.rest('POST', '/credentials/test', {
				credentials: { id: credentialId, name: 'Plazbot', type: 'plazbotApi', data },
			})
		).data;

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
		await n8n.dispose();
	});

	it('succeeds for the right workspace and key, by reading the workspace users with both headers', async () => {
		standIn.reset();
		expect(
			await testWith({ workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl: standInUrl }),
		).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(
			standIn.requests.map((r: any) => [
				r.method,
				r.path,
				r.headers['x-workspace-id'],
				r.headers.authorization,
			]),
		).toEqual([
			[
				'GET',
				`/api/workspace/usersByWorkspaceId/${WORKSPACE_ID}`,
				WORKSPACE_ID,
				`Bearer ${API_KEY}`,
			],
		]);
	});

	// Get Workspace by ID, which the hub answers with x-workspace-id alone, would pass both.
	it.each([
		['a wrong API key', 'key-wrong-000'],
		['no API key', ''],
	])('fails for %s, naming the API Key field', async (_label, apiKey) => {
		standIn.reset();
		expect(await testWith({ workspaceId: WORKSPACE_ID, apiKey, baseUrl: standInUrl })).toEqual({
			status: 'Error',
			message: REFUSED[401],
		});
		// n8n may try a refused test twice; every try needs the key.
		expect(new Set(standIn.requests.map((r: any) => r.path))).toEqual(
			new Set([`/api/workspace/usersByWorkspaceId/${WORKSPACE_ID}`]),
		);
	});

	it('fails for a workspace the key does not belong to, naming the Workspace ID field', async () => {
		expect(
			await testWith({ workspaceId: 'ws-someone-else', apiKey: API_KEY, baseUrl: standInUrl }),
		).toEqual({
			status: 'Error',
			message: REFUSED[403],
		});
	});

	it('fails for a workspace Plazbot does not know (HTTP 404), naming the Workspace ID and the Base URL', async () => {
		// The stand-in answers a wrong workspace with 403; this server answers as Plazbot does for an unknown workspace.
		const notFound = createServer((_request, response) => {
			response.writeHead(404, { 'content-type': 'application/json' });
			response.end(
				JSON.stringify({
					success: false,
					code: 404,
					errorCode: 'NOT_FOUND',
					message: 'Workspace no encontrado',
				}),
			);
		});
		await new Promise<void>((listening) => notFound.listen(0, '127.0.0.1', () => listening()));
		try {
			const { port } = notFound.address() as { port: number };
			expect(
				await testWith({
					workspaceId: 'ws-typo',
					apiKey: API_KEY,
					baseUrl: `http://127.0.0.1:${port}`,
				}),
			).toEqual({
				status: 'Error',
				message: REFUSED[404],
			});
		} finally {
			await new Promise((closed) => notFound.close(closed));
		}
	});

	it('refuses plain http to a host that is not this machine, as the node does, before any request', async () => {
		standIn.reset();
		const port = new URL(standInUrl).port;
		// Only the forms the node accepts pass (localhost, ::1, 127.x.x.x). The IPv4-mapped address
		// reaches the stand-in, so without the rule the test request would have been sent over plain http.
		for (const baseUrl of [
			`http://[::ffff:127.0.0.1]:${port}`,
			`http://127.0.0.1.nip.io:${port}`,
		]) {
			const result = await testWith({ workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl });
			expect(result.status).toBe('Error');
			expect(result.message).not.toContain(API_KEY);
		}
		expect(standIn.requests).toHaveLength(0);
		// Loopback addresses other than 127.0.0.1 are this machine too.
		expect(
			await testWith({
				workspaceId: WORKSPACE_ID,
				apiKey: API_KEY,
				baseUrl: `http://localhost:${port}`,
			}),
		).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(standIn.requests).toHaveLength(1);
	});

	it('with Email and Password, signs in and reads the workspace users with the session token', async () => {
		standIn.reset();
		const password = 'Secret123!';
		const result = await testWith({
			workspaceId: WORKSPACE_ID,
			authentication: 'emailPassword',
			email: 'ana@example.com',
			password,
			baseUrl: standInUrl,
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [login, read] = standIn.requests;
		expect([login.method, login.path, login.body]).toEqual([
			'POST',
			'/api/user/login',
			{ email: 'ana@example.com', password },
		]);
		expect([read.method, read.path, read.headers['x-workspace-id']]).toEqual([
			'GET',
			`/api/workspace/usersByWorkspaceId/${WORKSPACE_ID}`,
			WORKSPACE_ID,
		]);
		expect(read.headers.authorization).toMatch(/^Bearer tok-[0-9a-f]{32}$/);
	});

	it('applies the node’s Base URL rule to both sign-in modes: 127.1 is this machine', async () => {
		const port = new URL(standInUrl).port;
		for (const data of SIGN_IN_MODES) {
			standIn.reset();
			const result = await testWith({
				workspaceId: WORKSPACE_ID,
				...data,
				baseUrl: `http://127.1:${port}`,
			});
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(standIn.requests.at(-1)?.path).toBe(
				`/api/workspace/usersByWorkspaceId/${WORKSPACE_ID}`,
			);
		}
	});

	it('never takes the API Key to another host when Plazbot redirects the test request there', async () => {
		for (const fault of ['redirectOtherHost', 'redirectSameHost']) {
			standIn.reset();
			standIn.setFaults({ script: { '1': fault } });
			const result = await testWith({
				workspaceId: WORKSPACE_ID,
				apiKey: API_KEY,
				baseUrl: standInUrl,
			});
			const redirected = standIn.requests.filter((r: any) => r.query.redirected);
			if (fault === 'redirectOtherHost') {
				expect(result.status).toBe('Error');
				expect(result.message).not.toContain(API_KEY);
				expect(redirected).toEqual([]);
			} else {
				// A redirect within Plazbot's host is followed, as the node follows it for a read.
				expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
				expect(redirected.map((r: any) => [r.headers.host, r.headers.authorization])).toEqual([
					[new URL(standInUrl).host, `Bearer ${API_KEY}`],
				]);
			}
		}
	});

	it('refuses a Base URL with a query string before any request, in both sign-in modes', async () => {
		for (const data of SIGN_IN_MODES) {
			standIn.reset();
			const result = await testWith({
				workspaceId: WORKSPACE_ID,
				...data,
				baseUrl: `${standInUrl}/?region=eu`,
			});
			expect(result.status).toBe('Error');
			expect(result.message).toContain(
				'in the Plazbot API credential has a query string or fragment',
			);
			expect(standIn.requests).toHaveLength(0);
		}
	});

	it('with a wrong password, fails without showing the password', async () => {
		const password = 'Wr0ng-e2e-Passw0rd';
		const result = await testWith({
			workspaceId: WORKSPACE_ID,
			authentication: 'emailPassword',
			email: 'ana@example.com',
			password,
			baseUrl: standInUrl,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Plazbot refused the sign-in (HTTP 401');
		expect(JSON.stringify(result)).not.toContain(password);
	});

	it('fails when nothing listens at the Base URL', async () => {
		const result = await testWith({
			workspaceId: WORKSPACE_ID,
			apiKey: API_KEY,
			baseUrl: 'http://127.0.0.1:9',
		});
		expect(result.status).toBe('Error');
		expect(result.message).not.toContain(API_KEY);
		// n8n words this one itself (the connection error's code, e.g. ECONNREFUSED): a credential's
		// rules only match HTTP answers.
		expect(result.message).toEqual(expect.stringMatching(/\S/));
	});
});

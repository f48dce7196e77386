/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-imports -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * The credential's secrets (API key, password, session token, Workspace ID) in the forms an API
 * or a proxy repeats them: inside longer text, URL-encoded, in another letter case, base64. None
 * reaches an output item or an error; the user's own data stays as Plazbot sent it.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions, type FakeCredentials } from '../support/fakeExecuteFunctions';

const WORKSPACE_ID = 'ws-Forms-8e41c2';
const API_KEY = 'sk-Live/Key+9a8B7c';
const PASSWORD = 'Clave-Secreta-42';
const SESSION_TOKEN = 'tok-Session-5f0e9d';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** Each form of a secret, as a server may repeat it. */
const FORMS: Array<[string, (secret: string) => string]> = [
	['verbatim', (secret) => secret],
	['URL-encoded', (secret) => encodeURIComponent(secret)],
	['upper-cased', (secret) => secret.toUpperCase()],
	['lower-cased', (secret) => secret.toLowerCase()],
	['base64-encoded', (secret) => base64(secret)],
];
/** The form inside longer text, as in `note: "key=<the key>"`. */
const inText = (form: string) => `note: key=${form}; con la clave ${form} (fin)`;

let answer: { status: number; body: unknown } = { status: 200, body: {} };
let server: http.Server;
let baseUrl = '';
beforeAll(async () => {
	server = http.createServer((req, res) => {
		req.resume();
		res.writeHead(answer.status, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify(answer.body));
	});
	await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise((closed) => server.close(closed)));

const credentials = (): FakeCredentials =>
	({
		workspaceId: WORKSPACE_ID,
		authentication: 'emailPassword',
		email: 'ana@example.com',
		password: PASSWORD,
		sessionToken: SESSION_TOKEN,
		baseUrl,
	}) as FakeCredentials;

async function getWorkspace(creds: FakeCredentials = credentials()) {
	const { fns } = fakeExecuteFunctions({
		parameters: { resource: 'workspace', operation: 'get' },
		credentials: creds,
	});
	return await router.call(fns).catch((error: Error) => error);
}

describe.each([
	['API key', API_KEY],
	['password', PASSWORD],
	['session token', SESSION_TOKEN],
])('the %s', (_name, secret) => {
	it.each(FORMS)('is redacted %s inside text of an output record', async (_name, form) => {
		const creds =
			secret === API_KEY
				? ({ workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl } as FakeCredentials)
				: credentials();
		answer = {
			status: 200,
			body: { success: true, data: { name: 'Demo', note: inText(form(secret)) } },
		};
		const output = await getWorkspace(creds);
		expect(output).not.toBeInstanceOf(Error);
		const note = (output as Array<Array<{ json: { note: string } }>>)[0][0].json.note;
		expect(note).toBe(inText('***'));
	});

	it.each(FORMS)('is redacted %s inside text of an error', async (_name, form) => {
		const creds =
			secret === API_KEY
				? ({ workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl } as FakeCredentials)
				: credentials();
		answer = { status: 400, body: { success: false, message: `Refused: ${inText(form(secret))}` } };
		const error = await getWorkspace(creds);
		expect(error).toBeInstanceOf(Error);
		const shown = JSON.stringify({ ...error, message: (error as Error).message });
		expect((error as Error).message).toBe(`Plazbot error 400: Refused: ${inText('***')}`);
		expect(shown).not.toContain(form(secret));
	});
});

describe('the Workspace ID', () => {
	it.each(FORMS)('is redacted %s inside text of an error', async (_name, form) => {
		answer = {
			status: 400,
			body: { success: false, message: `Refused: ${inText(form(WORKSPACE_ID))}` },
		};
		const error = await getWorkspace();
		const shown = JSON.stringify({ ...(error as Error), message: (error as Error).message });
		expect((error as Error).message).toBe(`Plazbot error 400: Refused: ${inText('***')}`);
		expect(shown).not.toContain(form(WORKSPACE_ID));
	});
});

describe("the user's own data", () => {
	it('is left alone where it merely contains a short password, or the Workspace ID inside text', async () => {
		answer = {
			status: 200,
			body: {
				success: true,
				data: {
					phone: '51912341234',
					order: 'ORDER-1234-abc',
					stored: `{"workspaceId":"${WORKSPACE_ID}"}`,
					owner: WORKSPACE_ID,
				},
			},
		};
		const output = await getWorkspace({ ...credentials(), password: '1234' } as FakeCredentials);
		expect((output as Array<Array<{ json: unknown }>>)[0][0].json).toEqual({
			phone: '51912341234',
			order: 'ORDER-1234-abc',
			stored: `{"workspaceId":"${WORKSPACE_ID}"}`,
			owner: '***',
		});
	});
});

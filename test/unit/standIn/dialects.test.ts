/**
 * The stand-in's dialects answer as test/stand-in/dialects.js documents: each Send Conversation
 * path only where its source has it, a missing route as a web server's page (never Plazbot's
 * envelope), and what each source refuses.
 */
import axios from 'axios';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createStandIn } = require('../../stand-in/server');

const headers = { 'x-workspace-id': 'ws-demo', authorization: 'Bearer demo-key' };
const send = (variablesBody: unknown[]) => ({
	workspaceId: 'ws-demo',
	template: 'welcome',
	destination: '51987654321',
	variablesBody,
});

describe.each([
	['hub', '/api/message/conversation', '/api/conversation'],
	['sdk', '/api/conversation', '/api/message/conversation'],
	['docs', '/api/conversation', '/api/message/conversation'],
])('the %s dialect', (dialect, sendPath, missingPath) => {
	const standIn = createStandIn({ dialect });
	let url: string;
	beforeAll(async () => (url = await standIn.start(0)));
	afterAll(async () => await standIn.stop());
	const post = async (path: string, body: unknown) =>
		await axios.post(`${url}${path}`, body, { headers, validateStatus: () => true });

	it(`sends at ${sendPath}, and answers ${missingPath} as a web server without the route`, async () => {
		const sent = await post(sendPath, send([{ variable: '1', value: 'Ana' }]));
		expect([sent.status, sent.data.success]).toEqual([200, true]);
		const missing = await post(missingPath, send([{ variable: '1', value: 'Ana' }]));
		expect(missing.status).toBe(404);
		expect(missing.headers['content-type']).toMatch(/^text\/html/);
		expect(missing.data).toContain(`Cannot POST ${missingPath}`);
	});

	it("answers an unknown template with Plazbot's envelope", async () => {
		const answer = await post(sendPath, { ...send([]), template: 'nope' });
		expect(answer.status).toBe(dialect === 'docs' ? 404 : 400);
		expect(answer.data).toMatchObject({ success: false, errorCode: 'TEMPLATE_NOT_FOUND' });
	});

	it('refuses a template with a variable missing (the hub dialect only when asked to)', async () => {
		const answer = await post(sendPath, send([]));
		expect([answer.status, answer.data.errorCode ?? null]).toEqual(
			dialect === 'hub' ? [200, null] : [400, 'TEMPLATE_VARIABLES_MISMATCH'],
		);
	});
});

/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * The credential's "Email and Password" sign-in in real n8n (each line): n8n signs in through the
 * credential's preAuthentication, keeps the session token, and the node signs in again when
 * Plazbot answers 401 because the token expired, in the middle of a 200-message campaign. Every
 * message is delivered exactly once, and the password shows up nowhere: not in the output, the
 * error, or n8n's output and logs.
 */
import {
	chainWorkflow,
	expectExecutionFailed,
	expectExecutionSucceeded,
	N8N_LINE,
	N8nInstance,
	outputOf,
	plazbotNode,
	type CredentialSpec,
	type ExecutionResult,
} from './n8n';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createStandIn } = require('../stand-in/server');

const WORKSPACE_ID = 'ws-e2e-login-7d21';
const API_KEY = 'key-e2e-login-5a90';
/** The demo user of the stand-in (test/stand-in/state.js). */
const EMAIL = 'ana@example.com';
const PASSWORD = 'Secret123!';
const WRONG_PASSWORD = 'Wr0ng-Passw0rd-e2e-84';
/** Tokens live 1.5 s: with 60 ms per answer and 5 at a time, 200 messages take at least 2.4 s. */
const TOKEN_TTL_MS = 1_500;
const CUSTOMERS = Array.from({ length: 200 }, (_, index) => ({
	phone: `51900${String(index).padStart(6, '0')}`,
	name: `Customer ${index}`,
}));

jest.setTimeout(10 * 60_000);

describe(`Email and Password credential in real n8n (${N8N_LINE})`, () => {
	const standIn = createStandIn({
		workspaceId: WORKSPACE_ID,
		apiKey: API_KEY,
		tokenTtlMs: TOKEN_TTL_MS,
		latencyMs: 60,
	});
	const n8n = new N8nInstance();
	const results: Record<string, ExecutionResult> = {};
	let signIns = 0;
	let conversationRequests = 0;
	let wrongManySignIns = 0;
	let wrongManySends = 0;

	const parameters = {
		resource: 'message',
		operation: 'sendConversation',
		template: 'order_confirmation',
		destination: '={{ $json.phone }}',
		sendType: 'api',
		campaignName: 'Login campaign',
		variablesBody: { variable: [{ variable: '1', value: '={{ $json.name }}' }] },
	};

	beforeAll(async () => {
		const url = await standIn.start(0);
		const signIn = (id: string, password: string): CredentialSpec => ({
			id,
			name: id,
			data: {
				workspaceId: WORKSPACE_ID,
				authentication: 'emailPassword',
				email: EMAIL,
				password,
				baseUrl: url,
			},
		});
		const good = signIn('cred-login', PASSWORD);
		const wrong = signIn('cred-login-wrong', WRONG_PASSWORD);
		await n8n.importCredentials([good, wrong]);
		await n8n.importWorkflows([
			chainWorkflow(
				'wfLoginCampaign',
				[plazbotNode('Send Conversation', parameters, good)],
				CUSTOMERS,
			),
			chainWorkflow(
				'wfLoginWrong',
				[plazbotNode('Send Conversation', parameters, wrong)],
				CUSTOMERS.slice(0, 1),
			),
			chainWorkflow(
				'wfLoginWrongMany',
				[
					plazbotNode('Send Conversation', parameters, wrong, {
						onError: 'continueRegularOutput',
					}),
				],
				CUSTOMERS.slice(0, 25),
			),
		]);
		standIn.reset();
		results.campaign = await n8n.execute('wfLoginCampaign');
		signIns = standIn.requests.filter((r: any) => r.path === '/api/user/login').length;
		conversationRequests = standIn.requests.filter(
			(r: any) => r.path === '/api/message/conversation',
		).length;
		results.deliveries = { deliveries: Object.fromEntries(standIn.state.deliveries) } as any;
		standIn.reset();
		results.wrong = await n8n.execute('wfLoginWrong');
		standIn.reset();
		results.wrongMany = await n8n.execute('wfLoginWrongMany');
		wrongManySignIns = standIn.requests.filter((r: any) => r.path === '/api/user/login').length;
		wrongManySends = standIn.requests.filter(
			(r: any) => r.path === '/api/message/conversation',
		).length;
	});

	afterAll(async () => {
		await standIn.stop();
		await n8n.dispose();
	});

	it('delivers each of the 200 messages exactly once, signing in again when the token expires mid-campaign', () => {
		expectExecutionSucceeded(results.campaign);
		const deliveries = (results.deliveries as any).deliveries as Record<string, number>;
		expect(Object.keys(deliveries).sort()).toEqual(CUSTOMERS.map((c) => c.phone).sort());
		expect(Object.values(deliveries).every((count) => count === 1)).toBe(true);
		const items = outputOf(results.campaign, 'Send Conversation');
		expect(items).toHaveLength(200);
		expect(items.map((item) => item.pairedItem)).toEqual(CUSTOMERS.map((_, item) => ({ item })));
		// The campaign outlasts a token (at least 2.4 s against 1.5 s): Plazbot refused an expired token
		// (each refused request was sent again) and the node signed in more than once.
		expect(signIns).toBeGreaterThanOrEqual(2);
		expect(conversationRequests).toBeGreaterThan(200);
	});

	it('tells a refused sign-in plainly, and sends nothing', () => {
		const error = expectExecutionFailed(results.wrong);
		expect(`${error.message} ${error.description ?? ''}`).toContain(
			'Plazbot refused the sign-in (HTTP 401: Credenciales inválidas): check the Email and Password in the Plazbot API credential',
		);
	});

	it('signs in once for 25 items with a wrong password, and every item says to check the Email and Password', () => {
		expectExecutionSucceeded(results.wrongMany);
		expect(wrongManySignIns).toBe(1);
		expect(wrongManySends).toBe(0);
		const items = outputOf(results.wrongMany, 'Send Conversation');
		expect(items.map((item) => item.json.error)).toEqual(
			CUSTOMERS.slice(0, 25).map(
				() =>
					'Plazbot refused the sign-in (HTTP 401: Credenciales inválidas): check the Email and Password in the Plazbot API credential',
			),
		);
	});

	it("never shows the password: not in output, errors, or n8n's output and logs", () => {
		for (const result of [results.campaign, results.wrong, results.wrongMany]) {
			expect(result.stdout).not.toContain(PASSWORD);
			expect(result.stderr).not.toContain(PASSWORD);
			expect(result.stdout).not.toContain(WRONG_PASSWORD);
			expect(result.stderr).not.toContain(WRONG_PASSWORD);
		}
	});
});

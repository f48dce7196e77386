/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * n8n's own node settings and expressions around Send Conversation, in real n8n on the line
 * PLAZBOT_N8N_LINE names: Retry On Fail (n8n re-runs the whole node), Continue On Fail, Execute
 * Once, Always Output Data, version 2's Template Variables with an empty cell, and a boolean
 * from an expression. Each is judged by what reached the stand-in and what the user sees.
 */
import {
	chainWorkflow,
	executionError,
	expectExecutionFailed,
	expectExecutionSucceeded,
	N8nInstance,
	outputOf,
	plazbotNode,
	type CredentialSpec,
	type ExecutionResult,
} from './n8n';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createStandIn } = require('../stand-in/server');

const WORKSPACE_ID = 'ws-e2e-settings-5a1';
const API_KEY = 'key-e2e-settings-7c3e9';
const PATH = '/api/message/conversation';
const REFUSED =
	"Retry On Fail is on in this node's Settings: the node refuses to run, and nothing was sent";

jest.setTimeout(10 * 60_000);

const phone = (index: number) => `51900000${String(index).padStart(3, '0')}`;
const rows = Array.from({ length: 10 }, (_, index) => ({
	phone: `+${phone(index)}`,
	template: 'order_confirmation',
	date: `1${index}/05`,
}));

const campaign = {
	resource: 'message',
	operation: 'sendConversation',
	template: '={{ $json.template }}',
	destination: '={{ $json.phone }}',
	sendType: 'campaign',
	campaignName: 'Settings',
	variablesBody: {
		variable: [
			{ variable: '1', value: 'Ana' },
			{ variable: '2', value: 'A-1' },
		],
	},
};

describe("Send Conversation under n8n's node settings", () => {
	const standIn = createStandIn({ workspaceId: WORKSPACE_ID, apiKey: API_KEY });
	const n8n = new N8nInstance();
	let credential: CredentialSpec;
	const results: Record<string, ExecutionResult> = {};
	const received: Record<string, any[]> = {};

	async function run(id: string): Promise<void> {
		standIn.reset();
		results[id] = await n8n.execute(id);
		received[id] = standIn.requests.filter((r: any) => r.path === PATH).map((r: any) => ({ ...r }));
	}
	const sends = (id: string) =>
		received[id].filter((r) => r.method === 'POST').map((r) => r.body.destination);

	beforeAll(async () => {
		const url = await standIn.start(0);
		credential = {
			id: 'cred-settings',
			name: 'Plazbot stand-in',
			data: { workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl: url },
		};
		const retry = { retryOnFail: true, maxTries: 3, waitBetweenTries: 100 };
		const documentSchema = ['body:1', 'body:2', 'file:fileUrl', 'file:fileName'].map((id) => ({
			id,
			displayName: id,
			required: id !== 'file:fileName',
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: 'string',
		}));
		await n8n.importCredentials([credential]);
		await n8n.importWorkflows([
			// Plazbot refuses row 3 (400): with Continue On Fail off, the node fails.
			chainWorkflow(
				'wfRetryStops',
				[plazbotNode('Send Conversation', campaign, credential, retry)],
				rows.map((row, index) => (index === 3 ? { ...row, template: 'no_such_template' } : row)),
			),
			// Row 0 has no usable number: with Continue On Fail on, it is an error item.
			chainWorkflow(
				'wfRetryContinues',
				[
					plazbotNode('Send Conversation', campaign, credential, {
						...retry,
						onError: 'continueRegularOutput',
					}),
				],
				rows.map((row, index) => (index === 0 ? { ...row, phone: 'none' } : row)),
			),
			chainWorkflow(
				'wfExecuteOnce',
				[
					plazbotNode('Send Conversation', campaign, credential, {
						executeOnce: true,
						alwaysOutputData: true,
					}),
				],
				rows.slice(0, 3),
			),
			chainWorkflow(
				'wfAlwaysOutputData',
				[plazbotNode('Send Conversation', campaign, credential, { alwaysOutputData: true })],
				rows.slice(0, 3),
			),
			chainWorkflow(
				'wfTemplateVariables',
				[
					plazbotNode(
						'Send Conversation',
						{
							resource: 'message',
							operation: 'sendConversation',
							template: { __rl: true, mode: 'list', value: 'appointment_reminder' },
							destination: '={{ $json.phone }}',
							sendType: 'individual',
							templateFields: {
								mappingMode: 'defineBelow',
								value: {
									'body:1': '={{ $json.date }}',
									'body:2': '10:00',
									'file:fileUrl': '={{ $json.file }}',
								},
								matchingColumns: [],
								schema: documentSchema,
							},
						},
						credential,
						{ typeVersion: 2, onError: 'continueRegularOutput' },
					),
				],
				[
					{ ...rows[0], file: 'https://example.com/a.pdf' },
					{ ...rows[1], date: '', file: 'https://example.com/b.pdf' },
					{ ...rows[2], file: '' },
					{ ...rows[3], file: 'https://example.com/d.pdf' },
				],
			),
			chainWorkflow(
				'wfSkipFromExpression',
				[
					plazbotNode(
						'Send Conversation',
						{ ...campaign, skipAlreadySent: '={{ "false" }}' },
						credential,
					),
				],
				rows.slice(0, 3),
			),
		]);
		for (const id of [
			'wfRetryStops',
			'wfRetryContinues',
			'wfExecuteOnce',
			'wfAlwaysOutputData',
			'wfTemplateVariables',
			'wfSkipFromExpression',
		])
			await run(id);
	});

	afterAll(async () => {
		await standIn.stop();
		await n8n.dispose();
	});

	it('with Retry On Fail (Max Tries 3) and Continue On Fail off, sends nothing and fails naming the setting', () => {
		const error = expectExecutionFailed(results.wfRetryStops);
		expect(error.message).toBe(REFUSED);
		expect(error.description).toContain('Options → Max Attempts');
		expect(error.description).toContain('Turn Retry On Fail off');
		expect(received.wfRetryStops).toEqual([]);
	});

	it('with Retry On Fail and Continue On Fail on, sends nothing and every row comes out once with the error', () => {
		expectExecutionSucceeded(results.wfRetryContinues);
		const items = outputOf(results.wfRetryContinues, 'Send Conversation');
		expect(items.map((item) => item.pairedItem)).toEqual(rows.map((_, item) => ({ item })));
		expect(items.map((item) => item.json.error)).toEqual(rows.map(() => REFUSED));
		expect(received.wfRetryContinues).toEqual([]);
	});

	it('with Execute Once, sends the first row once; with Always Output Data, each row once, output as usual', () => {
		expectExecutionSucceeded(results.wfExecuteOnce);
		expect(sends('wfExecuteOnce')).toEqual([phone(0)]);
		expect(outputOf(results.wfExecuteOnce, 'Send Conversation').map((item) => item.json)).toEqual([
			{ contactId: expect.any(String), destination: phone(0), template: 'order_confirmation' },
		]);

		expectExecutionSucceeded(results.wfAlwaysOutputData);
		expect(sends('wfAlwaysOutputData').sort()).toEqual([phone(0), phone(1), phone(2)]);
		const items = outputOf(results.wfAlwaysOutputData, 'Send Conversation');
		expect(items.map((item) => [item.pairedItem, item.json.destination])).toEqual([
			[{ item: 0 }, phone(0)],
			[{ item: 1 }, phone(1)],
			[{ item: 2 }, phone(2)],
		]);
	});

	it("version 2's Template Variables refuse an empty required variable or File URL, naming it and the row, and send the rest", () => {
		expectExecutionSucceeded(results.wfTemplateVariables);
		const items = outputOf(results.wfTemplateVariables, 'Send Conversation');
		expect(items.map((item) => item.json.error)).toEqual([
			undefined,
			'Template Variables "Body {{1}}" is empty, but the template needs it [item 1]',
			'Template Variables "File URL" is empty, but the template has a media header and needs it [item 2]',
			undefined,
		]);
		expect(received.wfTemplateVariables.map((r) => [r.body.destination, r.body])).toEqual([
			[phone(0), expect.objectContaining({ file: { fileUrl: 'https://example.com/a.pdf' } })],
			[phone(3), expect.objectContaining({ file: { fileUrl: 'https://example.com/d.pdf' } })],
		]);
		expect(received.wfTemplateVariables[0].body.variablesBody).toEqual([
			{ variable: '1', value: '10/05' },
			{ variable: '2', value: '10:00' },
		]);
	});

	it('reads {{ "false" }} for Skip Destinations Already Sent as off: no conversation list is read', () => {
		expectExecutionSucceeded(results.wfSkipFromExpression);
		expect(received.wfSkipFromExpression.map((r) => r.method)).toEqual(['POST', 'POST', 'POST']);
		expect(executionError(results.wfSkipFromExpression)).toBeUndefined();
	});
});

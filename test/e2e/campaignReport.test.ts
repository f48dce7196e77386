/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * Output → Campaign Report in real n8n: the summary item and the failed items, and the pairing a
 * next node reads through `$('Customers').item` to tell which row failed.
 */
import {
	chainWorkflow,
	expectExecutionSucceeded,
	N8nInstance,
	outputOf,
	plazbotNode,
	type CredentialSpec,
	type ExecutionResult,
} from './n8n';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createStandIn } = require('../stand-in/server');

const WORKSPACE_ID = 'ws-e2e-report-31c8';
const API_KEY = 'key-e2e-report-7a02e5';

jest.setTimeout(10 * 60_000);

describe('Send Conversation → Campaign Report in real n8n', () => {
	const standIn = createStandIn({ workspaceId: WORKSPACE_ID, apiKey: API_KEY });
	const n8n = new N8nInstance();
	const results: Record<string, ExecutionResult> = {};
	const delivered: Record<string, string[]> = {};

	const customers = [
		{ name: 'Ana', phone: '+51 987 654 321' },
		{ name: 'Nobody', phone: '' },
		{ name: 'Luis', phone: '+51 912 345 678' },
		{ name: 'Refused', phone: '+51 900 000 404' },
		{ name: 'Marta', phone: '+51 955 111 222' },
	];
	const report = {
		resource: 'message',
		operation: 'sendConversation',
		template: { __rl: true, mode: 'name', value: 'order_confirmation' },
		destination: '={{ $json.phone }}',
		sendType: 'campaign',
		campaignName: 'Black Friday',
		output: 'campaignReport',
	};
	/** The next node: which customer each output item is paired to. */
	const whoFailed = {
		name: 'Who Failed',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: {
			mode: 'runOnceForEachItem',
			jsCode:
				"return { json: $json.total !== undefined ? { summary: true } : { name: $('Customers').item.json.name, errorKind: $json.errorKind } };",
		},
	};

	beforeAll(async () => {
		const url = await standIn.start(0);
		const credential: CredentialSpec = {
			id: 'cred-report',
			name: 'Plazbot stand-in',
			data: { workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl: url },
		};
		await n8n.importCredentials([credential]);
		await n8n.importWorkflows([
			chainWorkflow(
				'wfReport',
				[
					plazbotNode('Send Conversation', report, credential, {
						typeVersion: 2,
						onError: 'continueRegularOutput',
					}),
					whoFailed,
				],
				customers,
			),
			chainWorkflow(
				'wfReportAllSent',
				[plazbotNode('Send Conversation', report, credential, { typeVersion: 2 })],
				[customers[0], customers[2], customers[4]],
			),
		]);
		for (const id of ['wfReport', 'wfReportAllSent']) {
			standIn.reset();
			standIn.setFaults({ byDestination: { '51900000404': 'messageObject' } });
			results[id] = await n8n.execute(id);
			delivered[id] = [...standIn.state.deliveries.keys()].sort();
		}
	});

	afterAll(async () => {
		await standIn.stop();
		await n8n.dispose();
	});

	it('with Continue On Fail outputs the summary, then each failed row paired to its input', () => {
		expectExecutionSucceeded(results.wfReport);
		const items = outputOf(results.wfReport, 'Send Conversation');
		expect(items.map((item) => item.pairedItem)).toEqual([
			[0, 1, 2, 3, 4].map((item) => ({ item })),
			{ item: 1 },
			{ item: 3 },
		]);
		expect(items[0].json).toEqual({
			operation: 'sendConversation',
			campaignName: 'Black Friday',
			total: 5,
			sent: 3,
			failed: 2,
			skipped: 0,
			errorsByKind: { 'invalid input': 1, 'HTTP 400': 1 },
			startedAt: expect.any(String),
			finishedAt: expect.any(String),
			durationSeconds: expect.any(Number),
		});
		expect(items[1].json.error).toBe('Destination is empty [item 1]');
		expect(items[2].json).toMatchObject({ httpCode: '400', errorKind: 'HTTP 400' });
		expect(outputOf(results.wfReport, 'Who Failed').map((item) => item.json)).toEqual([
			{ summary: true },
			{ name: 'Nobody', errorKind: 'invalid input' },
			{ name: 'Refused', errorKind: 'HTTP 400' },
		]);
		expect(delivered.wfReport).toEqual(['51912345678', '51955111222', '51987654321']);
	});

	it('without failures outputs the summary alone', () => {
		expectExecutionSucceeded(results.wfReportAllSent);
		const items = outputOf(results.wfReportAllSent, 'Send Conversation');
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ total: 3, sent: 3, failed: 0, errorsByKind: {} });
		expect(delivered.wfReportAllSent).toEqual(['51912345678', '51955111222', '51987654321']);
	});
});

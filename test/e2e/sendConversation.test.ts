/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * Send Conversation in real n8n 2.x against the Plazbot stand-in: the workflow a user builds in
 * the editor, and the requests Plazbot receives from it.
 */
import {
	chainWorkflow,
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

const WORKSPACE_ID = 'ws-e2e-4b7d21';
const API_KEY = 'key-e2e-9c5f0a73';
const WRONG_KEY = 'key-wrong-13579bdf';

jest.setTimeout(10 * 60_000);

describe('Send Conversation in real n8n', () => {
	const standIn = createStandIn({ workspaceId: WORKSPACE_ID, apiKey: API_KEY });
	const n8n = new N8nInstance();
	let good: CredentialSpec;
	let wrongKey: CredentialSpec;
	const results: Record<string, ExecutionResult> = {};
	const received: Record<string, any[]> = {};
	const contactsAfter: Record<string, any[]> = {};

	const customers = [
		{ name: 'Ana', phone: '+51 987-654-321', order: 'A-1001' },
		{ name: 'Luis', phone: '(0051) 912.345.678', order: 'A-1002' },
		{ name: 'Marta', phone: '51 955 111 222', order: 'A-1003' },
	];

	const campaignParameters = {
		resource: 'message',
		operation: 'sendConversation',
		template: 'order_confirmation',
		destination: '={{ $json.phone }}',
		sendType: 'api',
		campaignName: 'Black Friday',
		variablesBody: {
			variable: [
				{ variable: '1', value: '={{ $json.name }}' },
				{ variable: '2', value: '={{ $json.order }}' },
			],
		},
		variablesHeader: { variable: [{ variable: '1', value: '=Hola {{ $json.name }}' }] },
	};

	/** Runs one workflow and keeps the requests the stand-in received during it. */
	async function run(id: string, faults: Record<string, unknown> = {}): Promise<void> {
		standIn.reset();
		standIn.setFaults(faults);
		results[id] = await n8n.execute(id);
		received[id] = standIn.requests.map((r: any) => ({ ...r }));
		contactsAfter[id] = [...standIn.state.contacts.values()];
	}

	beforeAll(async () => {
		const url = await standIn.start(0);
		good = {
			id: 'cred-good',
			name: 'Plazbot stand-in',
			data: { workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl: url },
		};
		wrongKey = {
			id: 'cred-wrong',
			name: 'Plazbot wrong key',
			data: { workspaceId: WORKSPACE_ID, apiKey: WRONG_KEY, baseUrl: url },
		};
		await n8n.importCredentials([good, wrongKey]);
		await n8n.importWorkflows([
			chainWorkflow(
				'wfCampaign',
				[plazbotNode('Send Conversation', campaignParameters, good)],
				customers,
			),
			chainWorkflow(
				'wfContinueOnFail',
				[
					plazbotNode('Send Conversation', campaignParameters, good, {
						onError: 'continueRegularOutput',
					}),
				],
				[customers[0], { name: 'Nobody', phone: '', order: 'A-0' }, customers[2]],
			),
			chainWorkflow(
				'wfApi400',
				[
					plazbotNode(
						'Send Conversation',
						{ ...campaignParameters, template: 'no_such_template' },
						good,
					),
				],
				[customers[0]],
			),
			chainWorkflow(
				'wfWrongKey',
				[plazbotNode('Send Conversation', campaignParameters, wrongKey)],
				[customers[0]],
			),
			chainWorkflow(
				'wfStopsAtError',
				[
					plazbotNode(
						'Send Conversation',
						{
							...campaignParameters,
							template: '={{ $json.template }}',
							options: { concurrency: 1 },
						},
						good,
					),
				],
				Array.from({ length: 12 }, (_, index) => ({
					...customers[index % 3],
					phone: `+51 900 000 ${String(index).padStart(3, '0')}`,
					template: index === 0 ? 'no_such_template' : 'order_confirmation',
				})),
			),
			chainWorkflow(
				'wfRedirects',
				[
					plazbotNode('Send Conversation', campaignParameters, good, {
						onError: 'continueRegularOutput',
					}),
				],
				[customers[0], customers[1]],
			),
		]);
		for (const id of ['wfCampaign', 'wfContinueOnFail', 'wfApi400', 'wfWrongKey', 'wfStopsAtError'])
			await run(id);
		await run('wfRedirects', {
			byDestination: { '51987654321': 'redirectSameHost', '51912345678': 'redirectOtherHost' },
		});
	});

	afterAll(async () => {
		await standIn.stop();
		await n8n.dispose();
	});

	it('sends a three-customer campaign with variables from expressions, exactly as documented', () => {
		const requests = received.wfCampaign;
		expect(requests).toHaveLength(3);
		const byDestination = Object.fromEntries(requests.map((r) => [r.body.destination, r]));
		expect(Object.keys(byDestination).sort()).toEqual([
			'51912345678',
			'51955111222',
			'51987654321',
		]);
		expect(byDestination['51987654321']).toMatchObject({
			method: 'POST',
			path: '/api/message/conversation',
			body: {
				workspaceId: WORKSPACE_ID,
				template: 'order_confirmation',
				destination: '51987654321',
				variablesBody: [
					{ variable: '1', value: 'Ana' },
					{ variable: '2', value: 'A-1001' },
				],
				variablesHeader: [{ variable: '1', value: 'Hola Ana' }],
				type: '3',
				sendType: '3',
				campaignName: 'Black Friday',
			},
		});
		for (const request of requests) {
			expect(request.headers['x-workspace-id']).toBe(WORKSPACE_ID);
			expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
			expect(request.headers['content-type']).toContain('application/json');
			expect(Object.keys(request.body).sort()).toEqual([
				'campaignName',
				'destination',
				'sendType',
				'template',
				'type',
				'variablesBody',
				'variablesHeader',
				'workspaceId',
			]);
		}
		expect(byDestination['51912345678'].body.variablesBody).toEqual([
			{ variable: '1', value: 'Luis' },
			{ variable: '2', value: 'A-1002' },
		]);
	});

	it('outputs one item per customer, in order, paired, with the contact Plazbot returned, the number as sent and the template', () => {
		expectExecutionSucceeded(results.wfCampaign);
		const items = outputOf(results.wfCampaign, 'Send Conversation');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const contactIdOf = (phone: string) =>
			contactsAfter.wfCampaign.find((c) => c.platformSenderPhone === phone)?.id;
		expect(items.map((item) => item.json)).toEqual([
			{
				contactId: contactIdOf('51987654321'),
				destination: '51987654321',
				template: 'order_confirmation',
			},
			{
				contactId: contactIdOf('51912345678'),
				destination: '51912345678',
				template: 'order_confirmation',
			},
			{
				contactId: contactIdOf('51955111222'),
				destination: '51955111222',
				template: 'order_confirmation',
			},
		]);
		expect(new Set(items.map((item) => item.json.contactId)).size).toBe(3);
	});

	it('with Continue On Fail, an empty destination becomes an error item in its place and the rest are sent', () => {
		expectExecutionSucceeded(results.wfContinueOnFail);
		const items = outputOf(results.wfContinueOnFail, 'Send Conversation');
		expect(items).toHaveLength(3);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.contactId).toEqual(expect.any(String));
		expect(items[1].json.error).toBe('Destination is empty [item 1]');
		expect(items[2].json.contactId).toEqual(expect.any(String));
		expect(received.wfContinueOnFail.map((r) => r.body.destination).sort()).toEqual([
			'51955111222',
			'51987654321',
		]);
	});

	it("stops the workflow on a 400 with Plazbot's own message and the HTTP status", () => {
		const error = expectExecutionFailed(results.wfApi400);
		expect(error.message).toBe(
			'Plazbot error 400: La plantilla no_such_template no existe o no está aprobada',
		);
		expect(error).toMatchObject({
			httpCode: '400',
			node: expect.objectContaining({ name: 'Send Conversation' }),
		});
		expect(received.wfApi400).toHaveLength(1);
	});

	it('sends nothing after the item it stopped at, not even the items already queued behind it', () => {
		expect(expectExecutionFailed(results.wfStopsAtError).message).toBe(
			'Plazbot error 400: La plantilla no_such_template no existe o no está aprobada',
		);
		// Eleven more customers were queued: a message sent after the stop would be in no output,
		// and sent again when the user re-runs the workflow.
		expect(received.wfStopsAtError.map((request) => request.body.destination)).toEqual([
			'51900000000',
		]);
	});

	it('never follows a redirect in answer to a send, and never takes the credential to another host', () => {
		const [sameHost, otherHost] = outputOf(results.wfRedirects, 'Send Conversation');
		// A send is a success only when Plazbot answered the send itself.
		for (const item of [sameHost, otherHost]) {
			expect(item.json).toEqual({
				error: expect.stringMatching(
					/^Plazbot answered HTTP 307, a redirect to ".+"; the POST request was not repeated there, so nothing was sent$/,
				),
				description: expect.stringContaining('Base URL'),
				httpCode: '307',
			});
		}
		const hosts = received.wfRedirects.map(
			(request) =>
				`${request.body.destination} ${request.headers.host.replace(/:\d+$/, '')} ${request.query.redirected ?? '-'}`,
		);
		// The stand-in is also reachable as localhost: nothing, and so no Workspace ID or API key, arrived there.
		expect(hosts.sort()).toEqual(['51912345678 127.0.0.1 -', '51987654321 127.0.0.1 -']);
	});

	it('reports a wrong API key as a 401 that points at the credential, and never prints the key', () => {
		const error = expectExecutionFailed(results.wfWrongKey);
		expect(error.message).toBe('Plazbot error 401: Token inválido o expirado');
		expect(error.description).toContain('Check the API Key in the Plazbot API credential');
		for (const result of Object.values(results)) {
			const everything = result.stdout + result.stderr;
			expect(everything).not.toContain(WRONG_KEY);
			expect(everything).not.toContain(API_KEY);
			expect(everything).not.toContain(WORKSPACE_ID);
		}
	});
});

/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * The AI agents, the newer endpoints and Send Conversation version 2 (template picker and its
 * variables), in real n8n against the stand-in: three workflows, so the file runs fast.
 * Expressions use $json only, so that the same workflows run on n8n 1.x.
 */
import {
	chainWorkflow,
	executionError,
	N8nInstance,
	NODE_TYPE,
	outputOf,
	plazbotNode,
	type CredentialSpec,
	type ExecutionResult,
	type WorkflowNode,
} from './n8n';
import { API_E2E_OPERATIONS } from './apiOperations';
import { redactRecord } from '../../nodes/Plazbot/helpers/secrets';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createStandIn } = require('../stand-in/server');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildContact } = require('../stand-in/routes/contact');

const WORKSPACE_ID = 'ws-e2e-api-8c2f41';
const API_KEY = 'key-e2e-api-3b7d90e2';

jest.setTimeout(10 * 60_000);

const rl = (value: string, mode = 'list') => ({ __rl: true, mode, value });
const asOutput = <T>(records: T): T =>
	redactRecord(records, { inText: [API_KEY], wholeValue: [WORKSPACE_ID] });
const sent = (requests: any[]) =>
	requests.map(({ method, path, query, body }) => ({ method, path, query, body }));

function expectSuccess(result: ExecutionResult): void {
	const error = executionError(result)?.message;
	const status = result.run?.data?.resultData ? 'ran' : 'no run data';
	if (error !== undefined || status !== 'ran') {
		throw new Error(
			`n8n execution failed: ${JSON.stringify({ exitCode: result.exitCode, error })}\nstdout:\n${result.stdout.slice(-3000)}\nstderr:\n${result.stderr.slice(-3000)}`,
		);
	}
}

describe('AI agents, newer endpoints and Send Conversation v2 in real n8n', () => {
	const standIn = createStandIn({ workspaceId: WORKSPACE_ID, apiKey: API_KEY });
	const n8n = new N8nInstance();
	let credential: CredentialSpec;
	const workflows: any[] = [];
	const results: Record<string, ExecutionResult> = {};
	const received: Record<string, any[]> = {};
	const after: Record<string, any> = {};

	/** Version 2, the version a new node gets. */
	const node = (
		name: string,
		parameters: Record<string, unknown>,
		extra: Partial<WorkflowNode> & { executeOnce?: boolean } = {},
	): WorkflowNode =>
		({
			...plazbotNode(name, parameters, credential),
			typeVersion: 2,
			executeOnce: true,
			...extra,
		}) as WorkflowNode;

	async function run(id: string, seed?: (state: any) => void): Promise<void> {
		standIn.reset();
		seed?.(standIn.state);
		results[id] = await n8n.execute(id);
		received[id] = standIn.requests.map((request: any) => ({ ...request }));
		const { state } = standIn;
		after[id] = JSON.parse(
			JSON.stringify({
				contacts: [...state.contacts.values()],
				opportunities: [...state.opportunities.values()],
				agents: [...state.agents.values()],
			}),
		);
	}

	beforeAll(async () => {
		const url = await standIn.start(0);
		credential = {
			id: 'cred-api',
			name: 'Plazbot stand-in',
			data: { workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl: url },
		};
		await n8n.importCredentials([credential]);
		workflows.push(
			chainWorkflow('wfAgents', [
				node('Ask', {
					resource: 'agent',
					operation: 'ask',
					agentId: rl('agent-demo-1'),
					question: 'Do you open on Sunday?',
				}),
				node('Ask Again', {
					resource: 'agent',
					operation: 'ask',
					agentId: rl('={{ $json.agentId }}', 'id'),
					question: '=And after "{{ $json.question }}"?',
				}),
				node('Get Many Agents', { resource: 'agent', operation: 'getMany', returnAll: true }),
				node('Get Agent', {
					resource: 'agent',
					operation: 'get',
					agentId: rl('={{ $json.id }}', 'id'),
				}),
				node('Update Instructions', {
					resource: 'agent',
					operation: 'updateInstructions',
					agentId: rl('={{ $json.id }}', 'id'),
					instructions: { tone: 'friendly', maxWords: 60, avoidTopics: 'prices, competitors' },
				}),
				node('Update Persona', {
					resource: 'agent',
					operation: 'updatePersona',
					agentId: rl('={{ $json.agentId }}', 'id'),
					persona: { name: 'Maximo', isHuman: false },
				}),
				node('Update Fallbacks', {
					resource: 'agent',
					operation: 'updateFallbacks',
					agentId: rl('={{ $json.agentId }}', 'id'),
					fallbacks: { noAnswer: 'Sorry.' },
				}),
				node('Update Rules', {
					resource: 'agent',
					operation: 'updateRules',
					agentId: rl('={{ $json.agentId }}', 'id'),
					rules: { doNotMentionPrices: true },
				}),
			]),
			chainWorkflow('wfRecords', [
				node('Get Many Users', { resource: 'user', operation: 'getMany', returnAll: true }),
				node('Get Many Tasks', {
					resource: 'task',
					operation: 'getMany',
					returnAll: true,
					filters: { contactId: rl('c-e2e-ana', 'id') },
				}),
				node('Update Opportunity', {
					resource: 'opportunity',
					operation: 'update',
					opportunityId: rl('o-e2e-1', 'id'),
					updateFields: { amount: 900, stageId: 'stage-won' },
				}),
				node('Search Messages', {
					resource: 'message',
					operation: 'search',
					query: 'price',
					returnAll: true,
				}),
				node('Get Contact Messages', {
					resource: 'contact',
					operation: 'getMessages',
					contactId: rl('={{ $json.contactId }}', 'id'),
					returnAll: true,
				}),
				node('Delete Contact', {
					resource: 'contact',
					operation: 'delete',
					contactId: rl('={{ $json.contactId }}', 'id'),
				}),
			]),
			chainWorkflow(
				'wfTemplateV2',
				[
					node(
						'Send Conversation',
						{
							resource: 'message',
							operation: 'sendConversation',
							template: rl('order_confirmation'),
							destination: '={{ $json.phone }}',
							sendType: 'campaign',
							campaignName: 'Orders',
							templateFields: {
								mappingMode: 'defineBelow',
								value: {
									'header:1': '={{ $json.order }}',
									'body:1': '={{ $json.name }}',
									'body:2': '={{ $json.order }}',
								},
								matchingColumns: [],
								schema: [],
							},
						},
						{ executeOnce: false },
					),
				],
				[
					{ name: 'Ana', phone: '+51 987 654 321', order: 'A-1' },
					{ name: 'Luis', phone: '0051 912 345 678', order: 'A-2' },
				],
			),
		);
		await n8n.importWorkflows(workflows);
		await run('wfAgents');
		await run('wfRecords', (state) => {
			const ana = {
				...buildContact(state, WORKSPACE_ID, {
					name: 'Ana',
					internalWhatsappNumber: '51987654321',
				}),
				id: 'c-e2e-ana',
			};
			state.contacts.set(ana.id, ana);
			state.opportunities.set('o-e2e-1', {
				id: 'o-e2e-1',
				workspaceId: WORKSPACE_ID,
				name: 'Annual plan',
				amount: 500,
				stageId: null,
			});
			state.tasks.set('t-e2e-1', {
				id: 't-e2e-1',
				workspaceId: WORKSPACE_ID,
				name: 'Call Ana',
				contactId: ana.id,
			});
			state.tasks.set('t-e2e-2', {
				id: 't-e2e-2',
				workspaceId: WORKSPACE_ID,
				name: 'Other',
				contactId: 'c-other',
			});
			state.messages.push(
				{ id: 'm-1', contactId: ana.id, workspaceId: WORKSPACE_ID, content: 'What is the price?' },
				{ id: 'm-2', contactId: ana.id, workspaceId: WORKSPACE_ID, content: 'Thanks' },
			);
		});
		await run('wfTemplateV2');
	});

	afterAll(async () => {
		await standIn.stop();
		await n8n.dispose();
	});

	it('asks an agent twice in one execution with one session, then reads and updates it', () => {
		expectSuccess(results.wfAgents);
		const requests = sent(received.wfAgents);
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /api/agent/on-message',
			'POST /api/agent/on-message',
			'GET /api/agent/get-agents',
			'GET /api/agent/get-agent',
			'POST /api/agent/set-instructions',
			'POST /api/agent/set-persona',
			'POST /api/agent/set-fallbacks',
			'POST /api/agent/set-rules',
		]);
		const [first, second] = requests;
		expect(first.body).toEqual({
			agentId: 'agent-demo-1',
			workspaceId: WORKSPACE_ID,
			question: 'Do you open on Sunday?',
			sessionId: expect.stringMatching(/^n8n-execution-\w+$/),
		});
		expect(second.body).toEqual({ ...first.body, question: 'And after "Do you open on Sunday?"?' });
		expect(outputOf(results.wfAgents, 'Ask Again').map((item) => item.json.answer)).toEqual([
			'Sales assistant: you asked "And after "Do you open on Sunday?"?" (message 2 of this session)',
		]);
		// The SDK's name for the agent, and the docs'.
		expect(requests[3].query).toEqual({
			id: 'agent-demo-1',
			agentId: 'agent-demo-1',
			workspaceId: WORKSPACE_ID,
		});
		expect(requests[4].body).toEqual({
			agentId: 'agent-demo-1',
			workspaceId: WORKSPACE_ID,
			tone: 'friendly',
			maxWords: 60,
			avoidTopics: ['prices', 'competitors'],
		});
		const agent = after.wfAgents.agents.find((a: any) => a.id === 'agent-demo-1');
		expect(agent).toMatchObject({
			instructions: { tone: 'friendly', maxWords: 60, avoidTopics: ['prices', 'competitors'] },
			person: { name: 'Maximo', isHuman: false },
			fallbacks: { noAnswer: 'Sorry.' },
			rules: { doNotMentionPrices: true },
		});
		expect(outputOf(results.wfAgents, 'Get Agent').map((item) => item.json.name)).toEqual([
			'Sales assistant',
		]);
	});

	it('lists users and tasks, updates an opportunity, searches messages, reads and deletes a contact', () => {
		expectSuccess(results.wfRecords);
		expect(sent(received.wfRecords).map((r) => [r.method, r.path, r.query, r.body])).toEqual([
			['GET', `/api/workspace/usersByWorkspaceId/${WORKSPACE_ID}`, {}, null],
			[
				'GET',
				'/api/task',
				{ workspaceId: WORKSPACE_ID, contactId: 'c-e2e-ana', pageNumber: '1', pageSize: '50' },
				null,
			],
			// A page shorter than asked may be Plazbot's own page size: the next page, empty, ends the list.
			[
				'GET',
				'/api/task',
				{ workspaceId: WORKSPACE_ID, contactId: 'c-e2e-ana', pageNumber: '2', pageSize: '50' },
				null,
			],
			[
				'PUT',
				'/api/opportunity',
				{ id: 'o-e2e-1', workspaceId: WORKSPACE_ID },
				{ amount: 900, stageId: 'stage-won' },
			],
			[
				'GET',
				'/api/message/get-query-messages',
				{ query: 'price', workspaceId: WORKSPACE_ID },
				null,
			],
			['GET', '/api/message', { contactId: 'c-e2e-ana' }, null],
			[
				'POST',
				'/api/contact/delete-batch',
				{},
				{ workspaceId: WORKSPACE_ID, contactIds: [{ ids: 'c-e2e-ana' }] },
			],
		]);
		expect(outputOf(results.wfRecords, 'Get Many Users').map((item) => item.json.email)).toEqual([
			'ana@example.com',
		]);
		expect(outputOf(results.wfRecords, 'Get Many Tasks').map((item) => item.json.id)).toEqual([
			't-e2e-1',
		]);
		const updated = after.wfRecords.opportunities.find((o: any) => o.id === 'o-e2e-1');
		expect(updated).toMatchObject({ amount: 900, stageId: 'stage-won', name: 'Annual plan' });
		expect(outputOf(results.wfRecords, 'Update Opportunity').map((item) => item.json)).toEqual([
			asOutput(updated),
		]);
		expect(
			outputOf(results.wfRecords, 'Get Contact Messages').map((item) => item.json.content),
		).toEqual(['What is the price?', 'Thanks']);
		expect(outputOf(results.wfRecords, 'Delete Contact')).toEqual([
			{ json: { deleted: true, id: 'c-e2e-ana' }, pairedItem: { item: 0 } },
		]);
		expect(after.wfRecords.contacts.map((c: any) => c.id)).not.toContain('c-e2e-ana');
	});

	it('version 2 sends the picked template with its variables filled by name, one output item per row naming destination and template', () => {
		expectSuccess(results.wfTemplateV2);
		const body = (destination: string, name: string, order: string) => ({
			workspaceId: WORKSPACE_ID,
			template: 'order_confirmation',
			destination,
			variablesBody: [
				{ variable: '1', value: name },
				{ variable: '2', value: order },
			],
			variablesHeader: [{ variable: '1', value: order }],
			type: '1',
			sendType: '1',
			campaignName: 'Orders',
		});
		expect(sent(received.wfTemplateV2).map((r) => r.body)).toEqual([
			body('51987654321', 'Ana', 'A-1'),
			body('51912345678', 'Luis', 'A-2'),
		]);
		expect(
			outputOf(results.wfTemplateV2, 'Send Conversation').map((item) => [
				item.json.destination,
				item.json.template,
				item.pairedItem,
			]),
		).toEqual([
			['51987654321', 'order_confirmation', { item: 0 }],
			['51912345678', 'order_confirmation', { item: 1 }],
		]);
	});

	it('runs each operation this file owns', () => {
		const ran = new Set<string>();
		for (const workflow of workflows) {
			for (const n of workflow.nodes) {
				if (n.type !== NODE_TYPE) continue;
				const runs = results[workflow.id]?.run?.data?.resultData?.runData?.[n.name];
				if (runs?.[0]?.executionStatus === 'success' && !runs[0].error)
					ran.add(`${n.parameters.resource}.${n.parameters.operation}`);
			}
		}
		expect([...ran].filter((op) => op !== 'message.sendConversation').sort()).toEqual(
			[...API_E2E_OPERATIONS].sort(),
		);
	});
});

/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * One workflow per published dialect of Plazbot's API (test/stand-in/dialects.js), in real n8n:
 * a campaign with Send Conversation version 1, the same customers with version 2 and its mapped
 * template variables, a lookup by phone, a delete, and a list. The same workflow must give the
 * same results against each dialect. (The template picker is loadOptions only: unit-tested in
 * test/unit/dialects/dialects.test.ts.)
 */
import {
	chainWorkflow,
	expectExecutionSucceeded,
	N8nInstance,
	outputOf,
	plazbotNode,
	type CredentialSpec,
	type ExecutionResult,
	type WorkflowNode,
} from './n8n';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createStandIn } = require('../stand-in/server');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DIALECT_NAMES: DIALECTS } = require('../stand-in/dialects');
const DIALECT_NAMES: string[] = DIALECTS;

const WORKSPACE_ID = 'ws-e2e-dialects';
const API_KEY = 'key-e2e-dialects-51c3';
const TASKS = 25;

jest.setTimeout(10 * 60_000);

const customers = [
	{ name: 'Ana', phone: '+51 987-654-321', order: 'A-1001' },
	{ name: 'Luis', phone: '(0051) 912.345.678', order: 'A-1002' },
];
const rl = (value: string, mode = 'id') => ({ __rl: true, mode, value });

describe('one workflow against every dialect of Plazbot in real n8n', () => {
	const n8n = new N8nInstance();
	const standIns: Record<string, any> = Object.fromEntries(
		DIALECT_NAMES.map((dialect: string) => [
			dialect,
			createStandIn({ workspaceId: WORKSPACE_ID, apiKey: API_KEY, dialect }),
		]),
	);
	const results: Record<string, ExecutionResult> = {};
	const received: Record<string, any[]> = {};

	function workflow(dialect: string, credential: CredentialSpec): object {
		const node = (name: string, parameters: Record<string, unknown>, extra = {}) =>
			({ ...plazbotNode(name, parameters, credential), ...extra }) as WorkflowNode;
		return chainWorkflow(
			`wf-${dialect}`,
			[
				node('Campaign v1', {
					resource: 'message',
					operation: 'sendConversation',
					template: 'welcome',
					destination: '={{ $json.phone }}',
					sendType: 'campaign',
					campaignName: 'Black Friday',
					variablesBody: { variable: [{ variable: '1', value: '={{ $json.name }}' }] },
				}),
				node(
					'Campaign v2',
					{
						resource: 'message',
						operation: 'sendConversation',
						template: rl('order_confirmation', 'list'),
						destination: '={{ $json.destination }}',
						sendType: 'campaign',
						campaignName: 'Cyber Monday',
						templateFields: {
							mappingMode: 'defineBelow',
							value: { 'header:1': 'A-1', 'body:1': 'Ana', 'body:2': 'A-1' },
						},
					},
					{ typeVersion: 2 },
				),
				node('Lookup', {
					resource: 'contact',
					operation: 'getByPhone',
					phone: '={{ $json.destination }}',
				}),
				node('Delete', {
					resource: 'contact',
					operation: 'delete',
					contactId: rl('={{ $json.id }}'),
				}),
				node(
					'Tasks',
					{ resource: 'task', operation: 'getMany', returnAll: true },
					{ executeOnce: true },
				),
			],
			customers,
		);
	}

	beforeAll(async () => {
		const credentials: Record<string, CredentialSpec> = {};
		for (const [dialect, standIn] of Object.entries(standIns)) {
			credentials[dialect] = {
				id: `cred-${dialect}`,
				name: `Plazbot ${dialect}`,
				data: { workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl: await standIn.start(0) },
			};
		}
		await n8n.importCredentials(Object.values(credentials));
		await n8n.importWorkflows(
			DIALECT_NAMES.map((dialect: string) => workflow(dialect, credentials[dialect])),
		);
		for (const [dialect, standIn] of Object.entries(standIns)) {
			for (let i = 1; i <= TASKS; i++) {
				const id = `t-${String(i).padStart(3, '0')}`;
				standIn.state.tasks.set(id, { id, workspaceId: WORKSPACE_ID, name: `Task ${i}` });
			}
			results[dialect] = await n8n.execute(`wf-${dialect}`);
			received[dialect] = standIn.requests.map((request: any) => ({ ...request }));
		}
	});

	afterAll(async () => {
		for (const standIn of Object.values(standIns)) await standIn.stop();
		await n8n.dispose();
	});

	describe.each(DIALECT_NAMES)('the %s dialect', (dialect) => {
		const output = (node: string) => outputOf(results[dialect], node).map((item) => item.json);

		it('runs the whole workflow', () => {
			expectExecutionSucceeded(results[dialect]);
		});

		it('sends both campaigns to every customer exactly once each, filed as Campaign', () => {
			const sent = received[dialect].filter(
				(request) =>
					request.method === 'POST' &&
					request.path.endsWith('/conversation') &&
					request.status === 200,
			);
			expect(sent.map((request) => [request.body.template, request.body.destination])).toEqual([
				['welcome', '51987654321'],
				['welcome', '51912345678'],
				['order_confirmation', '51987654321'],
				['order_confirmation', '51912345678'],
			]);
			expect(
				sent.every((request) => request.body.type === '1' && request.body.sendType === '1'),
			).toBe(true);
			expect(output('Campaign v2').map((json) => json.destination)).toEqual([
				'51987654321',
				'51912345678',
			]);
		});

		it('finds each customer by phone and deletes them', () => {
			const found = output('Lookup');
			expect(found.map((json) => json.platformSenderPhone)).toEqual(['51987654321', '51912345678']);
			expect(output('Delete')).toEqual(found.map((json) => ({ deleted: true, id: json.id })));
		});

		it('lists every task once', () => {
			expect(output('Tasks').map((json) => json.name)).toEqual(
				Array.from({ length: TASKS }, (_, i) => `Task ${i + 1}`),
			);
		});
	});
});

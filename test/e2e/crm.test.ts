/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * Every Plazbot operation other than Send Conversation, in real n8n 2.x against the stand-in: a CRM
 * round trip in one workflow, paginated contact lists, one chain per remaining resource, and the
 * example workflows users import from test/e2e/workflows/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	chainWorkflow,
	EXAMPLES_DIR,
	exampleWorkflow,
	expectExecutionSucceeded,
	N8nInstance,
	NODE_TYPE,
	outputOf,
	PUBLISHED_NODE_TYPE,
	plazbotNode,
	type CredentialSpec,
	type ExecutionResult,
	type OutputItem,
	type WorkflowNode,
} from './n8n';
import { CRM_E2E_OPERATIONS } from './apiOperations';
import { redactRecord } from '../../nodes/Plazbot/helpers/secrets';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createStandIn } = require('../stand-in/server');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildContact } = require('../stand-in/routes/contact');

const WORKSPACE_ID = 'ws-e2e-crm-5e1a0c';
const API_KEY = 'key-e2e-crm-27d9c4b1';
const CREATE_PASSWORD = 'Cr3ate-e2e-Pw!51x';
const LOGIN_PASSWORD = 'L0gin-e2e-Pw!83q';
const NEW_PASSWORD = 'N3w-e2e-Pw!29zk';
const VERIFICATION_ID = 'vrf-e2e-604218';

const DEMO_CREDENTIAL = { id: 'plazbot-demo', name: 'Plazbot stand-in (demo)' };

jest.setTimeout(10 * 60_000);

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
const jsonOf = (items: OutputItem[]) => items.map((item) => item.json);
/** The credential's Workspace ID and API Key never reach output: the node writes *** instead. */
const REDACTED = '***';
const asOutput = <T>(records: T): T =>
	redactRecord(records, { inText: [API_KEY], wholeValue: [WORKSPACE_ID] });
/** What the stand-in received, without the headers and timings that are asserted elsewhere. */
const sent = (requests: any[]) =>
	requests.map(({ method, path, query, body }) => ({ method, path, query, body }));

describe('CRM operations in real n8n', () => {
	const standIn = createStandIn({ workspaceId: WORKSPACE_ID, apiKey: API_KEY });
	const n8n = new N8nInstance();
	let good: CredentialSpec;
	const results: Record<string, ExecutionResult> = {};
	const received: Record<string, any[]> = {};
	/** The stand-in's state right after each execution. */
	const after: Record<string, any> = {};
	/** Every workflow imported, as imported. */
	const imported: any[] = [];

	/** Ana as a campaign leaves her: Send Conversation made the contact from the number alone. */
	function seedCampaignContact(state: any): void {
		const contact = buildContact(state, WORKSPACE_ID, {
			platformSenderPhone: '51987654321',
			internalWhatsappNumber: '51987654321',
			isManuallyAdded: false,
		});
		state.contacts.set(contact.id, contact);
	}

	function seedContacts(state: any, count: number): void {
		for (let i = 1; i <= count; i++) {
			const contact = buildContact(state, WORKSPACE_ID, {
				name: `Customer ${i}`,
				internalWhatsappNumber: `5190000${String(i).padStart(4, '0')}`,
			});
			state.contacts.set(contact.id, contact);
		}
	}

	/** Runs one workflow on a fresh stand-in state and keeps what the stand-in saw. */
	async function run(id: string, seed?: (state: any) => void): Promise<void> {
		standIn.reset();
		seed?.(standIn.state);
		results[id] = await n8n.execute(id);
		received[id] = standIn.requests.map((r: any) => ({ ...r }));
		const { state } = standIn;
		after[id] = JSON.parse(
			JSON.stringify({
				contacts: [...state.contacts.values()],
				opportunities: [...state.opportunities.values()],
				tasks: [...state.tasks.values()],
				users: [...state.users.values()],
				agents: [...state.agents.values()],
			}),
		);
	}

	/** Every remaining operation of contacts, messages, tasks, opportunities, workspace and automation. */
	function operationsWorkflow(): object {
		const node = (
			name: string,
			parameters: Record<string, unknown>,
			extra?: Record<string, unknown>,
		) => ({ ...plazbotNode(name, parameters, good), ...extra }) as WorkflowNode;
		return chainWorkflow('wfOperations', [
			node('Get Workspace', { resource: 'workspace', operation: 'get' }),
			node('Update Agent Prompt', {
				resource: 'automation',
				operation: 'updateAgentPrompt',
				agentId: 'agent-demo-1',
				prompt: '=You answer in Spanish for {{ $json.name }}.',
				additionalFields: { urlDocument: 'https://example.com/prompt.pdf' },
			}),
			node('Create Contact', {
				resource: 'contact',
				operation: 'create',
				name: 'Rosa',
				platformId: 2,
				internalWhatsappNumber: '+51 944 333 222',
				additionalFields: { email: 'rosa@example.com', lastname: 'Quispe' },
			}),
			node('Get Contact', {
				resource: 'contact',
				operation: 'get',
				contactId: rl('={{ $json.id }}'),
			}),
			node('Get Contacts by Email', {
				resource: 'contact',
				operation: 'getByEmail',
				email: '={{ $json.email }}',
			}),
			node('Add Contact Activity', {
				resource: 'contact',
				operation: 'addActivity',
				contactId: rl('={{ $json.id }}'),
				content: 'Asked for a quote',
			}),
			node('Send Message', {
				resource: 'message',
				operation: 'sendMessage',
				contactId: rl('={{ $json.contactId }}'),
				recipientPhone: "={{ $('Create Contact').item.json.internalWhatsappNumber }}",
				content: "=Hola {{ $('Create Contact').item.json.name }}, here is your quote.",
				additionalFields: { externalReferenceId: 'quote-77' },
			}),
			node('Create Task', {
				resource: 'task',
				operation: 'create',
				name: 'Send the quote',
				description: "=Quote for {{ $('Create Contact').item.json.name }}",
				additionalFields: {
					contactId: rl("={{ $('Create Contact').item.json.id }}"),
					expirationDate: '2026-07-01T15:00:00Z',
					notes: 'Before Friday',
				},
			}),
			node('Get Task', { resource: 'task', operation: 'get', taskId: '={{ $json.taskId }}' }),
			node('Delete Task', { resource: 'task', operation: 'delete', taskId: '={{ $json.id }}' }),
			node('Create Opportunity', {
				resource: 'opportunity',
				operation: 'create',
				name: 'Quote for Rosa',
				description: 'Three licences',
				amount: 450.5,
				additionalFields: { contactId: rl("={{ $('Create Contact').item.json.id }}") },
			}),
			node('Get Opportunity', {
				resource: 'opportunity',
				operation: 'get',
				opportunityId: rl('={{ $json.id }}'),
			}),
			node('Get Many Contacts', {
				resource: 'contact',
				operation: 'getMany',
				returnAll: false,
				limit: 10,
			}),
			node('Get Conversations', {
				resource: 'message',
				operation: 'getConversations',
				returnAll: true,
			}),
			// Get Conversations gives one item per conversation: list the opportunities once.
			node(
				'Get Many Opportunities',
				{ resource: 'opportunity', operation: 'getMany', returnAll: true },
				{ executeOnce: true },
			),
		]);
	}

	function seedOperations(state: any): void {
		for (let i = 1; i <= 2; i++) {
			state.conversations.push({
				id: state.newId('v'),
				contactId: null,
				workspaceId: WORKSPACE_ID,
				templateCode: 'welcome',
				type: 3,
				campaignName: 'Welcome',
				platformSenderPhone: `5198800000${i}`,
				requestBody: null,
				responseStatus: 200,
				creationDate: '2026-03-01T12:00:00.000Z',
			});
		}
		for (let i = 1; i <= 21; i++) {
			const id = state.newId('o');
			state.opportunities.set(id, {
				id,
				workspaceId: WORKSPACE_ID,
				name: `Deal ${i}`,
				description: 'Seeded',
				amount: i * 100,
				contactId: null,
				activities: [],
			});
		}
	}

	function usersWorkflow(): object {
		const node = (name: string, parameters: Record<string, unknown>) =>
			plazbotNode(name, parameters, good);
		return chainWorkflow('wfUsers', [
			node('Create User', {
				resource: 'user',
				operation: 'create',
				name: 'Carlos',
				lastName: 'Ruiz',
				email: 'carlos.ruiz@example.com',
				password: CREATE_PASSWORD,
				company: 'plazbot',
				isExternalCreation: true,
				additionalFields: { defaultStartWeek: 0 },
			}),
			node('Get User by Email', {
				resource: 'user',
				operation: 'getByEmail',
				email: '={{ $json.email }}',
			}),
			node('Login', {
				resource: 'user',
				operation: 'login',
				email: 'sofia@example.com',
				password: LOGIN_PASSWORD,
			}),
			node('Send Reset Password', {
				resource: 'user',
				operation: 'sendResetPassword',
				email: "={{ $('Create User').item.json.email }}",
				company: 'plazbot',
			}),
			node('Update Password', {
				resource: 'user',
				operation: 'updatePassword',
				email: 'sofia@example.com',
				newPassword: NEW_PASSWORD,
				verificationId: VERIFICATION_ID,
			}),
		]);
	}

	function seedUsers(state: any): void {
		const now = Date.now();
		state.users.set('user-e2e-sofia', {
			id: 'user-e2e-sofia',
			name: 'Sofía',
			lastName: 'Vega',
			email: 'sofia@example.com',
			password: LOGIN_PASSWORD,
			company: 'plazbot',
			role: 'user',
			avatar: null,
			creationDate: '2026-01-02T00:00:00.000Z',
			changePasswordData: {
				id: VERIFICATION_ID,
				creationDate: new Date(now).toISOString(),
				expirationDate: new Date(now + 60 * 60 * 1000).toISOString(),
			},
		});
	}

	beforeAll(async () => {
		const url = await standIn.start(0);
		good = {
			id: 'cred-crm',
			name: 'Plazbot stand-in',
			data: { workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl: url },
		};
		await n8n.importCredentials([good]);
		imported.push(
			exampleWorkflow('crm-round-trip.json', good),
			// The same example for a customer Plazbot already has, under its own ID.
			{
				...exampleWorkflow('crm-round-trip.json', good),
				id: 'wfCrmKnownCustomer',
				name: 'CRM round trip, known customer',
			},
			exampleWorkflow('list-contacts.json', good),
			exampleWorkflow('send-campaign.json', good),
			chainWorkflow('wfContactsLimit', [
				plazbotNode(
					'Get Many Contacts',
					{ resource: 'contact', operation: 'getMany', returnAll: false, limit: 25 },
					good,
				),
			]),
			operationsWorkflow(),
			usersWorkflow(),
		);
		await n8n.importWorkflows(imported);
		await run('PlzCrmRoundTrip1');
		await run('wfCrmKnownCustomer', seedCampaignContact);
		await run('PlzListContacts1', (state) => seedContacts(state, 45));
		await run('wfContactsLimit', (state) => seedContacts(state, 45));
		await run('PlzSendCampaign1');
		await run('wfOperations', seedOperations);
		await run('wfUsers', seedUsers);
	});

	afterAll(async () => {
		await standIn.stop();
		await n8n.dispose();
	});

	describe('CRM round trip in one workflow (crm-round-trip.json), for a new customer', () => {
		const id = 'PlzCrmRoundTrip1';
		const contactId = () => outputOf(results[id], 'Create Contact')[0].json.id as string;
		const opportunityId = () => outputOf(results[id], 'Create Opportunity')[0].json.id as string;

		it('runs to the end', () => {
			expectExecutionSucceeded(results[id]);
		});

		it('sends search by phone, create (no contact had the number), create opportunity, activity and delete, in that order, exactly', () => {
			expect(contactId()).toEqual(expect.any(String));
			expect(opportunityId()).toEqual(expect.any(String));
			expect(sent(received[id])).toEqual([
				{
					method: 'GET',
					path: '/api/contact/searchByCellphone',
					query: { cellphone: '51987654321', workspaceId: WORKSPACE_ID },
					body: null,
				},
				{
					method: 'POST',
					path: '/api/contact',
					query: {},
					body: {
						workspaceId: WORKSPACE_ID,
						name: 'Ana',
						platformId: 2,
						internalWhatsappNumber: '51987654321',
						lastname: 'Torres',
						email: 'ana.torres@example.com',
					},
				},
				{
					method: 'POST',
					path: '/api/opportunity',
					query: {},
					body: {
						workspaceId: WORKSPACE_ID,
						name: 'Annual plan - Ana Torres',
						description: 'Asked for the annual plan on the web form',
						amount: 1200,
						contactId: contactId(),
					},
				},
				{
					method: 'POST',
					path: `/api/opportunity/${opportunityId()}/agent/activities`,
					query: {},
					// 10:30 on the workflow's time zone, America/Lima (UTC-5).
					body: {
						workspaceId: WORKSPACE_ID,
						content: 'Called the customer; demo booked for Friday',
						categoryType: 'Calls',
						date: '2026-05-15T15:30:00.000Z',
					},
				},
				{
					method: 'DELETE',
					path: `/api/opportunity/${opportunityId()}`,
					query: { workspaceId: WORKSPACE_ID },
					body: null,
				},
			]);
			for (const request of received[id]) {
				expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
				expect(request.headers['x-workspace-id']).toBe(WORKSPACE_ID);
			}
		});

		it('outputs one item per node, paired with the customer, carrying what the next node maps; Update Contact does not run', () => {
			const result = results[id];
			// "Find Contact by Phone" found nothing: Always Output Data gives the empty item that takes the "new customer" branch.
			expect(outputOf(result, 'Find Contact by Phone')).toEqual([
				{ json: {}, pairedItem: [{ item: 0, input: 0 }] },
			]);
			expect(result.run.data.resultData.runData['Update Contact']).toBeUndefined();
			// The customer's fields, no contact ID: the "new customer" (false) branch.
			expect(jsonOf(outputOf(result, 'Customer and Contact'))).toEqual([
				{
					name: 'Ana',
					lastname: 'Torres',
					phone: '+51 987 654 321',
					email: 'ana.torres@example.com',
				},
			]);
			const [known, unknown] =
				result.run.data.resultData.runData['Already a Contact?'][0].data.main;
			expect([known.length, unknown.length]).toEqual([0, 1]);
			for (const name of [
				'Create Contact',
				'Create Opportunity',
				'Log Call',
				'Delete Opportunity',
			]) {
				expect(outputOf(result, name).map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
			}
			const [created] = jsonOf(outputOf(result, 'Create Contact'));
			expect(created).toMatchObject({
				id: contactId(),
				name: 'Ana',
				lastname: 'Torres',
				email: 'ana.torres@example.com',
				platformId: 2,
				internalWhatsappNumber: '51987654321',
				platformSenderPhone: '51987654321',
			});
			expect(created).not.toHaveProperty('contact');
			const [opportunity] = jsonOf(outputOf(result, 'Create Opportunity'));
			expect(opportunity).toEqual({ id: opportunityId(), opportunity: expect.any(Object) });
			expect(opportunity.opportunity).toMatchObject({
				id: opportunityId(),
				name: 'Annual plan - Ana Torres',
				description: 'Asked for the annual plan on the web form',
				amount: 1200,
				contactId: contactId(),
				workspaceId: REDACTED,
			});
			expect(jsonOf(outputOf(result, 'Log Call'))).toEqual([
				{
					opportunityId: opportunityId(),
					activity: {
						id: expect.any(String),
						categoryType: 'Calls',
						content: 'Called the customer; demo booked for Friday',
						date: '2026-05-15T15:30:00.000Z',
						createdBy: null,
						creationDate: expect.any(String),
					},
				},
			]);
			expect(jsonOf(outputOf(result, 'Delete Opportunity'))).toEqual([
				{ deleted: true, id: opportunityId() },
			]);
		});

		it('leaves one contact with every field in Plazbot and the opportunity gone', () => {
			expect(after[id].opportunities).toEqual([]);
			expect(after[id].contacts).toHaveLength(1);
			expect(after[id].contacts[0]).toMatchObject({
				id: contactId(),
				name: 'Ana',
				lastname: 'Torres',
				email: 'ana.torres@example.com',
				internalWhatsappNumber: '51987654321',
			});
		});
	});

	describe('CRM round trip (crm-round-trip.json) for a customer Plazbot already has, e.g. from a campaign', () => {
		const id = 'wfCrmKnownCustomer';
		const known = () => after[id].contacts[0];
		const opportunityId = () => outputOf(results[id], 'Create Opportunity')[0].json.id as string;

		it('finds the contact by phone and updates it instead of creating another: one contact, every field set', () => {
			expectExecutionSucceeded(results[id]);
			expect(sent(received[id]).slice(0, 3)).toEqual([
				{
					method: 'GET',
					path: '/api/contact/searchByCellphone',
					query: { cellphone: '51987654321', workspaceId: WORKSPACE_ID },
					body: null,
				},
				{
					method: 'PUT',
					path: '/api/contact',
					query: { id: known().id, workspaceId: WORKSPACE_ID },
					body: { name: 'Ana', lastname: 'Torres', email: 'ana.torres@example.com' },
				},
				{
					method: 'POST',
					path: '/api/opportunity',
					query: {},
					body: {
						workspaceId: WORKSPACE_ID,
						name: 'Annual plan - Ana Torres',
						description: 'Asked for the annual plan on the web form',
						amount: 1200,
						contactId: known().id,
					},
				},
			]);
			expect(
				sent(received[id])
					.slice(3)
					.map((r) => `${r.method} ${r.path}`),
			).toEqual([
				`POST /api/opportunity/${opportunityId()}/agent/activities`,
				`DELETE /api/opportunity/${opportunityId()}`,
			]);
			expect(after[id].contacts).toHaveLength(1);
			expect(known()).toMatchObject({
				name: 'Ana',
				lastname: 'Torres',
				email: 'ana.torres@example.com',
				internalWhatsappNumber: '51987654321',
			});
			expect(after[id].opportunities).toEqual([]);
		});

		it('takes the "already a contact" branch: Create Contact does not run, every later node outputs one item paired with the customer', () => {
			const result = results[id];
			expect(result.run.data.resultData.runData['Create Contact']).toBeUndefined();
			expect(jsonOf(outputOf(result, 'Update Contact'))).toEqual([asOutput(known())]);
			expect(outputOf(result, 'Customer and Contact')).toHaveLength(1);
			expect(outputOf(result, 'Already a Contact?')).toHaveLength(1);
			for (const name of [
				'Find Contact by Phone',
				'Update Contact',
				'Create Opportunity',
				'Log Call',
				'Delete Opportunity',
			]) {
				expect(outputOf(result, name).map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
			}
		});
	});

	describe('Contact Get Many over 45 contacts', () => {
		const listRequest = (continuationToken?: string) => ({
			method: 'GET',
			path: '/api/contact',
			query: { workspaceId: WORKSPACE_ID, ...(continuationToken ? { continuationToken } : {}) },
			body: null,
		});
		const names = (count: number) => Array.from({ length: count }, (_, i) => `Customer ${i + 1}`);

		it('with Return All (list-contacts.json) follows the continuation tokens: 3 requests, 45 items in order', () => {
			const id = 'PlzListContacts1';
			expectExecutionSucceeded(results[id]);
			expect(sent(received[id])).toEqual([listRequest(), listRequest('20'), listRequest('40')]);
			const items = outputOf(results[id], 'Get Many Contacts');
			expect(items).toHaveLength(45);
			expect(items.map((item) => item.json.name)).toEqual(names(45));
			expect(items.map((item) => item.json)).toEqual(asOutput(after[id].contacts));
			expect(
				items.every((item) => JSON.stringify(item.pairedItem) === JSON.stringify({ item: 0 })),
			).toBe(true);
		});

		it('with Limit 25 stops after the page that reaches the limit: 2 requests, 25 items', () => {
			const id = 'wfContactsLimit';
			expectExecutionSucceeded(results[id]);
			expect(sent(received[id])).toEqual([listRequest(), listRequest('20')]);
			const items = outputOf(results[id], 'Get Many Contacts');
			expect(items.map((item) => item.json.name)).toEqual(names(25));
			expect(items.map((item) => item.json)).toEqual(asOutput(after[id].contacts.slice(0, 25)));
		});
	});

	describe('one chain through contacts, messages, tasks, opportunities, workspace and AI agent', () => {
		const id = 'wfOperations';
		const out = (name: string) => jsonOf(outputOf(results[id], name));
		const contactId = () => out('Create Contact')[0].id as string;
		const taskId = () => out('Create Task')[0].taskId as string;
		const opportunityId = () => out('Create Opportunity')[0].id as string;

		it('runs to the end', () => {
			expectExecutionSucceeded(results[id]);
		});

		it('sends each operation its documented request, with IDs mapped from the previous outputs', () => {
			const ws = { workspaceId: WORKSPACE_ID };
			expect(sent(received[id])).toEqual([
				{ method: 'GET', path: `/api/workspace/${WORKSPACE_ID}`, query: {}, body: null },
				{
					method: 'POST',
					path: '/api/automation/node/agent-demo-1/prompt',
					query: {},
					body: {
						...ws,
						prompt: 'You answer in Spanish for Demo workspace.',
						urlDocument: 'https://example.com/prompt.pdf',
					},
				},
				{
					method: 'POST',
					path: '/api/contact',
					query: {},
					body: {
						...ws,
						name: 'Rosa',
						platformId: 2,
						internalWhatsappNumber: '51944333222',
						email: 'rosa@example.com',
						lastname: 'Quispe',
					},
				},
				{ method: 'GET', path: `/api/contact/${contactId()}`, query: ws, body: null },
				{
					method: 'GET',
					path: '/api/contact/searchByEmail',
					query: { email: 'rosa@example.com', ...ws },
					body: null,
				},
				{
					method: 'POST',
					path: `/api/contact/${contactId()}/activities`,
					query: {},
					body: { ...ws, content: 'Asked for a quote' },
				},
				{
					method: 'POST',
					path: '/api/message',
					query: {},
					body: {
						contactId: contactId(),
						content: 'Hola Rosa, here is your quote.',
						recipientPhone: '51944333222',
						...ws,
						externalReferenceId: 'quote-77',
					},
				},
				{
					method: 'POST',
					path: '/api/task',
					query: {},
					body: {
						...ws,
						name: 'Send the quote',
						description: 'Quote for Rosa',
						notes: 'Before Friday',
						expirationDate: '2026-07-01T15:00:00.000Z',
						contactId: contactId(),
					},
				},
				{ method: 'GET', path: `/api/task/${taskId()}`, query: ws, body: null },
				{ method: 'DELETE', path: `/api/task/${taskId()}`, query: ws, body: null },
				{
					method: 'POST',
					path: '/api/opportunity',
					query: {},
					body: {
						...ws,
						name: 'Quote for Rosa',
						description: 'Three licences',
						amount: 450.5,
						contactId: contactId(),
					},
				},
				{ method: 'GET', path: `/api/opportunity/${opportunityId()}`, query: ws, body: null },
				{ method: 'GET', path: '/api/contact', query: ws, body: null },
				{ method: 'GET', path: '/api/message/conversation', query: ws, body: null },
				{ method: 'GET', path: '/api/opportunity', query: ws, body: null },
				{
					method: 'GET',
					path: '/api/opportunity',
					query: { ...ws, continuationToken: '20' },
					body: null,
				},
			]);
		});

		it('outputs the records Plazbot answered, one item each, paired with their input', () => {
			const [workspace] = out('Get Workspace');
			expect(workspace).toMatchObject({
				id: REDACTED,
				name: 'Demo workspace',
				segmentations: [{ id: 'seg-vip', name: 'VIP' }],
			});
			expect(out('Update Agent Prompt')).toEqual([
				{
					id: 'agent-demo-1',
					name: 'Sales assistant',
					prompt: 'You answer in Spanish for Demo workspace.',
					urlDocument: 'https://example.com/prompt.pdf',
					updatedDate: expect.any(String),
				},
			]);
			const contact = asOutput(after[id].contacts.find((c: any) => c.id === contactId()));
			expect(contact).toMatchObject({
				name: 'Rosa',
				lastname: 'Quispe',
				email: 'rosa@example.com',
				internalWhatsappNumber: '51944333222',
			});
			expect(out('Create Contact')).toEqual([contact]);
			expect(out('Get Contact')).toEqual([contact]);
			expect(out('Get Contacts by Email')).toEqual([contact]);
			expect(out('Add Contact Activity')).toEqual([
				{
					contactId: contactId(),
					success: true,
					message: 'The activity was recorded successfully.',
				},
			]);
			expect(out('Send Message')).toEqual([
				{
					contactId: contactId(),
					message: expect.objectContaining({
						content: 'Hola Rosa, here is your quote.',
						recipientPhone: '51944333222',
						externalReferenceId: 'quote-77',
					}),
				},
			]);
			const [createdTask] = out('Create Task');
			expect(createdTask).toEqual({
				taskId: taskId(),
				task: expect.objectContaining({
					id: taskId(),
					name: 'Send the quote',
					contactId: contactId(),
				}),
			});
			expect(out('Get Task')).toEqual([createdTask.task]);
			expect(out('Delete Task')).toEqual([{ deleted: true, id: taskId() }]);
			expect(after[id].tasks).toEqual([]);
			const [createdOpportunity] = out('Create Opportunity');
			expect(createdOpportunity.opportunity).toMatchObject({
				name: 'Quote for Rosa',
				amount: 450.5,
				contactId: contactId(),
			});
			expect(out('Get Opportunity')).toEqual([createdOpportunity.opportunity]);
			expect(out('Get Many Contacts')).toEqual([contact]);
			expect(out('Get Conversations').map((c) => c.platformSenderPhone)).toEqual([
				'51988000001',
				'51988000002',
			]);
			// 21 seeded plus the one created: two pages, each opportunity once, in creation order.
			const opportunities = out('Get Many Opportunities');
			expect(opportunities.map((o) => o.id)).toEqual(after[id].opportunities.map((o: any) => o.id));
			expect(opportunities).toHaveLength(22);
			expect(opportunities[21].id).toBe(opportunityId());
			for (const node of Object.keys(results[id].run.data.resultData.runData)) {
				const items = outputOf(results[id], node);
				expect(items.length).toBeGreaterThan(0);
				for (const item of items) expect(item.pairedItem).toEqual({ item: 0 });
			}
		});
	});

	describe('user operations', () => {
		const id = 'wfUsers';
		const out = (name: string) => jsonOf(outputOf(results[id], name));

		it('runs to the end', () => {
			expectExecutionSucceeded(results[id]);
		});

		it('sends create, get by email, login, send reset and update password as documented', () => {
			expect(sent(received[id])).toEqual([
				{
					method: 'POST',
					path: '/api/user',
					query: {},
					body: {
						name: 'Carlos',
						lastName: 'Ruiz',
						email: 'carlos.ruiz@example.com',
						password: CREATE_PASSWORD,
						company: 'plazbot',
						isExternalCreation: true,
						defaultStartWeek: 0,
					},
				},
				{
					method: 'GET',
					path: '/api/user/email',
					query: { email: 'carlos.ruiz@example.com' },
					body: null,
				},
				{
					method: 'POST',
					path: '/api/user/login',
					query: {},
					body: { email: 'sofia@example.com', password: LOGIN_PASSWORD },
				},
				{
					method: 'POST',
					path: '/api/user/sendEmailToResetPassword',
					query: {},
					body: { email: 'carlos.ruiz@example.com', company: 'plazbot' },
				},
				{
					method: 'POST',
					path: '/api/user/resetPassword',
					query: {},
					body: {
						email: 'sofia@example.com',
						newPassword: NEW_PASSWORD,
						verificationId: VERIFICATION_ID,
					},
				},
			]);
		});

		it('outputs the users without passwords, tokens or verification codes, and the login token', () => {
			const carlosId = out('Create User')[0].userId;
			expect(out('Create User')).toEqual([
				{ userId: expect.any(String), email: 'carlos.ruiz@example.com' },
			]);
			expect(out('Get User by Email')).toEqual([
				{
					id: carlosId,
					name: 'Carlos',
					lastName: 'Ruiz',
					email: 'carlos.ruiz@example.com',
					company: 'plazbot',
					role: 'user',
					avatar: null,
					defaultStartWeek: 0,
					isExternalCreation: true,
					creationDate: expect.any(String),
				},
			]);
			const sofia = {
				id: 'user-e2e-sofia',
				name: 'Sofía',
				lastName: 'Vega',
				email: 'sofia@example.com',
				avatar: null,
				role: 'user',
				creationDate: '2026-01-02T00:00:00.000Z',
				company: 'plazbot',
			};
			expect(out('Login')).toEqual([
				{ token: expect.stringMatching(/^tok-[0-9a-f]{32}$/), user: sofia },
			]);
			expect(out('Send Reset Password')).toEqual([
				{
					success: true,
					message: 'Reset email sent successfully',
					email: 'carlos.ruiz@example.com',
				},
			]);
			expect(out('Update Password')).toEqual([
				{
					success: true,
					message: 'Password updated successfully',
					email: 'sofia@example.com',
					user: { ...sofia, userId: 'user-e2e-sofia' },
				},
			]);
		});

		it('changes what Plazbot stores: the new user, the reset code sent to them, the new password', () => {
			const users = Object.fromEntries(after[id].users.map((user: any) => [user.email, user]));
			expect(users['carlos.ruiz@example.com']).toMatchObject({
				password: CREATE_PASSWORD,
				company: 'plazbot',
			});
			expect(users['carlos.ruiz@example.com'].changePasswordData).toEqual(
				expect.objectContaining({ id: expect.stringMatching(/^\d{6}$/) }),
			);
			expect(users['sofia@example.com'].password).toBe(NEW_PASSWORD);
			expect(users['sofia@example.com'].changePasswordData.usedDate).toEqual(expect.any(String));
		});
	});

	it('never prints a password, the verification ID, the API key or the workspace ID in any execution output or log', () => {
		for (const [workflowId, result] of Object.entries(results)) {
			const everything = result.stdout + result.stderr;
			expect(everything.length).toBeGreaterThan(0);
			for (const secret of [
				CREATE_PASSWORD,
				LOGIN_PASSWORD,
				NEW_PASSWORD,
				VERIFICATION_ID,
				API_KEY,
				WORKSPACE_ID,
			]) {
				expect({ workflowId, leaked: everything.includes(secret) ? secret : undefined }).toEqual({
					workflowId,
					leaked: undefined,
				});
			}
		}
		const userOutputs = JSON.stringify(results.wfUsers.run.data.resultData.runData);
		for (const key of [
			'"password"',
			'"newPassword"',
			'"tokens"',
			'"changePasswordData"',
			'"code"',
			'"verificationId"',
		]) {
			expect(userOutputs).not.toContain(key);
		}
	});

	it('runs each operation it owns at least once, without error', () => {
		const ran = new Set<string>();
		for (const workflow of imported) {
			const result = results[workflow.id];
			if (!result) continue;
			for (const node of workflow.nodes) {
				if (node.type !== NODE_TYPE) continue;
				const runs = result.run?.data?.resultData?.runData?.[node.name];
				if (runs?.[0]?.executionStatus === 'success' && !runs[0].error) {
					ran.add(`${node.parameters.resource}.${node.parameters.operation}`);
				}
			}
		}
		expect([...ran].sort()).toEqual([...CRM_E2E_OPERATIONS].sort());
	});

	describe('example workflows (test/e2e/workflows/)', () => {
		const files = ['send-campaign.json', 'crm-round-trip.json', 'list-contacts.json'];

		it('use the published node type and the demo credential, as users import them', () => {
			for (const file of files) {
				const text = readFileSync(join(EXAMPLES_DIR, file), 'utf8');
				expect(text).not.toContain('CUSTOM.');
				const workflow = JSON.parse(text);
				const plazbotNodes = workflow.nodes.filter(
					(node: any) => !node.type.startsWith('n8n-nodes-base.'),
				);
				expect(plazbotNodes.length).toBeGreaterThan(0);
				for (const node of plazbotNodes) {
					expect({ file, type: node.type, credentials: node.credentials }).toEqual({
						file,
						type: PUBLISHED_NODE_TYPE,
						credentials: { plazbotApi: DEMO_CREDENTIAL },
					});
				}
			}
		});

		it('send-campaign.json (node version 1, as saved before version 2) sends the three customers with variables from expressions, type API and campaign name', () => {
			const id = 'PlzSendCampaign1';
			const saved = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'send-campaign.json'), 'utf8'));
			expect(saved.nodes.find((n: any) => n.name === 'Send Conversation')).toMatchObject({
				typeVersion: 1,
				parameters: { template: 'order_confirmation' },
			});
			expectExecutionSucceeded(results[id]);
			const body = (destination: string, name: string, order: string) => ({
				workspaceId: WORKSPACE_ID,
				template: 'order_confirmation',
				destination,
				variablesBody: [
					{ variable: '1', value: name },
					{ variable: '2', value: order },
				],
				type: '3',
				sendType: '3',
				campaignName: 'Order confirmations',
			});
			const requests = sent(received[id]);
			expect(requests.map((r) => [r.method, r.path])).toEqual(
				Array(3).fill(['POST', '/api/message/conversation']),
			);
			expect(
				requests.map((r) => r.body).sort((a, b) => a.destination.localeCompare(b.destination)),
			).toEqual([
				body('51912345678', 'Luis', 'A-1002'),
				body('51955111222', 'Marta', 'A-1003'),
				body('51987654321', 'Ana', 'A-1001'),
			]);
			const items = outputOf(results[id], 'Send Conversation');
			const contactOf = (phone: string) =>
				after[id].contacts.find((c: any) => c.platformSenderPhone === phone)?.id;
			const output = (phone: string) => ({
				contactId: contactOf(phone),
				destination: phone,
				template: 'order_confirmation',
			});
			expect(items).toEqual([
				{ json: output('51987654321'), pairedItem: { item: 0 } },
				{ json: output('51912345678'), pairedItem: { item: 1 } },
				{ json: output('51955111222'), pairedItem: { item: 2 } },
			]);
		});

		it('list-contacts.json and crm-round-trip.json run successfully (asserted in detail above)', () => {
			for (const id of ['PlzListContacts1', 'PlzCrmRoundTrip1']) {
				expectExecutionSucceeded(results[id]);
			}
			expect(outputOf(results.PlzListContacts1, 'Get Many Contacts')).toHaveLength(45);
		});
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * The AI agent's life, its knowledge files by URL, templates and the newer opportunity operations,
 * each in real n8n (both lines) against the stand-in: three chains whose IDs are mapped from the
 * previous outputs. What n8n's own HTTP helper does to a request (an extra header, a DELETE with a
 * JSON body, a multipart body) is what this proves beyond the unit tests.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

const WORKSPACE_ID = 'ws-e2e-newops-6a2f';
const API_KEY = 'key-e2e-newops-31d8b7';

jest.setTimeout(10 * 60_000);

const rl = (value: string) => ({ __rl: true, mode: 'id', value });
/** What the stand-in received: method, path, query, the agent header and the body. */
const sent = (requests: any[]) =>
	requests.map(({ method, path, query, headers, body }) => ({
		method,
		path,
		query,
		...(headers['x-agent-id'] ? { agentHeader: headers['x-agent-id'] } : {}),
		body,
	}));

describe('AI Agent, Template and Opportunity operations in real n8n', () => {
	const standIn = createStandIn({ workspaceId: WORKSPACE_ID, apiKey: API_KEY });
	const files = mkdtempSync(join(tmpdir(), 'plazbot-newops-'));
	const quote = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x10, 0x0d, 0x0a]);
	const n8n = new N8nInstance({ env: { N8N_RESTRICT_FILE_ACCESS_TO: files } });
	const results: Record<string, ExecutionResult> = {};
	const received: Record<string, any[]> = {};

	beforeAll(async () => {
		const url = await standIn.start(0);
		writeFileSync(join(files, 'quote.docx'), quote);
		const credential: CredentialSpec = {
			id: 'cred-newops',
			name: 'Plazbot stand-in',
			data: { workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl: url },
		};
		const node = (name: string, parameters: Record<string, unknown>) =>
			plazbotNode(name, parameters, credential, { typeVersion: 2, type: n8n.nodeType });
		const agent = (name: string, parameters: Record<string, unknown>) =>
			node(name, { resource: 'agent', ...parameters });
		await n8n.importCredentials([credential]);
		await n8n.importWorkflows([
			chainWorkflow('wfAgentLife', [
				agent('Create Agent', {
					operation: 'create',
					name: 'E2E assistant',
					agentFields: { prompt: 'Answer briefly.', buffer: 4 },
					configuration: '{"person":{"name":"Max","isHuman":false}}',
				}),
				agent('Update Agent', {
					operation: 'update',
					agentId: rl('={{ $json.agentId }}'),
					agentFields: { question: 'How can I help?' },
				}),
				agent('Set Greeting', {
					operation: 'setGreeting',
					agentId: rl('={{ $json.agentId }}'),
					greeting: 'Hola',
				}),
				agent('Set Tags', {
					operation: 'setTags',
					agentId: rl('={{ $json.agentId }}'),
					tags: 'e2e, sales',
				}),
				agent('Enable Widget', {
					operation: 'setWidget',
					agentId: rl('={{ $json.agentId }}'),
					enableWidget: true,
				}),
				agent('Add File by URL', {
					operation: 'addFile',
					agentId: rl('={{ $json.agentId }}'),
					fileSource: 'url',
					fileUrl: 'https://example.com/prices.pdf',
					reference: 'Prices for 2026',
				}),
				agent('Get File Status', { operation: 'getFileStatus', fileId: '={{ $json.fileId }}' }),
				agent('Delete File', {
					operation: 'deleteFile',
					agentId: rl('={{ $node["Add File by URL"].json.agentId }}'),
					fileId: '={{ $json.fileId }}',
				}),
				agent('Copy Agent', {
					operation: 'copy',
					agentId: rl('={{ $json.agentId }}'),
				}),
				agent('Delete Copy', { operation: 'delete', agentId: rl('={{ $json.id }}') }),
			]),
			chainWorkflow('wfTemplates', [
				node('Create Template', {
					resource: 'template',
					operation: 'create',
					elementName: 'e2e_welcome',
					languageCode: 'es',
					category: 'MARKETING',
					templateType: 'TEXT',
					userId: rl('user-demo-1'),
					bodyText: 'Hola {{1}}',
					variableExamples: { example: [{ placement: 'BODY', variable: '1', example: 'Ana' }] },
				}),
				node('Update Template', {
					resource: 'template',
					operation: 'update',
					templateId: rl('={{ $json.id }}'),
					updateFields: { category: 'UTILITY' },
				}),
				node('Get Template', {
					resource: 'template',
					operation: 'get',
					templateId: rl('={{ $json.id }}'),
				}),
				node('Get Templates', {
					resource: 'template',
					operation: 'getMany',
					returnAll: true,
					filters: { status: 'PENDING' },
				}),
			]),
			chainWorkflow('wfOpportunity', [
				node('Create Opportunity', {
					resource: 'opportunity',
					operation: 'create',
					name: 'E2E deal',
					description: 'From n8n',
					amount: 900,
				}),
				node('Add Activity', {
					resource: 'opportunity',
					operation: 'addActivity',
					opportunityId: rl('={{ $json.id }}'),
					content: 'Called the customer',
					category: 'Calls',
					additionalFields: { date: '2026-05-01T10:00:00Z' },
				}),
				node('Get Activities', {
					resource: 'opportunity',
					operation: 'getActivities',
					opportunityId: rl('={{ $node["Create Opportunity"].json.id }}'),
					returnAll: true,
				}),
				node('Update Custom Fields', {
					resource: 'opportunity',
					operation: 'update',
					opportunityId: rl('={{ $json.opportunityId }}'),
					updateFields: {
						customFields: { field: [{ name: 'source', value: 'WhatsApp' }] },
					},
				}),
				{
					name: 'Read Quote',
					type: 'n8n-nodes-base.readWriteFile',
					typeVersion: 1,
					parameters: { operation: 'read', fileSelector: join(files, 'quote.docx'), options: {} },
				} as WorkflowNode,
				node('Attach Quote', {
					resource: 'opportunity',
					operation: 'addFile',
					opportunityId: rl('={{ $node["Create Opportunity"].json.id }}'),
					binaryPropertyName: 'data',
				}),
			]),
		]);
		for (const id of ['wfAgentLife', 'wfTemplates', 'wfOpportunity']) {
			standIn.reset();
			results[id] = await n8n.execute(id);
			received[id] = standIn.requests.map((r: any) => ({ ...r }));
		}
	});

	afterAll(async () => {
		await standIn.stop();
		await n8n.dispose();
		rmSync(files, { recursive: true, force: true });
	});

	it('runs the three chains to the end', () => {
		for (const result of Object.values(results)) expectExecutionSucceeded(result);
	});

	it("sends an agent's life as the SDK does: the x-agent-id header, a DELETE with a JSON body, both key sets where the sources disagree", () => {
		const agentId = outputOf(results.wfAgentLife, 'Create Agent')[0].json.agentId;
		const fileId = outputOf(results.wfAgentLife, 'Add File by URL')[0].json.fileId;
		const copyId = outputOf(results.wfAgentLife, 'Copy Agent')[0].json.id;
		const ws = WORKSPACE_ID;
		expect(sent(received.wfAgentLife)).toEqual([
			{
				method: 'POST',
				path: '/api/agent/add',
				query: {},
				body: {
					person: { name: 'Max', isHuman: false },
					name: 'E2E assistant',
					prompt: 'Answer briefly.',
					buffer: 4,
				},
			},
			{
				method: 'POST',
				path: '/api/agent/update',
				query: {},
				agentHeader: agentId,
				body: { question: 'How can I help?' },
			},
			{
				method: 'POST',
				path: '/api/agent/set-greeting',
				query: {},
				body: { agentId, workspaceId: ws, greeting: 'Hola' },
			},
			{
				method: 'POST',
				path: '/api/agent/set-tags',
				query: {},
				body: { agentId, workspaceId: ws, tags: ['e2e', 'sales'] },
			},
			{
				method: 'POST',
				path: '/api/agent/enable-widget',
				query: {},
				body: { workspaceId: ws, id: agentId, enableWidget: true, agentId, widgetEnabled: true },
			},
			{
				method: 'POST',
				path: '/api/agent/add-file',
				query: {},
				body: {
					WorkspaceId: ws,
					FileUrl: 'https://example.com/prices.pdf',
					Reference: 'Prices for 2026',
					AgentId: agentId,
				},
			},
			{
				method: 'GET',
				path: '/api/agent/validate-file',
				query: { WorkspaceId: ws, FileId: fileId },
				body: null,
			},
			{
				method: 'DELETE',
				path: '/api/agent/delete-file',
				query: {},
				body: { WorkspaceId: ws, AgentId: agentId, FileId: fileId },
			},
			{
				method: 'POST',
				path: '/api/agent/copy-agent',
				query: { id: agentId, workspaceId: ws },
				body: { agentId, workspaceId: ws },
			},
			{
				method: 'DELETE',
				path: '/api/agent/delete',
				query: { id: copyId, workspaceId: ws },
				body: null,
			},
		]);
		expect(outputOf(results.wfAgentLife, 'Enable Widget')[0].json.script).toContain(
			`data-agent-id="${String(agentId)}"`,
		);
		expect(outputOf(results.wfAgentLife, 'Delete Copy').map((item) => item.json)).toEqual([
			{ deleted: true, agentId: copyId },
		]);
	});

	it('creates a template with its example, updates, reads and lists it', () => {
		const created = outputOf(results.wfTemplates, 'Create Template')[0].json;
		expect(sent(received.wfTemplates).map((r) => [r.method, r.path])).toEqual([
			['POST', '/api/template'],
			['PUT', `/api/template/${String(created.id)}`],
			['GET', '/api/template'],
			['GET', '/api/template'],
		]);
		expect(received.wfTemplates[0].body.components).toEqual([
			{
				type: 'BODY',
				format: 'TEXT',
				text: 'Hola {{1}}',
				buttons: [],
				variables: [{ variable: '1', example: 'Ana' }],
			},
		]);
		expect(outputOf(results.wfTemplates, 'Get Template')[0].json).toMatchObject({
			id: created.id,
			elementName: 'e2e_welcome',
			category: 'UTILITY',
			status: 'PENDING',
		});
		expect(
			outputOf(results.wfTemplates, 'Get Templates').map((item) => item.json.elementName),
		).toEqual(['e2e_welcome']);
	});

	it("reads an opportunity's activities, sets a custom field and attaches a file read from disk", () => {
		const id = String(outputOf(results.wfOpportunity, 'Create Opportunity')[0].json.id);
		const requests = sent(received.wfOpportunity);
		expect(requests.map((r) => [r.method, r.path])).toEqual([
			['POST', '/api/opportunity'],
			['POST', `/api/opportunity/${id}/agent/activities`],
			['GET', `/api/opportunity/${id}/agent/activities`],
			['PUT', '/api/opportunity'],
			['POST', `/api/opportunity/${id}/files`],
		]);
		expect(requests[3]).toMatchObject({
			query: { id, workspaceId: WORKSPACE_ID },
			body: { customFields: [{ name: 'source', value: 'WhatsApp' }] },
		});
		expect(requests[4].body).toEqual({
			workspaceId: WORKSPACE_ID,
			file: {
				fileName: 'quote.docx',
				contentType: expect.stringMatching(/^application\//),
				size: quote.length,
				base64: quote.toString('base64'),
			},
		});
		expect(outputOf(results.wfOpportunity, 'Get Activities').map((item) => item.json)).toEqual([
			expect.objectContaining({
				content: 'Called the customer',
				categoryType: 'Calls',
				opportunityId: id,
			}),
		]);
	});
});

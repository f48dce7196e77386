import type { IDataObject } from 'n8n-workflow';

import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const AGENT = 'agent-demo-1';
const rl = (value: string) => ({ __rl: true, mode: 'list', value });

function run(parameters: Record<string, unknown>, extra: { continueOnFail?: boolean } = {}) {
	const context = fakeExecuteFunctions({
		parameters: { resource: 'agent', ...parameters },
		credentials: credentials(),
		...extra,
	});
	return { ...context, result: router.call(context.fns) };
}

const sent = (requests: ReturnType<typeof run>['requests']) =>
	requests.map((r) => [r.method, r.url, r.qs, r.body]);

describe('AI Agent → Create', () => {
	it('posts the configuration as the whole body (JSON first, named fields over it) and outputs the new agent ID', async () => {
		const { requests, result } = run({
			operation: 'create',
			name: ' Support bot ',
			agentFields: { prompt: 'Answer politely.', buffer: 7, color: 'green', enable: false },
			configuration: JSON.stringify({ person: { name: 'Max' }, prompt: 'overridden', tags: ['x'] }),
		});
		const [output] = await result;
		const body = {
			person: { name: 'Max' },
			prompt: 'Answer politely.',
			tags: ['x'],
			name: 'Support bot',
			color: 'green',
			buffer: 7,
			enable: false,
		};
		expect(sent(requests)).toEqual([['POST', '/api/agent/add', undefined, body]]);
		const agentId = output[0].json.agentId as string;
		expect(output).toEqual([
			{ json: { agentId, name: 'Support bot', created: true }, pairedItem: { item: 0 } },
		]);
		expect(agentId).toMatch(/^ag0+\d+$/);
		// The node sends no workspaceId in the body (SDK 1.1.5): the header carries it.
		expect(standIn().requestsTo('/api/agent/add')[0].headers['x-workspace-id']).toBe(WORKSPACE_ID);
	});

	it('refuses configuration JSON that is not an object, naming the field and the item', async () => {
		const { requests, result } = run({ operation: 'create', name: 'A', configuration: '[1]' });
		await expect(result).rejects.toThrow('Configuration (JSON) must be a JSON object [item 0]');
		expect(requests).toHaveLength(0);
	});
});

describe('AI Agent → Update', () => {
	it('names the agent only in the x-agent-id header and sends the changed configuration', async () => {
		const { requests, result } = run({
			operation: 'update',
			agentId: rl(AGENT),
			agentFields: { name: 'Renamed', question: 'Hi?' },
			configuration: '{"instructions":{"tone":"friendly"}}',
		});
		const [output] = await result;
		const configuration = { instructions: { tone: 'friendly' }, name: 'Renamed', question: 'Hi?' };
		expect(requests.map((r) => [r.method, r.url, r.headers, r.body])).toEqual([
			['POST', '/api/agent/update', { 'x-agent-id': AGENT }, configuration],
		]);
		expect(output[0].json).toEqual({
			success: true,
			message: 'Agente actualizado correctamente',
			agentId: AGENT,
			configuration,
		});
	});

	it('refuses an update with nothing to change before sending', async () => {
		const { requests, result } = run({ operation: 'update', agentId: rl(AGENT) });
		await expect(result).rejects.toThrow('Agent Fields and Configuration (JSON) have no field');
		expect(requests).toHaveLength(0);
	});
});

describe('AI Agent → Delete, Copy', () => {
	it('deletes with id and workspaceId in the query', async () => {
		const { requests, result } = run({ operation: 'delete', agentId: rl(AGENT) });
		const [output] = await result;
		expect(sent(requests)).toEqual([
			['DELETE', '/api/agent/delete', { id: AGENT, workspaceId: WORKSPACE_ID }, undefined],
		]);
		expect(output[0].json).toEqual({ deleted: true, agentId: AGENT });
	});

	it("copies with the SDK's query and the docs' body in one request and outputs the new agent", async () => {
		const { requests, result } = run({ operation: 'copy', agentId: rl(AGENT) });
		const [output] = await result;
		expect(sent(requests)).toEqual([
			[
				'POST',
				'/api/agent/copy-agent',
				{ id: AGENT, workspaceId: WORKSPACE_ID },
				{ agentId: AGENT, workspaceId: WORKSPACE_ID },
			],
		]);
		expect(output[0].json).toMatchObject({
			name: 'Sales assistant (copia)',
			copiedFromAgentId: AGENT,
		});
		expect(output[0].json.id).not.toBe(AGENT);
	});
});

describe('AI Agent → Enable or Disable Widget', () => {
	it("sends both the SDK's and the docs' keys and outputs the embed script", async () => {
		const { requests, result } = run({
			operation: 'setWidget',
			agentId: rl(AGENT),
			enableWidget: 'true',
		});
		const [output] = await result;
		expect(sent(requests)).toEqual([
			[
				'POST',
				'/api/agent/enable-widget',
				undefined,
				{
					workspaceId: WORKSPACE_ID,
					id: AGENT,
					enableWidget: true,
					agentId: AGENT,
					widgetEnabled: true,
				},
			],
		]);
		expect(output[0].json).toEqual({
			agentId: AGENT,
			widgetEnabled: true,
			script: expect.stringContaining(`data-agent-id="${AGENT}"`),
			message: 'Widget habilitado',
		});
	});

	it('switches it off, with no script in the output', async () => {
		const { requests, result } = run({
			operation: 'setWidget',
			agentId: rl(AGENT),
			enableWidget: false,
		});
		const [output] = await result;
		expect((requests[0].body as IDataObject).enableWidget).toBe(false);
		expect((requests[0].body as IDataObject).widgetEnabled).toBe(false);
		expect(output[0].json).toEqual({
			agentId: AGENT,
			widgetEnabled: false,
			message: 'Widget deshabilitado',
		});
	});
});

describe('AI Agent → Set Greeting, Set Tags', () => {
	it('sends the greeting alone', async () => {
		const { requests, result } = run({
			operation: 'setGreeting',
			agentId: rl(AGENT),
			greeting: ' Hola, ¿en qué te ayudo? ',
		});
		const [output] = await result;
		expect(sent(requests)).toEqual([
			[
				'POST',
				'/api/agent/set-greeting',
				undefined,
				{ agentId: AGENT, workspaceId: WORKSPACE_ID, greeting: 'Hola, ¿en qué te ayudo?' },
			],
		]);
		expect(output[0].json).toMatchObject({ agentId: AGENT, greeting: 'Hola, ¿en qué te ayudo?' });
	});

	it('sends comma-separated tags as a list, and a mapped list as it is', async () => {
		const typed = run({ operation: 'setTags', agentId: rl(AGENT), tags: ' sales, peru ,, ' });
		await typed.result;
		const mapped = run({ operation: 'setTags', agentId: rl(AGENT), tags: ['vip', 'lima'] });
		const [output] = await mapped.result;
		expect([...sent(typed.requests), ...sent(mapped.requests)]).toEqual([
			[
				'POST',
				'/api/agent/set-tags',
				undefined,
				{ agentId: AGENT, workspaceId: WORKSPACE_ID, tags: ['sales', 'peru'] },
			],
			[
				'POST',
				'/api/agent/set-tags',
				undefined,
				{ agentId: AGENT, workspaceId: WORKSPACE_ID, tags: ['vip', 'lima'] },
			],
		]);
		expect(output[0].json).toMatchObject({ agentId: AGENT, tags: ['vip', 'lima'] });
	});

	it('refuses empty tags naming the field and the item', async () => {
		const { requests, result } = run({ operation: 'setTags', agentId: rl(AGENT), tags: ' , ' });
		await expect(result).rejects.toThrow('Tags is empty [item 0]');
		expect(requests).toHaveLength(0);
	});
});

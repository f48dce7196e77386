import type { IDataObject } from 'n8n-workflow';

import { agentsIn } from '../../../nodes/Plazbot/transport/apiContract';
import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { expectedOutput, startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const AGENT = 'agent-demo-1';
const rl = (value: string) => ({ __rl: true, mode: 'list', value });

function run(
	parameters:
		| Record<string, unknown>
		| ((itemIndex: number, item: IDataObject) => Record<string, unknown>),
	extra: { items?: IDataObject[]; executionId?: string; continueOnFail?: boolean } = {},
) {
	const context = fakeExecuteFunctions({
		parameters:
			typeof parameters === 'function'
				? (i, item) => ({ resource: 'agent', ...parameters(i, item) })
				: { resource: 'agent', ...parameters },
		credentials: credentials(),
		...extra,
	});
	return { ...context, result: router.call(context.fns) };
}

describe('AI Agent → Ask', () => {
	it('sends the question with one session per execution and outputs the answer with the session to continue it', async () => {
		const { requests, result } = run(
			(i, item) => ({ operation: 'ask', agentId: rl(AGENT), question: item.question }),
			{
				items: [{ question: 'Do you open on Sunday?' }, { question: 'And on Monday?' }],
				executionId: '4711',
			},
		);
		const [output] = await result;

		expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
			[
				'POST',
				'/api/agent/on-message',
				{
					agentId: AGENT,
					workspaceId: WORKSPACE_ID,
					question: 'Do you open on Sunday?',
					sessionId: 'n8n-execution-4711',
				},
			],
			[
				'POST',
				'/api/agent/on-message',
				{
					agentId: AGENT,
					workspaceId: WORKSPACE_ID,
					question: 'And on Monday?',
					sessionId: 'n8n-execution-4711',
				},
			],
		]);
		// The stand-in counts the questions of a session: the second one was remembered.
		expect(output.map((item) => item.json.answer)).toEqual([
			'Sales assistant: you asked "Do you open on Sunday?" (message 1 of this session)',
			'Sales assistant: you asked "And on Monday?" (message 2 of this session)',
		]);
		expect(output[0]).toEqual({
			json: {
				answer: expect.any(String),
				agentId: AGENT,
				sessionId: 'n8n-execution-4711',
				question: 'Do you open on Sunday?',
			},
			pairedItem: { item: 0 },
		});
	});

	it('uses the Session ID given, a file and multiple answers when asked', async () => {
		const { requests, result } = run({
			operation: 'ask',
			agentId: AGENT,
			question: '  Price of the annual plan?  ',
			sessionId: ' +51987654321 ',
			additionalFields: { multipleAnswers: true, file: 'https://example.com/quote.pdf' },
		});
		const [output] = await result;
		expect(requests[0].body).toEqual({
			agentId: AGENT,
			workspaceId: WORKSPACE_ID,
			question: 'Price of the annual plan?',
			sessionId: '+51987654321',
			file: 'https://example.com/quote.pdf',
			multipleAnswers: true,
		});
		expect(output[0].json.answer).toEqual([
			expect.stringContaining('Price of the annual plan?'),
			'Anything else?',
		]);
	});

	it('reads Multiple Answers given by an expression as text', async () => {
		const asked = (multipleAnswers: string) =>
			run({
				operation: 'ask',
				agentId: rl(AGENT),
				question: 'Hola',
				additionalFields: { multipleAnswers },
			});
		const on = asked('true');
		await on.result;
		expect(on.requests[0].body).toMatchObject({ multipleAnswers: true });
		const off = asked('false');
		await off.result;
		expect(off.requests[0].body).not.toHaveProperty('multipleAnswers');
	});

	it('refuses an empty question before sending anything', async () => {
		const { requests, result } = run({ operation: 'ask', agentId: rl(AGENT), question: '   ' });
		await expect(result).rejects.toThrow('Question is empty [item 0]');
		expect(requests).toHaveLength(0);
	});

	it("fails with Plazbot's message for an unknown agent", async () => {
		await expect(
			run({ operation: 'ask', agentId: rl('agent-missing'), question: 'Hi' }).result,
		).rejects.toMatchObject({
			message: 'Plazbot error 404: Agente no encontrado: agent-missing',
			httpCode: '404',
		});
	});
});

describe('AI Agent → Get and Get Many', () => {
	it('gets one agent by the ID the SDK sends (id), with the workspace', async () => {
		const { requests, result } = run({ operation: 'get', agentId: rl(AGENT) });
		const [output] = await result;
		expect(requests[0]).toMatchObject({
			method: 'GET',
			url: '/api/agent/get-agent',
			qs: { id: AGENT, workspaceId: WORKSPACE_ID },
		});
		expect(output).toEqual([
			{
				json: expectedOutput({ ...standIn().state.agents.get(AGENT), workspaceId: WORKSPACE_ID }),
				pairedItem: { item: 0 },
			},
		]);
	});

	it('lists the agents, one item each, up to the Limit', async () => {
		standIn().state.agents.set('agent-2', { id: 'agent-2', name: 'Support' });
		standIn().state.agents.set('agent-3', { id: 'agent-3', name: 'Billing' });
		const all = await run({ operation: 'getMany', returnAll: true }).result;
		expect(all[0].map((item) => item.json.id)).toEqual([AGENT, 'agent-2', 'agent-3']);

		const { requests, result } = run({ operation: 'getMany', returnAll: false, limit: 2 });
		expect((await result)[0].map((item) => item.json.name)).toEqual(['Sales assistant', 'Support']);
		expect(requests[0]).toMatchObject({
			method: 'GET',
			url: '/api/agent/get-agents',
			qs: { workspaceId: WORKSPACE_ID },
		});
	});
});

describe('AI Agent → Update Instructions, Persona, Fallback Answers, Rules', () => {
	it('sends only the instructions set, with topics as a list and the word limit as a number', async () => {
		const { requests, result } = run({
			operation: 'updateInstructions',
			agentId: rl(AGENT),
			instructions: {
				tone: ' friendly ',
				maxWords: '60',
				avoidTopics: 'prices, competitors ,',
				emojis: false,
				language: '',
			},
		});
		const [output] = await result;
		const sent = {
			tone: 'friendly',
			emojis: false,
			maxWords: 60,
			avoidTopics: ['prices', 'competitors'],
		};
		expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
			[
				'POST',
				'/api/agent/set-instructions',
				{ agentId: AGENT, workspaceId: WORKSPACE_ID, ...sent },
			],
		]);
		expect(standIn().state.agents.get(AGENT).instructions).toEqual(sent);
		expect(output[0].json).toEqual({
			success: true,
			message: 'Agente actualizado correctamente',
			agentId: AGENT,
			instructions: sent,
		});
	});

	it('reads true and false given by expressions as text, and refuses what is neither, naming the field', async () => {
		const { requests, result } = run({
			operation: 'updateInstructions',
			agentId: rl(AGENT),
			instructions: { emojis: 'true', respondOnlyIfKnows: ' FALSE ', maxWords: ' 40 ' },
		});
		await result;
		expect(requests[0].body).toEqual({
			agentId: AGENT,
			workspaceId: WORKSPACE_ID,
			emojis: true,
			respondOnlyIfKnows: false,
			maxWords: 40,
		});
		const refused = run({
			operation: 'updatePersona',
			agentId: rl(AGENT),
			persona: { isHuman: 'maybe' },
		});
		await expect(refused.result).rejects.toThrow(
			'Is Human must be true or false, but is "maybe" [item 0]',
		);
		expect(refused.requests).toHaveLength(0);
	});

	it('refuses an update with no field before sending anything', async () => {
		const { requests, result } = run({
			operation: 'updateInstructions',
			agentId: rl(AGENT),
			instructions: { tone: '  ' },
		});
		await expect(result).rejects.toThrow('Instructions has no field with a value [item 0]');
		expect(requests).toHaveLength(0);
	});

	it.each([
		[
			'updatePersona',
			'persona',
			'/api/agent/set-persona',
			{ name: 'Maximo', isHuman: false },
			'person',
		],
		[
			'updateFallbacks',
			'fallbacks',
			'/api/agent/set-fallbacks',
			{ noAnswer: 'Sorry, I do not know.' },
			'fallbacks',
		],
		[
			'updateRules',
			'rules',
			'/api/agent/set-rules',
			{ doNotMentionPrices: true, doNotRespondOutsideHours: 'Mon-Fri 9-18' },
			'rules',
		],
	])('%s posts its fields to %s', async (operation, collection, path, fields, stored) => {
		const { requests, result } = run({ operation, agentId: rl(AGENT), [collection]: fields });
		await result;
		expect(requests.map((r) => [r.url, r.body])).toEqual([
			[path, { agentId: AGENT, workspaceId: WORKSPACE_ID, ...fields }],
		]);
		expect(standIn().state.agents.get(AGENT)[stored]).toEqual(fields);
	});
});

describe('agentsIn', () => {
	it("reads the list from the API reference's data or from the SDK's agent", () => {
		expect(agentsIn({ success: true, data: [{ id: 'a' }] } as never)).toEqual([{ id: 'a' }]);
		expect(agentsIn({ success: true, agent: [{ id: 'b' }, 'junk'] } as never)).toEqual([
			{ id: 'b' },
		]);
		expect(agentsIn({ success: true, data: null } as never)).toEqual([]);
	});
});

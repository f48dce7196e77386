import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const PROMPT = 'You are the assistant of Clínica Sonrisas.\n\n- Book appointments.\n- Answer in Spanish.';

const baseParameters = {
	resource: 'automation',
	operation: 'updateAgentPrompt',
	agentId: 'agent-demo-1',
	prompt: PROMPT,
	additionalFields: {},
};

describe('Automation → Update AI Agent Prompt', () => {
	it("posts the workspace and the multi-line prompt to the agent node's path and outputs the updated agent", async () => {
		const { fns, requests } = fakeExecuteFunctions({ parameters: baseParameters, credentials: credentials() });

		const [output] = await router.call(fns);

		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', url: '/api/automation/node/agent-demo-1/prompt', baseURL: standIn().url });
		expect(requests[0].body).toEqual({ workspaceId: WORKSPACE_ID, prompt: PROMPT });
		const [received] = standIn().requestsTo('/api/automation/node/agent-demo-1/prompt');
		expect(received.body).toEqual({ workspaceId: WORKSPACE_ID, prompt: PROMPT });
		expect(received.headers['x-workspace-id']).toBe(WORKSPACE_ID);

		expect(output).toEqual([
			{
				json: { id: 'agent-demo-1', name: 'Sales assistant', prompt: PROMPT, updatedDate: expect.any(String) },
				pairedItem: { item: 0 },
			},
		]);
		expect(standIn().state.agents.get('agent-demo-1').prompt).toBe(PROMPT);
	});

	it('sends the prompt document URL when set', async () => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: { ...baseParameters, additionalFields: { urlDocument: ' https://example.com/prompt.pdf ' } },
			credentials: credentials(),
		});
		const [output] = await router.call(fns);
		expect(requests[0].body).toEqual({ workspaceId: WORKSPACE_ID, prompt: PROMPT, urlDocument: 'https://example.com/prompt.pdf' });
		expect(output[0].json.urlDocument).toBe('https://example.com/prompt.pdf');
	});

	it.each([
		['agentId', ' ', 'AI Agent ID is empty [item 0]'],
		['prompt', '', 'Prompt is empty [item 0]'],
		['prompt', '  \n ', 'Prompt is empty [item 0]'],
	])('refuses a blank %s before sending', async (field, value, message) => {
		const { fns, requests } = fakeExecuteFunctions({ parameters: { ...baseParameters, [field]: value }, credentials: credentials() });
		await expect(router.call(fns)).rejects.toThrow(message);
		expect(requests).toHaveLength(0);
	});

	it('reports an unknown agent as Plazbot does, with the ID escaped in the path', async () => {
		const { fns, requests } = fakeExecuteFunctions({ parameters: { ...baseParameters, agentId: 'node-1/2' }, credentials: credentials() });
		await expect(router.call(fns)).rejects.toMatchObject({ message: 'Plazbot error 404: Agente de IA no encontrado', httpCode: '404' });
		expect(requests[0].url).toBe('/api/automation/node/node-1%2F2/prompt');
		expect(standIn().state.agents.get('agent-demo-1').prompt).toBe('You are a helpful sales assistant.');
	});
});

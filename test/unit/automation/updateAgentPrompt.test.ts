import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const DOCUMENT = 'https://example.com/prompts/clinica-sonrisas.pdf';
const PROMPT =
	'You are the assistant of Clínica Sonrisas.\n\n- Book appointments.\n- Answer in Spanish.';
const PATH = '/api/automation/node/agent-demo-1/prompt';

const baseParameters = {
	resource: 'automation',
	operation: 'updateAgentPrompt',
	agentId: 'agent-demo-1',
	documentUrl: DOCUMENT,
};

describe('Automation → Update AI Agent Prompt', () => {
	it("posts the documented body { workspaceId, urlDocument } to the agent node's path and outputs the updated agent", async () => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: baseParameters,
			credentials: credentials(),
		});

		const [output] = await router.call(fns);

		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', url: PATH, baseURL: standIn().url });
		expect(requests[0].body).toEqual({ workspaceId: WORKSPACE_ID, urlDocument: DOCUMENT });
		const [received] = standIn().requestsTo(PATH);
		expect(received.body).toEqual({ workspaceId: WORKSPACE_ID, urlDocument: DOCUMENT });
		expect(received.headers['x-workspace-id']).toBe(WORKSPACE_ID);
		expect(output).toEqual([
			{
				json: expect.objectContaining({
					id: 'agent-demo-1',
					urlDocument: DOCUMENT,
					updatedDate: expect.any(String),
				}),
				pairedItem: { item: 0 },
			},
		]);
		expect(standIn().state.agents.get('agent-demo-1').urlDocument).toBe(DOCUMENT);
	});

	it('keeps a workflow saved with a typed prompt and the URL in Additional Fields working: both are sent as saved', async () => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: {
				resource: 'automation',
				operation: 'updateAgentPrompt',
				agentId: 'agent-demo-1',
				prompt: PROMPT,
				additionalFields: { urlDocument: ` ${DOCUMENT} ` },
			},
			credentials: credentials(),
		});
		const [output] = await router.call(fns);
		expect(requests[0].body).toEqual({
			workspaceId: WORKSPACE_ID,
			prompt: PROMPT,
			urlDocument: DOCUMENT,
		});
		expect(output[0].json.urlDocument).toBe(DOCUMENT);
	});

	it('a saved prompt without a document is sent, and the stand-in refuses it as the documentation does', async () => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: {
				resource: 'automation',
				operation: 'updateAgentPrompt',
				agentId: 'agent-demo-1',
				prompt: PROMPT,
			},
			credentials: credentials(),
		});
		await expect(router.call(fns)).rejects.toMatchObject({
			message: 'Plazbot error 400: El campo urlDocument es requerido',
		});
		expect(requests[0].body).toEqual({ workspaceId: WORKSPACE_ID, prompt: PROMPT });
	});

	it.each([
		['agentId', ' ', 'AI Agent ID is empty [item 0]'],
		['documentUrl', '', 'Prompt Document URL is empty [item 0]'],
		['documentUrl', '  \n ', 'Prompt Document URL is empty [item 0]'],
	])('refuses a blank %s before sending', async (field, value, message) => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: { ...baseParameters, [field]: value },
			credentials: credentials(),
		});
		await expect(router.call(fns)).rejects.toThrow(message);
		expect(requests).toHaveLength(0);
	});

	it('reports an unknown agent as Plazbot does, with the ID escaped in the path', async () => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: { ...baseParameters, agentId: 'node-1/2' },
			credentials: credentials(),
		});
		await expect(router.call(fns)).rejects.toMatchObject({
			message: 'Plazbot error 404: Agente de IA no encontrado',
			httpCode: '404',
		});
		expect(requests[0].url).toBe('/api/automation/node/node-1%2F2/prompt');
		expect(standIn().state.agents.get('agent-demo-1').prompt).toBe(
			'You are a helpful sales assistant.',
		);
	});
});

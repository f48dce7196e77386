import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const WORKSPACE = {
	id: WORKSPACE_ID,
	name: 'Demo workspace',
	masterOfStates: [
		{ id: 'stage-new', color: '#5b3df5', name: 'New', stateCode: 'NEW', isDefault: true },
		{ id: 'stage-won', color: '#1aa260', name: 'Won', stateCode: 'WON', isDefault: false },
	],
	projects: [],
	segmentations: [{ id: 'seg-vip', name: 'VIP' }],
	tags: [{ id: 'tag-lead', name: 'Lead', color: '#ffaa00' }],
	integrations: [
		{
			id: 'int-wa-1',
			name: 'WhatsApp Sales',
			type: 'whatsapp',
			enabled: true,
			config: { phoneNumber: '51900000001', provider: 'Meta' },
		},
		{
			id: 'int-wa-2',
			name: 'WhatsApp Support',
			type: 'whatsapp',
			enabled: false,
			config: { phoneNumber: '51900000002', provider: 'Meta' },
		},
	],
};

/** The credential's Workspace ID is a secret: Get outputs the workspace with its ID redacted. */
const WORKSPACE_OUTPUT = { ...WORKSPACE, id: '***' };

describe('Workspace → Get', () => {
	it.each([
		['empty', ''],
		['blank', '   '],
		['absent', undefined],
	])("gets the credential's workspace when the ID is %s", async (_label, workspaceId) => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: {
				resource: 'workspace',
				operation: 'get',
				...(workspaceId === undefined ? {} : { workspaceId }),
			},
			credentials: credentials(),
		});

		const [output] = await router.call(fns);

		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'GET', url: `/api/workspace/${WORKSPACE_ID}` });
		expect(requests[0].body).toBeUndefined();
		expect(requests[0].qs).toBeUndefined();
		expect(standIn().requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /api/workspace/${WORKSPACE_ID}`,
		]);
		expect(output).toEqual([{ json: WORKSPACE_OUTPUT, pairedItem: { item: 0 } }]);
		expect(JSON.stringify(output)).not.toContain(WORKSPACE_ID);
	});

	it('gets the workspace whose ID is given, escaping it in the path', async () => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: { resource: 'workspace', operation: 'get', workspaceId: 'ws other/1' },
			credentials: credentials(),
		});
		await expect(router.call(fns)).rejects.toMatchObject({
			message: 'Plazbot error 404: Workspace no encontrado',
			httpCode: '404',
		});
		expect(requests[0].url).toBe('/api/workspace/ws%20other%2F1');
		expect(standIn().requests[0].path).toBe('/api/workspace/ws%20other%2F1');
	});

	it('outputs one workspace per input item, paired to it', async () => {
		const { fns } = fakeExecuteFunctions({
			items: [{}, {}],
			parameters: { resource: 'workspace', operation: 'get', workspaceId: WORKSPACE_ID },
			credentials: credentials(),
		});
		const [output] = await router.call(fns);
		expect(output).toEqual([
			{ json: WORKSPACE_OUTPUT, pairedItem: { item: 0 } },
			{ json: WORKSPACE_OUTPUT, pairedItem: { item: 1 } },
		]);
	});
});

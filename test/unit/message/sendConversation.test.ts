/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
import { router } from '../../../nodes/Plazbot/actions/router';
import { buildSendConversationBody } from '../../../nodes/Plazbot/actions/message/sendConversation.body';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID, API_KEY } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const baseParameters = {
	resource: 'message',
	operation: 'sendConversation',
	template: 'order_confirmation',
	sendType: 'api',
	campaignName: 'Black Friday',
};

describe('buildSendConversationBody', () => {
	it('normalises the destination and sends variables in order with the type code', () => {
		expect(
			buildSendConversationBody(
				{
					template: ' order_confirmation ',
					destination: '+51 987-654-321',
					sendType: 'api',
					campaignName: 'Black Friday',
					variablesBody: {
						variable: [
							{ variable: '1', value: 'Ana' },
							{ variable: '2', value: 'A-100' },
						],
					},
					variablesHeader: { variable: [{ variable: '1', value: 'Hola' }] },
					additionalFields: {
						fileUrl: 'https://x.test/a.pdf',
						fileName: 'a.pdf',
						reference2: 'R2',
					},
				},
				'ws-1',
			),
		).toEqual({
			workspaceId: 'ws-1',
			template: 'order_confirmation',
			destination: '51987654321',
			variablesBody: [
				{ variable: '1', value: 'Ana' },
				{ variable: '2', value: 'A-100' },
			],
			variablesHeader: [{ variable: '1', value: 'Hola' }],
			type: '3',
			campaignName: 'Black Friday',
			file: { fileUrl: 'https://x.test/a.pdf', fileName: 'a.pdf' },
			reference2: 'R2',
		});
	});

	it('leaves out the campaign name for individual sends and unset optional fields', () => {
		expect(
			buildSendConversationBody(
				{
					template: 'welcome',
					destination: '0051987654321',
					sendType: 'individual',
					campaignName: 'ignored',
					variablesBody: {},
				},
				'ws-1',
			),
		).toEqual({ workspaceId: 'ws-1', template: 'welcome', destination: '51987654321', type: '2' });
	});
});

describe('Send Conversation through the router', () => {
	it('sends one authenticated request per item and outputs the contact, paired to its item', async () => {
		const { fns, requests } = fakeExecuteFunctions({
			items: [
				{ phone: '+51 900 000 001', name: 'Ana' },
				{ phone: '+51 900 000 002', name: 'Luis' },
			],
			parameters: (_i, item) => ({
				...baseParameters,
				destination: item.phone,
				variablesBody: { variable: [{ variable: '1', value: item.name }] },
			}),
			credentials: credentials(),
		});

		const [output] = await router.call(fns);

		expect(requests).toHaveLength(2);
		expect(requests[0]).toMatchObject({
			method: 'POST',
			url: '/api/message/conversation',
			baseURL: standIn().url,
			body: {
				workspaceId: WORKSPACE_ID,
				template: 'order_confirmation',
				destination: '51900000001',
				variablesBody: [{ variable: '1', value: 'Ana' }],
				type: '3',
				campaignName: 'Black Friday',
			},
		});
		const received = standIn().requestsTo('/api/message/conversation');
		expect(received.map((r) => r.body.destination).sort()).toEqual(['51900000001', '51900000002']);
		expect(received[0].headers['x-workspace-id']).toBe(WORKSPACE_ID);
		expect(received[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
		expect(output).toHaveLength(2);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(output[0].json.contactId).toEqual(expect.any(String));
		expect(output[0].json.contactId).not.toEqual(output[1].json.contactId);
	});

	it('refuses a blank destination before sending, naming the field and the item', async () => {
		const { fns, requests } = fakeExecuteFunctions({
			items: [{ phone: '+51 900 000 001' }, { phone: '  ' }],
			parameters: (_i, item) => ({ ...baseParameters, destination: item.phone }),
			credentials: credentials(),
		});
		await expect(router.call(fns)).rejects.toThrow('Destination is empty [item 1]');
		expect(requests.map((r) => (r.body as any).destination)).toEqual(['51900000001']);
	});

	it('with Continue On Fail outputs every item once, in order, errors in their place', async () => {
		const { fns } = fakeExecuteFunctions({
			items: [{ phone: '+51 900 000 001' }, { phone: '12' }, { phone: '+51 900 000 003' }],
			parameters: (_i, item) => ({ ...baseParameters, destination: item.phone }),
			credentials: credentials(),
			continueOnFail: true,
		});
		const [output] = await router.call(fns);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.contactId).toEqual(expect.any(String));
		expect(output[1].json.error).toBe(
			'Destination "12" has 2 digits; a WhatsApp number with country code has 8 to 15 [item 1]',
		);
		expect(output[2].json.contactId).toEqual(expect.any(String));
	});

	it("maps a 400 to an error carrying Plazbot's message and status", async () => {
		const { fns } = fakeExecuteFunctions({
			parameters: { ...baseParameters, template: 'no_such_template', destination: '51900000001' },
			credentials: credentials(),
		});
		await expect(router.call(fns)).rejects.toMatchObject({
			message: 'Plazbot error 400: La plantilla no_such_template no existe o no está aprobada',
			httpCode: '400',
		});
	});

	it('maps a wrong API key to a 401 that points at the credential, without the key', async () => {
		const { fns } = fakeExecuteFunctions({
			parameters: { ...baseParameters, destination: '51900000001' },
			credentials: { ...credentials(), apiKey: 'wrong-key-123' },
		});
		const error = await router.call(fns).catch((e) => e);
		expect(error.message).toBe('Plazbot error 401: Token inválido o expirado');
		expect(error.description).toContain('Check the API Key');
		expect(JSON.stringify(error)).not.toContain('wrong-key-123');
	});
});

import axios from 'axios';

import { router } from '../../../nodes/Plazbot/actions/router';
import { buildSendMessageBody } from '../../../nodes/Plazbot/actions/message/sendMessage.operation';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID, API_KEY } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const CONTENT = 'Hola Ana,\n\ntu pedido A-100 ya salió.\nGracias.';

/** A contact made the way Plazbot makes one: by sending it a template conversation. */
async function contactFor(phone: string): Promise<string> {
	const { fns } = fakeExecuteFunctions({
		parameters: {
			resource: 'message',
			operation: 'sendConversation',
			template: 'welcome',
			sendType: 'individual',
			destination: phone,
		},
		credentials: credentials(),
	});
	const [output] = await router.call(fns);
	return output[0].json.contactId as string;
}

const locator = (value: string) => ({ __rl: true, mode: 'list', value });

describe('buildSendMessageBody', () => {
	it('keeps the line breaks of the content, normalises the phone and sends only the fields set', () => {
		expect(
			buildSendMessageBody(
				{
					contactId: { __rl: true, mode: 'id', value: ' c-1 ' },
					content: `  ${CONTENT}\n`,
					recipientPhone: '+51 (900) 000-001',
					additionalFields: { externalReferenceId: 'order-42', agentSendedId: '' },
				},
				'ws-1',
			),
		).toEqual({
			contactId: 'c-1',
			content: CONTENT,
			recipientPhone: '51900000001',
			workspaceId: 'ws-1',
			externalReferenceId: 'order-42',
		});
	});

	it('accepts content up to 4096 characters and refuses longer content', () => {
		const input = { contactId: 'c-1', recipientPhone: '51900000001' };
		expect(
			buildSendMessageBody({ ...input, content: 'x'.repeat(4096) }, 'ws-1').content,
		).toHaveLength(4096);
		expect(() => buildSendMessageBody({ ...input, content: 'x'.repeat(4097) }, 'ws-1')).toThrow(
			'Content is 4097 characters long; at most 4096 are accepted',
		);
	});
});

describe('Send Message through the router', () => {
	it('posts the message with every field and outputs the contact and the message, paired to its item', async () => {
		const contactId = await contactFor('51900000001');
		const { fns, requests } = fakeExecuteFunctions({
			parameters: {
				resource: 'message',
				operation: 'sendMessage',
				contactId: locator(contactId),
				content: CONTENT,
				recipientPhone: '+51 900 000 001',
				additionalFields: { externalReferenceId: 'order-42', agentSendedId: 'user-demo-1' },
			},
			credentials: credentials(),
		});

		const [output] = await router.call(fns);

		const expectedBody = {
			contactId,
			content: CONTENT,
			recipientPhone: '51900000001',
			workspaceId: WORKSPACE_ID,
			externalReferenceId: 'order-42',
			agentSendedId: 'user-demo-1',
		};
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'POST',
			baseURL: standIn().url,
			url: '/api/message',
			body: expectedBody,
		});
		expect(requests[0].qs).toBeUndefined();
		const received = standIn().requestsTo('/api/message');
		expect(received).toHaveLength(1);
		expect(received[0].method).toBe('POST');
		expect(received[0].query).toEqual({});
		expect(received[0].body).toEqual(expectedBody);
		expect(received[0].headers['x-workspace-id']).toBe(WORKSPACE_ID);
		expect(received[0].headers.authorization).toBe(`Bearer ${API_KEY}`);

		expect(output).toEqual([
			{
				json: {
					contactId,
					message: {
						id: expect.stringMatching(/^m\d+$/),
						messageWhatsappId: expect.stringMatching(/^wamid\./),
						contactId,
						content: CONTENT,
						workspaceId: '***',
						recipientPhone: '51900000001',
						externalReferenceId: 'order-42',
						platformId: '2',
						answerAgentId: 'user-demo-1',
						answerType: 'agent',
					},
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('sends no Additional Fields the user left unset', async () => {
		const contactId = await contactFor('51900000002');
		const { fns, requests } = fakeExecuteFunctions({
			parameters: {
				resource: 'message',
				operation: 'sendMessage',
				contactId: locator(contactId),
				content: 'Hola',
				recipientPhone: '51900000002',
				additionalFields: { externalReferenceId: '  ' },
			},
			credentials: credentials(),
		});
		const [output] = await router.call(fns);
		expect(requests[0].body).toEqual({
			contactId,
			content: 'Hola',
			recipientPhone: '51900000002',
			workspaceId: WORKSPACE_ID,
		});
		expect(output[0].json.message).toMatchObject({
			content: 'Hola',
			externalReferenceId: null,
			answerAgentId: null,
		});
	});

	it('sends without a contact when Contact is empty, as the SDK does: Plazbot finds the contact by the phone', async () => {
		const contactId = await contactFor('51900000004');
		const { fns, requests } = fakeExecuteFunctions({
			parameters: {
				resource: 'message',
				operation: 'sendMessage',
				contactId: locator(''),
				content: 'Hola',
				recipientPhone: '+51 900 000 004',
			},
			credentials: credentials(),
		});
		const [output] = await router.call(fns);
		expect(requests[0].body).toEqual({
			content: 'Hola',
			recipientPhone: '51900000004',
			workspaceId: WORKSPACE_ID,
		});
		expect(output[0].json.contactId).toBe(contactId);
	});

	it.each([
		['Content', { content: ' \n ' }, 'Content is empty [item 1]'],
		['Recipient Phone', { recipientPhone: '' }, 'Recipient Phone is empty [item 1]'],
	])(
		'refuses a blank %s before sending, naming the field and the item',
		async (_field, blank, message) => {
			const contactId = await contactFor('51900000003');
			standIn().requests.length = 0;
			const valid = {
				resource: 'message',
				operation: 'sendMessage',
				contactId: locator(contactId),
				content: 'Hola',
				recipientPhone: '51900000003',
			};
			const { fns, requests } = fakeExecuteFunctions({
				items: [{}, {}],
				parameters: (itemIndex) => (itemIndex === 1 ? { ...valid, ...blank } : valid),
				credentials: credentials(),
			});
			await expect(router.call(fns)).rejects.toThrow(message);
			expect(requests).toHaveLength(1);
			expect(standIn().requestsTo('/api/message')).toHaveLength(1);
		},
	);

	it("maps an unknown contact to a 404 carrying Plazbot's message", async () => {
		const { fns } = fakeExecuteFunctions({
			parameters: {
				resource: 'message',
				operation: 'sendMessage',
				contactId: locator('no-such-contact'),
				content: 'Hola',
				recipientPhone: '51900000004',
			},
			credentials: credentials(),
		});
		await expect(router.call(fns)).rejects.toMatchObject({
			message: 'Plazbot error 404: Contacto no encontrado: no-such-contact',
			httpCode: '404',
		});
	});
});

describe("the stand-in's POST /api/message", () => {
	it('refuses a body without a required field with a 400 in Spanish', async () => {
		const response = await axios.post(
			`${standIn().url}/api/message`,
			{ workspaceId: WORKSPACE_ID, contactId: 'c-1', recipientPhone: '51900000001' },
			{
				headers: { 'x-workspace-id': WORKSPACE_ID, authorization: `Bearer ${API_KEY}` },
				validateStatus: () => true,
			},
		);
		expect(response.status).toBe(400);
		expect(response.data).toEqual({
			success: false,
			code: 400,
			errorCode: 'VALIDATION_ERROR',
			message: 'El campo content es requerido',
			data: null,
		});
	});
});

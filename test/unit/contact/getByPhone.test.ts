import { contactNode, seedContact } from './contactTestKit';
import { expectedOutput, startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn();

describe('Contact → Get by Phone', () => {
	it('normalises the phone, sends it as the cellphone query parameter and outputs the contact', async () => {
		const contact = seedContact(standIn(), {
			name: 'Ana',
			platformId: 2,
			internalWhatsappNumber: '51987654321',
			platformSenderPhone: '51987654321',
		});
		const { run, requests } = contactNode(credentials(), 'getByPhone', {
			phone: '+51 (987) 654-321',
		});

		const output = await run();

		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'GET',
			url: '/api/contact/searchByCellphone',
			qs: { cellphone: '51987654321', workspaceId: WORKSPACE_ID },
		});
		expect(standIn().requestsTo('/api/contact/searchByCellphone')[0].query).toEqual({
			cellphone: '51987654321',
			workspaceId: WORKSPACE_ID,
		});
		expect(output).toEqual([{ json: expectedOutput(contact), pairedItem: { item: 0 } }]);
	});

	it('finds the contact that Send Conversation created', async () => {
		const send = contactNode(credentials(), 'sendConversation', {
			resource: 'message',
			template: 'hello_world',
			destination: '0051 900 000 777',
			sendType: 'individual',
		});
		const [sent] = await send.run();
		const { run } = contactNode(credentials(), 'getByPhone', { phone: 51900000777 });
		const output = await run();
		expect(output.map((item) => item.json.id)).toEqual([sent.json.contactId]);
	});

	it('outputs nothing when no contact has the number', async () => {
		const { run, requests } = contactNode(credentials(), 'getByPhone', {
			phone: '+51 900 000 999',
		});
		expect(await run()).toEqual([]);
		expect(requests).toHaveLength(1);
	});

	it.each([
		['', 'Phone is empty [item 0]'],
		[
			'51-abc-123',
			'Phone "51-abc-123" contains "a" (U+0061), which is not part of a phone number [item 0]',
		],
	])('refuses %j before sending', async (phone, message) => {
		const { run, requests } = contactNode(credentials(), 'getByPhone', { phone });
		await expect(run()).rejects.toThrow(message);
		expect(requests).toHaveLength(0);
	});

	it('still fails on errors other than "not found"', async () => {
		standIn().setFaults({ script: { '1': '500' } });
		const { run } = contactNode(credentials(), 'getByPhone', { phone: '51900000999' });
		await expect(run()).rejects.toMatchObject({ httpCode: '500' });
	});
});

import { contactNode, seedContact } from './contactTestKit';
import { expectedOutput, startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn();

describe('Contact → Get by Email', () => {
	it('sends GET /api/contact/searchByEmail?email&workspaceId and outputs one item per contact found', async () => {
		const web = seedContact(standIn(), { name: 'Ana', email: 'ana@example.com', platformId: 1 });
		seedContact(standIn(), { name: 'Luis', email: 'luis@example.com', platformId: 1 });
		const whatsapp = seedContact(standIn(), {
			name: 'Ana WA',
			email: 'Ana@Example.com',
			platformId: 2,
			internalWhatsappNumber: '51900000001',
		});
		const { run, requests } = contactNode(credentials(), 'getByEmail', {
			email: ' ana@example.com ',
		});

		const output = await run();

		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'GET',
			url: '/api/contact/searchByEmail',
			qs: { email: 'ana@example.com', workspaceId: WORKSPACE_ID },
		});
		expect(standIn().requestsTo('/api/contact/searchByEmail')[0].query).toEqual({
			email: 'ana@example.com',
			workspaceId: WORKSPACE_ID,
		});
		expect(output).toEqual([
			{ json: expectedOutput(web), pairedItem: { item: 0 } },
			{ json: expectedOutput(whatsapp), pairedItem: { item: 0 } },
		]);
	});

	it('outputs nothing for an item whose email matches no contact, and goes on with the others', async () => {
		const ana = seedContact(standIn(), { name: 'Ana', email: 'ana@example.com', platformId: 1 });
		const { run } = contactNode(
			credentials(),
			'getByEmail',
			(_i, item) => ({ email: item.email }),
			{
				items: [{ email: 'nobody@example.com' }, { email: 'ana@example.com' }],
			},
		);
		const output = await run();
		expect(output).toEqual([{ json: expectedOutput(ana), pairedItem: { item: 1 } }]);
		expect(standIn().requestsTo('/api/contact/searchByEmail')).toHaveLength(2);
	});

	it.each([
		['', 'Email is empty [item 0]'],
		['not-an-email', 'Email "not-an-email" is not an email address [item 0]'],
	])('refuses %j before sending', async (email, message) => {
		const { run, requests } = contactNode(credentials(), 'getByEmail', { email });
		await expect(run()).rejects.toThrow(message);
		expect(requests).toHaveLength(0);
	});
});

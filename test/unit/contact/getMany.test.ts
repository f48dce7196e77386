import { contactNode, seedContact } from './contactTestKit';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn();

function seed(count: number): string[] {
	return Array.from({ length: count }, (_, n) =>
		String(
			seedContact(standIn(), {
				name: `Contact ${n + 1}`,
				email: `c${n + 1}@example.com`,
				platformId: 1,
			}).id,
		),
	);
}

describe('Contact → Get Many', () => {
	it('with Return All follows the continuation tokens: 45 contacts in 3 requests, one item per contact', async () => {
		const ids = seed(45);
		const { run, requests } = contactNode(credentials(), 'getMany', { returnAll: true });

		const output = await run();

		expect(requests.map((r) => ({ method: r.method, url: r.url, qs: r.qs }))).toEqual([
			{ method: 'GET', url: '/api/contact', qs: { workspaceId: WORKSPACE_ID } },
			{
				method: 'GET',
				url: '/api/contact',
				qs: { workspaceId: WORKSPACE_ID, continuationToken: '20' },
			},
			{
				method: 'GET',
				url: '/api/contact',
				qs: { workspaceId: WORKSPACE_ID, continuationToken: '40' },
			},
		]);
		expect(
			standIn()
				.requestsTo('/api/contact')
				.map((r) => r.query),
		).toEqual([
			{ workspaceId: WORKSPACE_ID },
			{ workspaceId: WORKSPACE_ID, continuationToken: '20' },
			{ workspaceId: WORKSPACE_ID, continuationToken: '40' },
		]);
		expect(output).toHaveLength(45);
		expect(output.map((item) => item.json.id)).toEqual(ids);
		expect(
			output.every((item) => JSON.stringify(item.pairedItem) === JSON.stringify({ item: 0 })),
		).toBe(true);
		expect(output[44].json).toMatchObject({
			name: 'Contact 45',
			email: 'c45@example.com',
			platformId: 1,
			workspaceId: '***',
		});
		expect(JSON.stringify(output)).not.toContain(WORKSPACE_ID);
	});

	it('with Limit 25 stops after the second page and outputs exactly 25 contacts', async () => {
		const ids = seed(45);
		const { run, requests } = contactNode(credentials(), 'getMany', {
			returnAll: false,
			limit: 25,
		});

		const output = await run();

		expect(requests).toHaveLength(2);
		expect(requests[1].qs).toEqual({ workspaceId: WORKSPACE_ID, continuationToken: '20' });
		expect(standIn().requestsTo('/api/contact')).toHaveLength(2);
		expect(output.map((item) => item.json.id)).toEqual(ids.slice(0, 25));
	});

	it('with a limit within the first page asks once', async () => {
		seed(45);
		const { run, requests } = contactNode(credentials(), 'getMany', { returnAll: false, limit: 5 });
		expect(await run()).toHaveLength(5);
		expect(requests).toHaveLength(1);
	});

	it('outputs no items for an empty workspace', async () => {
		const { run, requests } = contactNode(credentials(), 'getMany', { returnAll: true });
		expect(await run()).toEqual([]);
		expect(requests).toHaveLength(1);
	});

	it('lists the contacts that Send Conversation created', async () => {
		const send = contactNode(credentials(), 'sendConversation', {
			resource: 'message',
			template: 'hello_world',
			destination: '+51 900 000 123',
			sendType: 'individual',
		});
		const [sent] = await send.run();
		const { run } = contactNode(credentials(), 'getMany', { returnAll: true });
		const output = await run();
		expect(output.map((item) => item.json.id)).toEqual([sent.json.contactId]);
		expect(output[0].json).toMatchObject({ platformSenderPhone: '51900000123', platformId: 2 });
	});
});

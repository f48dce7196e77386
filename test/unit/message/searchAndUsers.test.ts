import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { expectedOutput, startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const run = (parameters: Record<string, unknown>) => {
	const context = fakeExecuteFunctions({ parameters, credentials: credentials() });
	return { ...context, result: router.call(context.fns) };
};

describe('Message → Search', () => {
	beforeEach(() => {
		standIn().state.messages.push(
			{ id: 'm-1', contactId: 'c-1', workspaceId: WORKSPACE_ID, content: 'What is the pricing?' },
			{ id: 'm-2', contactId: 'c-2', workspaceId: WORKSPACE_ID, content: 'Pricing for teams' },
			{ id: 'm-3', contactId: 'c-1', workspaceId: WORKSPACE_ID, content: 'Thanks' },
		);
	});

	it('sends the text and workspace, and outputs one item per message found', async () => {
		const { requests, result } = run({
			resource: 'message',
			operation: 'search',
			query: ' pricing ',
			returnAll: true,
		});
		const [output] = await result;
		expect(requests.map((r) => [r.method, r.url, r.qs])).toEqual([
			['GET', '/api/message/get-query-messages', { query: 'pricing', workspaceId: WORKSPACE_ID }],
		]);
		expect(output.map((item) => item.json)).toEqual(
			expectedOutput(standIn().state.messages.slice(0, 2)),
		);
	});

	it('narrows to one contact and to the Limit', async () => {
		const { requests, result } = run({
			resource: 'message',
			operation: 'search',
			query: 'pricing',
			returnAll: false,
			limit: 1,
			filters: { contactId: { __rl: true, mode: 'id', value: 'c-2' } },
		});
		expect((await result)[0].map((item) => item.json.id)).toEqual(['m-2']);
		expect(requests[0].qs).toEqual({
			query: 'pricing',
			workspaceId: WORKSPACE_ID,
			contactId: 'c-2',
		});
	});

	it('refuses an empty search text before sending', async () => {
		const { requests, result } = run({ resource: 'message', operation: 'search', query: '' });
		await expect(result).rejects.toThrow('Search Text is empty [item 0]');
		expect(requests).toHaveLength(0);
	});
});

describe('User → Get Many', () => {
	it("lists the workspace's users from /api/workspace/usersByWorkspaceId/{id}, without passwords", async () => {
		const { requests, result } = run({ resource: 'user', operation: 'getMany', returnAll: true });
		const [output] = await result;
		expect(requests.map((r) => [r.method, r.url])).toEqual([
			['GET', `/api/workspace/usersByWorkspaceId/${WORKSPACE_ID}`],
		]);
		expect(output).toEqual([
			{
				json: {
					id: 'user-demo-1',
					name: 'Ana',
					lastName: 'Demo',
					email: 'ana@example.com',
					avatar: null,
					role: 'admin',
					creationDate: '2026-01-01T00:00:00.000Z',
					company: 'plazbot',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(JSON.stringify(output)).not.toContain('Secret123!');
	});
});

/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID, API_KEY } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const PATH = '/api/message/conversation';

/** Sends `count` template conversations through the node, one per customer. */
async function sendConversations(count: number): Promise<void> {
	const { fns } = fakeExecuteFunctions({
		items: Array.from({ length: count }, (_, index) => ({
			phone: `5190000${String(index).padStart(4, '0')}`,
		})),
		parameters: (_i, item) => ({
			resource: 'message',
			operation: 'sendConversation',
			template: 'order_confirmation',
			sendType: 'api',
			campaignName: 'Black Friday',
			destination: item.phone,
		}),
		credentials: credentials(),
	});
	const [output] = await router.call(fns);
	expect(output).toHaveLength(count);
	standIn().requests.length = 0;
}

function listConversations(parameters: Record<string, unknown>) {
	return fakeExecuteFunctions({
		parameters: { resource: 'message', operation: 'getConversations', ...parameters },
		credentials: credentials(),
	});
}

describe('List Conversations through the router', () => {
	it('with Return All follows the next-page token: 45 conversations in 3 requests', async () => {
		await sendConversations(45);
		const { fns, requests } = listConversations({ returnAll: true });

		const [output] = await router.call(fns);

		expect(
			requests.map(({ method, baseURL, url, qs, body }) => ({ method, baseURL, url, qs, body })),
		).toEqual([
			{
				method: 'GET',
				baseURL: standIn().url,
				url: PATH,
				qs: { workspaceId: WORKSPACE_ID },
				body: undefined,
			},
			{
				method: 'GET',
				baseURL: standIn().url,
				url: PATH,
				qs: { workspaceId: WORKSPACE_ID, continuationToken: '20' },
				body: undefined,
			},
			{
				method: 'GET',
				baseURL: standIn().url,
				url: PATH,
				qs: { workspaceId: WORKSPACE_ID, continuationToken: '40' },
				body: undefined,
			},
		]);
		const received = standIn().requestsTo(PATH);
		expect(received.map((r) => [r.method, r.query])).toEqual([
			['GET', { workspaceId: WORKSPACE_ID }],
			['GET', { workspaceId: WORKSPACE_ID, continuationToken: '20' }],
			['GET', { workspaceId: WORKSPACE_ID, continuationToken: '40' }],
		]);
		expect(received[0].headers['x-workspace-id']).toBe(WORKSPACE_ID);
		expect(received[0].headers.authorization).toBe(`Bearer ${API_KEY}`);

		const sent = standIn().state.conversations as Array<Record<string, any>>;
		expect(output).toHaveLength(45);
		expect(output.map((item) => item.json.id)).toEqual(sent.map((conversation) => conversation.id));
		expect(new Set(output.map((item) => item.json.platformSenderPhone)).size).toBe(45);
		expect(output.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
		expect(output[0]).toEqual({
			json: {
				id: sent[0].id,
				contactId: sent[0].contactId,
				workspaceId: '***',
				internalWhatsappNumber: null,
				platformSenderId: null,
				platformSenderName: null,
				platformSenderPhone: sent[0].platformSenderPhone,
				workspaceName: null,
				templateCode: 'order_confirmation',
				templateType: null,
				type: 3,
				campaignName: 'Black Friday',
				agentSenderId: null,
				// Text that contains the workspace ID is the user's data: only a whole-value field is masked.
				requestBody: JSON.stringify({
					workspaceId: WORKSPACE_ID,
					template: 'order_confirmation',
					destination: sent[0].platformSenderPhone,
					type: '3',
					sendType: '3',
					campaignName: 'Black Friday',
				}),
				responseBody: null,
				responseStatus: '200',
				creationDate: sent[0].creationDate,
			},
			pairedItem: { item: 0 },
		});
	});

	it('with Limit 25 stops after the second page', async () => {
		await sendConversations(45);
		const { fns, requests } = listConversations({ returnAll: false, limit: 25 });

		const [output] = await router.call(fns);

		expect(requests.map((r) => r.qs)).toEqual([
			{ workspaceId: WORKSPACE_ID },
			{ workspaceId: WORKSPACE_ID, continuationToken: '20' },
		]);
		expect(standIn().requestsTo(PATH)).toHaveLength(2);
		const sent = standIn().state.conversations as Array<Record<string, any>>;
		expect(output.map((item) => item.json.id)).toEqual(
			sent.slice(0, 25).map((conversation) => conversation.id),
		);
		expect(output.map((item) => item.pairedItem)).toEqual(Array(25).fill({ item: 0 }));
	});

	it('outputs no items for a workspace without conversations, after one request', async () => {
		const { fns, requests } = listConversations({ returnAll: true });
		const [output] = await router.call(fns);
		expect(requests).toHaveLength(1);
		expect(output).toEqual([]);
	});

	it('lists once per input item, each record paired to the item that asked', async () => {
		await sendConversations(3);
		const { fns } = fakeExecuteFunctions({
			items: [{}, {}],
			parameters: (itemIndex) => ({
				resource: 'message',
				operation: 'getConversations',
				returnAll: false,
				limit: itemIndex + 1,
			}),
			credentials: credentials(),
		});
		const [output] = await router.call(fns);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }]);
	});
});

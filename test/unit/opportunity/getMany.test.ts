import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';
import { createOpportunities } from './seed';

const { standIn, credentials } = startStandIn();

const listRequests = () =>
	standIn().requests.filter((r) => r.method === 'GET' && r.path === '/api/opportunity');

describe('Opportunity → Get Many', () => {
	it('with Return All follows the continuation tokens: 45 opportunities in 3 requests, one item each', async () => {
		const created = await createOpportunities(credentials(), 45);
		const { fns, requests } = fakeExecuteFunctions({
			parameters: { resource: 'opportunity', operation: 'getMany', returnAll: true },
			credentials: credentials(),
		});

		const [output] = await router.call(fns);

		expect(requests.map((r) => ({ method: r.method, url: r.url, qs: r.qs }))).toEqual([
			{ method: 'GET', url: '/api/opportunity', qs: { workspaceId: WORKSPACE_ID } },
			{
				method: 'GET',
				url: '/api/opportunity',
				qs: { workspaceId: WORKSPACE_ID, continuationToken: '20' },
			},
			{
				method: 'GET',
				url: '/api/opportunity',
				qs: { workspaceId: WORKSPACE_ID, continuationToken: '40' },
			},
		]);
		expect(listRequests().map((r) => r.query)).toEqual([
			{ workspaceId: WORKSPACE_ID },
			{ workspaceId: WORKSPACE_ID, continuationToken: '20' },
			{ workspaceId: WORKSPACE_ID, continuationToken: '40' },
		]);
		expect(output).toHaveLength(45);
		expect(output.map((item) => item.json)).toEqual(created);
		expect(output[44].json.name).toBe('Opportunity 45');
		expect(
			output.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0),
		).toBe(true);
	});

	it('with a Limit of 25 stops after the second page', async () => {
		await createOpportunities(credentials(), 45);
		const { fns, requests } = fakeExecuteFunctions({
			parameters: { resource: 'opportunity', operation: 'getMany', returnAll: false, limit: 25 },
			credentials: credentials(),
		});

		const [output] = await router.call(fns);

		expect(requests).toHaveLength(2);
		expect(requests[1].qs).toEqual({ workspaceId: WORKSPACE_ID, continuationToken: '20' });
		expect(listRequests()).toHaveLength(2);
		expect(output.map((item) => item.json.name)).toEqual(
			Array.from({ length: 25 }, (_, i) => `Opportunity ${i + 1}`),
		);
	});

	it('gives no items for an empty workspace, after one request', async () => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: { resource: 'opportunity', operation: 'getMany', returnAll: true },
			credentials: credentials(),
		});
		const [output] = await router.call(fns);
		expect(requests).toHaveLength(1);
		expect(output).toEqual([]);
	});
});

import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';
import { createOpportunities } from './seed';

const { standIn, credentials } = startStandIn();

const getParameters = (opportunityId: unknown) => ({
	resource: 'opportunity',
	operation: 'get',
	opportunityId,
});

describe('Opportunity → Get', () => {
	it('reads back a created opportunity by the ID picked from the list or typed', async () => {
		const [created] = await createOpportunities(credentials(), 1);
		const id = String(created.id);
		const { fns, requests } = fakeExecuteFunctions({
			items: [{ mode: 'list' }, { mode: 'id' }],
			parameters: (_i, item) => getParameters({ __rl: true, mode: item.mode, value: id }),
			credentials: credentials(),
			continueOnFail: false,
		});

		const [output] = await router.call(fns);

		expect(requests).toHaveLength(2);
		expect(requests[0]).toMatchObject({
			method: 'GET',
			url: `/api/opportunity/${id}`,
			qs: { workspaceId: WORKSPACE_ID },
		});
		expect(
			standIn()
				.requestsTo(`/api/opportunity/${id}`)
				.map((r) => [r.method, r.query]),
		).toEqual([
			['GET', { workspaceId: WORKSPACE_ID }],
			['GET', { workspaceId: WORKSPACE_ID }],
		]);
		expect(output.map((item) => item.json)).toEqual([created, created]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it("fails with Plazbot's 404 message for an unknown ID", async () => {
		const { fns } = fakeExecuteFunctions({
			parameters: getParameters('o-missing'),
			credentials: credentials(),
		});
		await expect(router.call(fns)).rejects.toMatchObject({
			message: 'Plazbot error 404: Oportunidad no encontrada: o-missing',
			httpCode: '404',
		});
	});

	it('refuses an empty Opportunity before sending anything', async () => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: getParameters({ __rl: true, mode: 'list', value: '' }),
			credentials: credentials(),
		});
		await expect(router.call(fns)).rejects.toThrow('Opportunity is empty [item 0]');
		expect(requests).toHaveLength(0);
	});
});

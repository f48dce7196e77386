import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';
import { createOpportunities } from './seed';

const { standIn, credentials } = startStandIn();

const run = (operation: string, opportunityId: unknown) => {
	const context = fakeExecuteFunctions({
		parameters: { resource: 'opportunity', operation, opportunityId, returnAll: true },
		credentials: credentials(),
	});
	return { ...context, result: router.call(context.fns) };
};

describe('Opportunity → Delete', () => {
	it('deletes the opportunity, outputs { deleted, id }, and afterwards Get fails with 404 and the list lacks it', async () => {
		const [keep, gone] = await createOpportunities(credentials(), 2);
		const id = String(gone.id);

		const deletion = run('delete', { __rl: true, mode: 'id', value: id });
		const [output] = await deletion.result;

		expect(deletion.requests).toHaveLength(1);
		expect(deletion.requests[0]).toMatchObject({
			method: 'DELETE',
			url: `/api/opportunity/${id}`,
			qs: { workspaceId: WORKSPACE_ID },
		});
		expect(
			standIn()
				.requestsTo(`/api/opportunity/${id}`)
				.map((r) => r.method),
		).toEqual(['DELETE']);
		expect(output).toEqual([{ json: { deleted: true, id }, pairedItem: { item: 0 } }]);

		await expect(run('get', id).result).rejects.toMatchObject({
			message: `Plazbot error 404: Oportunidad no encontrada: ${id}`,
			httpCode: '404',
		});
		const [list] = await run('getMany', undefined).result;
		expect(list.map((item) => item.json.id)).toEqual([keep.id]);
	});

	it('fails with 404 when the opportunity was already deleted', async () => {
		const [created] = await createOpportunities(credentials(), 1);
		await run('delete', String(created.id)).result;
		await expect(run('delete', String(created.id)).result).rejects.toThrow(
			`Plazbot error 404: Oportunidad no encontrada: ${String(created.id)}`,
		);
	});

	it('refuses an empty Opportunity before sending anything', async () => {
		const { requests, result } = run('delete', { __rl: true, mode: 'id', value: ' ' });
		await expect(result).rejects.toThrow('Opportunity is empty [item 0]');
		expect(requests).toHaveLength(0);
	});
});

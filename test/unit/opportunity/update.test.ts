import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { expectedOutput, startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const run = (parameters: Record<string, unknown>, timezone = 'UTC') => {
	const context = fakeExecuteFunctions({
		parameters: { resource: 'opportunity', operation: 'update', ...parameters },
		credentials: credentials(),
		timezone,
	});
	return { ...context, result: router.call(context.fns) };
};

describe('Opportunity → Update', () => {
	beforeEach(() => {
		standIn().state.opportunities.set('o-1', {
			id: 'o-1',
			workspaceId: WORKSPACE_ID,
			name: 'Annual plan',
			amount: 1000,
			stageId: null,
		});
	});

	it('sends only the fields set, by name, with the ID and workspace in the query, and outputs the updated opportunity', async () => {
		const { requests, result } = run(
			{
				opportunityId: { __rl: true, mode: 'list', value: 'o-1' },
				updateFields: {
					amount: 2500.75,
					stageId: ' stage-won ',
					name: '',
					expirationDate: '2026-06-30T10:00:00',
				},
			},
			'America/Lima',
		);
		const [output] = await result;
		const body = {
			amount: 2500.75,
			stageId: 'stage-won',
			expirationDate: '2026-06-30T15:00:00.000Z',
		};
		expect(requests.map((r) => [r.method, r.url, r.qs, r.body])).toEqual([
			['PUT', '/api/opportunity', { id: 'o-1', workspaceId: WORKSPACE_ID }, body],
		]);
		expect(output).toEqual([
			{ json: expectedOutput(standIn().state.opportunities.get('o-1')), pairedItem: { item: 0 } },
		]);
		expect(output[0].json).toMatchObject({ name: 'Annual plan', ...body });
	});

	it('refuses an update with nothing to change, and a non-numeric amount, before sending', async () => {
		const empty = run({ opportunityId: 'o-1', updateFields: { name: ' ' } });
		await expect(empty.result).rejects.toThrow('Update Fields has no field with a value [item 0]');
		const badAmount = run({ opportunityId: 'o-1', updateFields: { amount: 'lots' } });
		await expect(badAmount.result).rejects.toThrow('Amount must be a number');
		expect([...empty.requests, ...badAmount.requests]).toHaveLength(0);
	});

	it("fails with Plazbot's 404 for an unknown opportunity", async () => {
		await expect(
			run({ opportunityId: 'o-missing', updateFields: { name: 'X' } }).result,
		).rejects.toMatchObject({
			message: 'Plazbot error 404: Oportunidad no encontrada: o-missing',
		});
	});
});

import type { IExecuteFunctions } from 'n8n-workflow';

import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';
import { createOpportunities } from './seed';

const { standIn, credentials } = startStandIn();

/** The fake has no getTimezone; the workflow's time zone is what a date without an offset means. */
function inLima(fns: IExecuteFunctions): IExecuteFunctions {
	(fns as unknown as { getTimezone: () => string }).getTimezone = () => 'America/Lima';
	return fns;
}

describe('Opportunity → Add Activity', () => {
	it("records the activity, outputs it, and it shows in the opportunity's history", async () => {
		const [created] = await createOpportunities(credentials(), 1);
		const id = String(created.id);
		const { fns, requests } = fakeExecuteFunctions({
			parameters: {
				resource: 'opportunity',
				operation: 'addActivity',
				opportunityId: { __rl: true, mode: 'list', value: id },
				content: ' Called the customer; demo booked ',
				additionalFields: { categoryType: 'Calls', date: '2026-05-01T10:00:00' },
			},
			credentials: credentials(),
		});

		const [output] = await router.call(inLima(fns));

		const expectedBody = {
			workspaceId: WORKSPACE_ID,
			content: 'Called the customer; demo booked',
			categoryType: 'Calls',
			date: '2026-05-01T15:00:00.000Z',
		};
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', url: `/api/opportunity/${id}/activities` });
		expect(requests[0].body).toEqual(expectedBody);
		expect(standIn().requestsTo(`/api/opportunity/${id}/activities`).map((r) => r.body)).toEqual([expectedBody]);

		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[0].json).toEqual({
			opportunityId: id,
			activity: {
				id: expect.any(String),
				categoryType: 'Calls',
				content: 'Called the customer; demo booked',
				date: '2026-05-01T15:00:00.000Z',
				createdBy: null,
				creationDate: expect.any(String),
			},
		});
		expect(standIn().state.opportunities.get(id).activities).toEqual([(output[0].json as { activity: unknown }).activity]);
	});

	it('sends only the content when the additional fields are unset', async () => {
		const [created] = await createOpportunities(credentials(), 1);
		const { fns, requests } = fakeExecuteFunctions({
			parameters: {
				resource: 'opportunity',
				operation: 'addActivity',
				opportunityId: String(created.id),
				content: 'Sent the proposal',
				additionalFields: { categoryType: '', date: '' },
			},
			credentials: credentials(),
		});
		await router.call(inLima(fns));
		expect(requests[0].body).toEqual({ workspaceId: WORKSPACE_ID, content: 'Sent the proposal' });
	});

	it('refuses empty content before sending anything', async () => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: { resource: 'opportunity', operation: 'addActivity', opportunityId: 'o-1', content: ' ' },
			credentials: credentials(),
		});
		await expect(router.call(inLima(fns))).rejects.toThrow('Content is empty [item 0]');
		expect(requests).toHaveLength(0);
	});

	it("fails with Plazbot's 404 message for an unknown opportunity", async () => {
		const { fns } = fakeExecuteFunctions({
			parameters: { resource: 'opportunity', operation: 'addActivity', opportunityId: 'o-missing', content: 'x' },
			credentials: credentials(),
		});
		await expect(router.call(inLima(fns))).rejects.toThrow('Plazbot error 404: Oportunidad no encontrada: o-missing');
	});
});

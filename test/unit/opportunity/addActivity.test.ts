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
		expect(requests[0]).toMatchObject({
			method: 'POST',
			url: `/api/opportunity/${id}/agent/activities`,
		});
		expect(requests[0].body).toEqual(expectedBody);
		expect(
			standIn()
				.requestsTo(`/api/opportunity/${id}/agent/activities`)
				.map((r) => r.body),
		).toEqual([expectedBody]);

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
		expect(standIn().state.opportunities.get(id).activities).toEqual([
			(output[0].json as { activity: unknown }).activity,
		]);
	});

	it('sends every field Plazbot requires: the Category field, and the time the item runs when Date is empty', async () => {
		const [created] = await createOpportunities(credentials(), 1);
		const { fns, requests } = fakeExecuteFunctions({
			parameters: {
				resource: 'opportunity',
				operation: 'addActivity',
				opportunityId: String(created.id),
				content: 'Sent the proposal',
				category: 'Email',
				additionalFields: { categoryType: '', date: '' },
			},
			credentials: credentials(),
		});
		const before = Date.now();
		const [output] = await router.call(inLima(fns));
		expect(requests[0].body).toEqual({
			workspaceId: WORKSPACE_ID,
			content: 'Sent the proposal',
			categoryType: 'Email',
			date: expect.any(String),
		});
		const sent = requests[0].body as { date: string };
		const sentAt = Date.parse(sent.date);
		expect(sentAt).toBeGreaterThanOrEqual(before - 1000);
		expect(sent.date).toBe(new Date(sentAt).toISOString());
		expect((output[0].json as { activity: { categoryType: string } }).activity.categoryType).toBe(
			'Email',
		);
	});

	it('a workflow saved without any category still runs: the Category field defaults to Calls', async () => {
		const [created] = await createOpportunities(credentials(), 1);
		const { fns, requests } = fakeExecuteFunctions({
			parameters: {
				resource: 'opportunity',
				operation: 'addActivity',
				opportunityId: String(created.id),
				content: 'Visited',
			},
			credentials: credentials(),
		});
		await router.call(inLima(fns));
		expect(requests[0].body).toMatchObject({ categoryType: 'Calls' });
	});

	it.each([
		['calls', 'Calls'],
		['Call', 'Calls'],
		['WhatsApp', 'Whatsapp'],
		['e-mail', 'Email'],
		['MEETING', 'Meeting'],
	])('reads the text category "%s" of a saved workflow as %s', async (saved, sent) => {
		const [created] = await createOpportunities(credentials(), 1);
		const { fns, requests } = fakeExecuteFunctions({
			parameters: {
				resource: 'opportunity',
				operation: 'addActivity',
				opportunityId: String(created.id),
				content: 'x',
				additionalFields: { categoryType: saved, date: '2026-05-01T10:00:00Z' },
			},
			credentials: credentials(),
		});
		await router.call(inLima(fns));
		expect((requests[0].body as { categoryType: string }).categoryType).toBe(sent);
	});

	it('refuses a category Plazbot does not accept before sending, naming the field and the values', async () => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: {
				resource: 'opportunity',
				operation: 'addActivity',
				opportunityId: 'o-1',
				content: 'x',
				additionalFields: { categoryType: 'Lunch' },
			},
			credentials: credentials(),
		});
		const error = await router.call(inLima(fns)).catch((caught) => caught);
		expect(error.message).toBe(
			'Category (Text) "Lunch" is not a category Plazbot accepts [item 0]',
		);
		expect(error.description).toBe('Use one of Calls, Meeting, Whatsapp, Email.');
		expect(requests).toHaveLength(0);
	});

	it('refuses empty content before sending anything', async () => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: {
				resource: 'opportunity',
				operation: 'addActivity',
				opportunityId: 'o-1',
				content: ' ',
			},
			credentials: credentials(),
		});
		await expect(router.call(inLima(fns))).rejects.toThrow('Content is empty [item 0]');
		expect(requests).toHaveLength(0);
	});

	it("fails with Plazbot's 404 message for an unknown opportunity", async () => {
		const { fns } = fakeExecuteFunctions({
			parameters: {
				resource: 'opportunity',
				operation: 'addActivity',
				opportunityId: 'o-missing',
				content: 'x',
			},
			credentials: credentials(),
		});
		await expect(router.call(inLima(fns))).rejects.toThrow(
			'Plazbot error 404: Oportunidad no encontrada: o-missing',
		);
	});
});

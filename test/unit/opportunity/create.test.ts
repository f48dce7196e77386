import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { API_KEY, expectedOutput, startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const base = {
	resource: 'opportunity',
	operation: 'create',
	name: 'Annual plan - ACME',
	description: 'Premium plan, 12 months',
	amount: 1200.5,
};

describe('Opportunity → Create', () => {
	it('sends the required and set optional fields and outputs the new opportunity', async () => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: {
				...base,
				additionalFields: {
					assignedComercialId: ' user-demo-1 ',
					contactId: { __rl: true, mode: 'list', value: 'c-123' },
				},
			},
			credentials: credentials(),
		});

		const [output] = await router.call(fns);

		const expectedBody = {
			workspaceId: WORKSPACE_ID,
			name: 'Annual plan - ACME',
			description: 'Premium plan, 12 months',
			amount: 1200.5,
			assignedComercialId: 'user-demo-1',
			contactId: 'c-123',
		};
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'POST',
			url: '/api/opportunity',
			baseURL: standIn().url,
		});
		expect(requests[0].body).toEqual(expectedBody);
		const [received] = standIn().requestsTo('/api/opportunity');
		expect(received.method).toBe('POST');
		expect(received.body).toEqual(expectedBody);
		expect(received.headers['x-workspace-id']).toBe(WORKSPACE_ID);
		expect(received.headers.authorization).toBe(`Bearer ${API_KEY}`);

		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		const { id, opportunity } = output[0].json as {
			id: string;
			opportunity: Record<string, unknown>;
		};
		expect(id).toEqual(expect.any(String));
		expect(opportunity).toMatchObject({
			id,
			name: 'Annual plan - ACME',
			description: 'Premium plan, 12 months',
			amount: 1200.5,
			contactId: 'c-123',
			assignedAgentId: 'user-demo-1',
			workspaceId: '***',
			activities: [],
		});
		expect(standIn().state.opportunities.get(id).workspaceId).toBe(WORKSPACE_ID);
		expect(opportunity).toEqual(expectedOutput(standIn().state.opportunities.get(id)));
	});

	it('leaves out optional fields that are unset or blank, and reads a numeric amount from text', async () => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: {
				...base,
				amount: ' 99.90 ',
				additionalFields: {
					assignedComercialId: '  ',
					contactId: { __rl: true, mode: 'list', value: '' },
				},
			},
			credentials: credentials(),
		});
		await router.call(fns);
		expect(requests[0].body).toEqual({
			workspaceId: WORKSPACE_ID,
			name: 'Annual plan - ACME',
			description: 'Premium plan, 12 months',
			amount: 99.9,
		});
	});

	it.each([
		['a blank name', { name: '  ' }, 'Name is empty [item 0]'],
		['no description', { description: '' }, 'Description is empty [item 0]'],
		[
			'an amount that is not a number',
			{ amount: 'abc' },
			'Amount must be a number, but is "abc" [item 0]',
		],
		['an empty amount', { amount: '' }, 'Amount is empty [item 0]'],
	])('refuses %s before sending anything', async (_case, override, message) => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: { ...base, ...override },
			credentials: credentials(),
		});
		await expect(router.call(fns)).rejects.toThrow(message);
		expect(requests).toHaveLength(0);
		expect(standIn().requests).toHaveLength(0);
	});

	it('stand-in: refuses a body without a required field with 400 and the error envelope', async () => {
		const response = await fetch(`${standIn().url}/api/opportunity`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'x-workspace-id': WORKSPACE_ID,
				authorization: `Bearer ${API_KEY}`,
			},
			body: JSON.stringify({ workspaceId: WORKSPACE_ID, name: 'No amount', description: 'x' }),
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toEqual({
			success: false,
			code: 400,
			errorCode: 'VALIDATION_ERROR',
			message: 'El campo amount es requerido',
			data: null,
		});
		expect(standIn().state.opportunities.size).toBe(0);
	});
});

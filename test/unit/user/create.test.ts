/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const PASSWORD = 'Pw-Create-8f2k!x';

const baseParameters = {
	resource: 'user',
	operation: 'create',
	name: 'Luis',
	lastName: 'Rojas',
	email: 'luis.rojas@example.com',
	password: PASSWORD,
	company: 'plazbot',
	isExternalCreation: true,
	additionalFields: {},
};

describe('User → Create', () => {
	it('sends the documented body and outputs the new user ID and email', async () => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: baseParameters,
			credentials: credentials(),
		});

		const [output] = await router.call(fns);

		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', url: '/api/user', baseURL: standIn().url });
		expect(requests[0].body).toEqual({
			name: 'Luis',
			lastName: 'Rojas',
			email: 'luis.rojas@example.com',
			password: PASSWORD,
			company: 'plazbot',
			isExternalCreation: true,
		});
		expect(requests[0].qs).toBeUndefined();
		const [received] = standIn().requestsTo('/api/user');
		expect(received.method).toBe('POST');
		expect(received.body).toEqual(requests[0].body);

		const created = [...standIn().state.users.values()].find(
			(user: any) => user.email === 'luis.rojas@example.com',
		);
		expect(output).toEqual([
			{ json: { userId: created.id, email: 'luis.rojas@example.com' }, pairedItem: { item: 0 } },
		]);
	});

	it('sends the first day of the week and another company when set', async () => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: {
				...baseParameters,
				company: ' acme ',
				isExternalCreation: false,
				additionalFields: { defaultStartWeek: 0 },
			},
			credentials: credentials(),
		});
		await router.call(fns);
		expect(requests[0].body).toEqual({
			name: 'Luis',
			lastName: 'Rojas',
			email: 'luis.rojas@example.com',
			password: PASSWORD,
			company: 'acme',
			isExternalCreation: false,
			defaultStartWeek: 0,
		});
	});

	it('keeps the password exactly as typed, spaces included', async () => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: { ...baseParameters, password: ' two words ' },
			credentials: credentials(),
		});
		await router.call(fns);
		expect((requests[0].body as any).password).toBe(' two words ');
	});

	it.each([
		['name', '', 'First Name is empty [item 0]'],
		['lastName', '  ', 'Last Name is empty [item 0]'],
		['email', '', 'Email is empty [item 0]'],
		['email', 'luis.example.com', 'Email "luis.example.com" is not an email address [item 0]'],
		['password', '', 'Password is empty [item 0]'],
		['password', '   ', 'Password is empty [item 0]'],
		['company', '', 'Company is empty [item 0]'],
	])('refuses %s = "%s" before sending', async (field, value, message) => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: { ...baseParameters, [field]: value },
			credentials: credentials(),
		});
		await expect(router.call(fns)).rejects.toThrow(message);
		expect(requests).toHaveLength(0);
		expect(standIn().requests).toHaveLength(0);
	});

	it('never shows the password, neither in the output nor in the error of a refused second creation', async () => {
		const first = fakeExecuteFunctions({ parameters: baseParameters, credentials: credentials() });
		const [output] = await router.call(first.fns);
		expect(JSON.stringify(output)).not.toContain(PASSWORD);

		const second = fakeExecuteFunctions({ parameters: baseParameters, credentials: credentials() });
		const error = await router.call(second.fns).catch((caught) => caught);
		expect(error.message).toBe('Plazbot error 409: El email ya está registrado');
		expect(JSON.stringify(error)).not.toContain(PASSWORD);
		expect(String(error.stack)).not.toContain(PASSWORD);

		const failing = fakeExecuteFunctions({
			parameters: baseParameters,
			credentials: credentials(),
			continueOnFail: true,
		});
		const [failedOutput] = await router.call(failing.fns);
		expect(failedOutput).toEqual([
			{
				json: {
					error: 'Plazbot error 409: El email ya está registrado',
					description: expect.any(String),
					httpCode: '409',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(JSON.stringify(failedOutput)).not.toContain(PASSWORD);
	});
});

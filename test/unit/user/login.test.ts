import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const PASSWORD = 'Lg-Pass-4u7Q!z';
const parameters = {
	resource: 'user',
	operation: 'login',
	email: 'mia@example.com',
	password: PASSWORD,
};

async function createUser(): Promise<string> {
	const { fns } = fakeExecuteFunctions({
		parameters: {
			resource: 'user',
			operation: 'create',
			name: 'Mia',
			lastName: 'Luna',
			email: 'mia@example.com',
			password: PASSWORD,
			company: 'plazbot',
			isExternalCreation: true,
		},
		credentials: credentials(),
	});
	const [[created]] = await router.call(fns);
	return created.json.userId as string;
}

describe('User → Login', () => {
	it('posts email and password and outputs the token and the user, without the password', async () => {
		const userId = await createUser();
		const { fns, requests } = fakeExecuteFunctions({ parameters, credentials: credentials() });

		const [output] = await router.call(fns);

		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', url: '/api/user/login' });
		expect(requests[0].body).toEqual({ email: 'mia@example.com', password: PASSWORD });
		expect(standIn().requestsTo('/api/user/login')[0].body).toEqual({
			email: 'mia@example.com',
			password: PASSWORD,
		});
		expect(output).toEqual([
			{
				json: {
					token: expect.stringMatching(/^tok-[0-9a-f]{32}$/),
					user: {
						id: userId,
						name: 'Mia',
						lastName: 'Luna',
						email: 'mia@example.com',
						avatar: null,
						role: 'user',
						creationDate: expect.any(String),
						company: 'plazbot',
					},
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(JSON.stringify(output)).not.toContain(PASSWORD);
	});

	it('turns a wrong password into a 401 that speaks of the email and password, never repeating it', async () => {
		await createUser();
		const wrong = 'Wrong-Pass-77!';
		const { fns } = fakeExecuteFunctions({
			parameters: { ...parameters, password: wrong },
			credentials: credentials(),
		});

		const error = await router.call(fns).catch((caught) => caught);

		expect(error.message).toBe('Plazbot error 401: Credenciales inválidas');
		expect(error.httpCode).toBe('401');
		expect(error.description).toBe(
			'Plazbot did not accept this email and password. Check both, or reset the password with User → Send Reset Password.',
		);
		expect(error.context.itemIndex).toBe(0);
		for (const secret of [wrong, PASSWORD]) {
			expect(JSON.stringify(error)).not.toContain(secret);
			expect(String(error.stack)).not.toContain(secret);
		}
	});

	it('with Continue On Fail, a failed login outputs the error in its place and no password', async () => {
		await createUser();
		const wrong = 'Wrong-Pass-88!';
		const { fns } = fakeExecuteFunctions({
			items: [{ password: PASSWORD }, { password: wrong }],
			parameters: (_i, item) => ({ ...parameters, password: item.password }),
			credentials: credentials(),
			continueOnFail: true,
		});

		const [output] = await router.call(fns);

		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].json.token).toEqual(expect.any(String));
		expect(output[1].json).toEqual({
			error: 'Plazbot error 401: Credenciales inválidas',
			description:
				'Plazbot did not accept this email and password. Check both, or reset the password with User → Send Reset Password.',
			httpCode: '401',
		});
		expect(JSON.stringify(output)).not.toContain(PASSWORD);
		expect(JSON.stringify(output)).not.toContain(wrong);
	});

	it.each([
		['email', '', 'Email is empty [item 0]'],
		['password', '', 'Password is empty [item 0]'],
	])('refuses a blank %s before sending', async (field, value, message) => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: { ...parameters, [field]: value },
			credentials: credentials(),
		});
		await expect(router.call(fns)).rejects.toThrow(message);
		expect(requests).toHaveLength(0);
	});
});

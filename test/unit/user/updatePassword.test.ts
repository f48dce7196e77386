import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const NEW_PASSWORD = 'Nw-Pass-2q9X!r';
const EMAIL = 'ana@example.com';

async function requestCode(): Promise<string> {
	const { fns } = fakeExecuteFunctions({
		parameters: {
			resource: 'user',
			operation: 'sendResetPassword',
			email: EMAIL,
			company: 'plazbot',
		},
		credentials: credentials(),
	});
	await router.call(fns);
	return standIn().state.users.get('user-demo-1').changePasswordData.id;
}

const parametersFor = (verificationId: string) => ({
	resource: 'user',
	operation: 'updatePassword',
	email: EMAIL,
	newPassword: NEW_PASSWORD,
	verificationId,
});

async function login(password: string) {
	const { fns } = fakeExecuteFunctions({
		parameters: { resource: 'user', operation: 'login', email: EMAIL, password },
		credentials: credentials(),
		continueOnFail: true,
	});
	const [[item]] = await router.call(fns);
	return item.json;
}

describe('User → Update Password', () => {
	it('posts email, new password and verification ID, and outputs a confirmation with only safe user fields', async () => {
		const code = await requestCode();
		const { fns, requests } = fakeExecuteFunctions({
			parameters: parametersFor(code),
			credentials: credentials(),
		});

		const [output] = await router.call(fns);

		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', url: '/api/user/resetPassword' });
		expect(requests[0].body).toEqual({
			email: EMAIL,
			newPassword: NEW_PASSWORD,
			verificationId: code,
		});
		expect(standIn().requestsTo('/api/user/resetPassword')[0].body).toEqual(requests[0].body);
		// Plazbot's answer holds the record with password, code, tokens and reset data: none of it goes out.
		expect(output).toEqual([
			{
				json: {
					success: true,
					message: 'Password updated successfully',
					email: EMAIL,
					user: {
						id: 'user-demo-1',
						userId: 'user-demo-1',
						name: 'Ana',
						lastName: 'Demo',
						email: EMAIL,
						company: 'plazbot',
						role: 'admin',
						avatar: null,
						creationDate: '2026-01-01T00:00:00.000Z',
					},
				},
				pairedItem: { item: 0 },
			},
		]);
		const text = JSON.stringify(output);
		for (const secret of [NEW_PASSWORD, code, 'Secret123!', 'rt-user-demo-1'])
			expect(text).not.toContain(secret);

		expect((await login(NEW_PASSWORD)).token).toEqual(expect.any(String));
		expect((await login('Secret123!')).error).toBe('Plazbot error 401: Credenciales inválidas');
	});

	it('refuses a wrong verification ID with a hint to request a new one, repeating no secret', async () => {
		await requestCode();
		const { fns } = fakeExecuteFunctions({
			parameters: parametersFor('000000'),
			credentials: credentials(),
		});

		const error = await router.call(fns).catch((caught) => caught);

		expect(error.message).toBe('Plazbot error 401: Código de verificación inválido o expirado');
		expect(error.description).toBe(
			'Plazbot did not accept the verification ID for this email: it may be mistyped, used or expired. Request a new one with User → Send Reset Password.',
		);
		expect(JSON.stringify(error)).not.toContain(NEW_PASSWORD);
		expect(String(error.stack)).not.toContain(NEW_PASSWORD);
		expect((await login('Secret123!')).token).toEqual(expect.any(String));
	});

	it.each([
		['email', '', 'Email is empty [item 0]'],
		['newPassword', '', 'New Password is empty [item 0]'],
		['verificationId', '  ', 'Verification ID is empty [item 0]'],
	])('refuses a blank %s before sending', async (field, value, message) => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: { ...parametersFor('123456'), [field]: value },
			credentials: credentials(),
		});
		await expect(router.call(fns)).rejects.toThrow(message);
		expect(requests).toHaveLength(0);
	});
});

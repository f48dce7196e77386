import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const parameters = {
	resource: 'user',
	operation: 'sendResetPassword',
	email: 'ana@example.com',
	company: 'plazbot',
};

describe('User → Send Reset Password', () => {
	it('posts email and company and outputs a confirmation; Plazbot holds a verification code', async () => {
		const { fns, requests } = fakeExecuteFunctions({ parameters, credentials: credentials() });

		const [output] = await router.call(fns);

		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'POST',
			url: '/api/user/sendEmailToResetPassword',
		});
		expect(requests[0].body).toEqual({ email: 'ana@example.com', company: 'plazbot' });
		expect(standIn().requestsTo('/api/user/sendEmailToResetPassword')[0].body).toEqual({
			email: 'ana@example.com',
			company: 'plazbot',
		});
		expect(output).toEqual([
			{
				json: { success: true, message: 'Reset email sent successfully', email: 'ana@example.com' },
				pairedItem: { item: 0 },
			},
		]);
		const code = standIn().state.users.get('user-demo-1').changePasswordData.id;
		expect(code).toMatch(/^\d{6}$/);
		expect(JSON.stringify(output)).not.toContain(code);
	});

	it.each([
		['email', '', 'Email is empty [item 0]'],
		['company', ' ', 'Company is empty [item 0]'],
	])('refuses a blank %s before sending', async (field, value, message) => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: { ...parameters, [field]: value },
			credentials: credentials(),
		});
		await expect(router.call(fns)).rejects.toThrow(message);
		expect(requests).toHaveLength(0);
	});

	it('reports an unknown email as Plazbot does', async () => {
		const { fns } = fakeExecuteFunctions({
			parameters: { ...parameters, email: 'nobody@example.com' },
			credentials: credentials(),
		});
		await expect(router.call(fns)).rejects.toMatchObject({
			message: 'Plazbot error 404: Usuario no encontrado',
			httpCode: '404',
		});
	});
});

import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const parameters = { resource: 'user', operation: 'getByEmail', email: 'ana@example.com' };

describe('User → Get by Email', () => {
	it('asks for the user by email and outputs the record without password or tokens', async () => {
		const { fns, requests } = fakeExecuteFunctions({ parameters, credentials: credentials() });

		const [output] = await router.call(fns);

		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'GET',
			url: '/api/user/email',
			qs: { email: 'ana@example.com' },
		});
		expect(requests[0].body).toBeUndefined();
		const [received] = standIn().requestsTo('/api/user/email');
		expect(received.query).toEqual({ email: 'ana@example.com' });
		// The stand-in answers, as Plazbot's examples do, with the password and refresh tokens.
		expect(output).toEqual([
			{
				json: {
					id: 'user-demo-1',
					name: 'Ana',
					lastName: 'Demo',
					email: 'ana@example.com',
					company: 'plazbot',
					role: 'admin',
					avatar: null,
					creationDate: '2026-01-01T00:00:00.000Z',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(JSON.stringify(output)).not.toContain('Secret123!');
	});

	it('finds a user created by the node', async () => {
		const create = fakeExecuteFunctions({
			parameters: {
				resource: 'user',
				operation: 'create',
				name: 'Eva',
				lastName: 'Paz',
				email: 'eva@example.com',
				password: 'Eva-Pw-93j!',
				company: 'plazbot',
				isExternalCreation: true,
			},
			credentials: credentials(),
		});
		const [[created]] = await router.call(create.fns);

		const { fns } = fakeExecuteFunctions({
			parameters: { ...parameters, email: ' eva@example.com ' },
			credentials: credentials(),
		});
		const [output] = await router.call(fns);
		expect(output[0].json).toMatchObject({
			id: created.json.userId,
			name: 'Eva',
			lastName: 'Paz',
			email: 'eva@example.com',
		});
		expect(JSON.stringify(output)).not.toContain('Eva-Pw-93j!');
	});

	it('refuses a blank or malformed email before sending', async () => {
		for (const [email, message] of [
			['', 'Email is empty [item 0]'],
			['ana-at-example', 'Email "ana-at-example" is not an email address [item 0]'],
		]) {
			const { fns, requests } = fakeExecuteFunctions({
				parameters: { ...parameters, email },
				credentials: credentials(),
			});
			await expect(router.call(fns)).rejects.toThrow(message);
			expect(requests).toHaveLength(0);
		}
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

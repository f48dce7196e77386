import { buildCreateContactBody } from '../../../nodes/Plazbot/actions/contact/create.operation';
import { contactNode } from './contactTestKit';
import { startStandIn, WORKSPACE_ID, API_KEY } from '../support/standIn';

const { standIn, credentials } = startStandIn();

describe('buildCreateContactBody', () => {
	it('sends the normalised WhatsApp number for WhatsApp, and only the optional fields that are set', () => {
		expect(
			buildCreateContactBody(
				{
					name: ' Ana ',
					platformId: 2,
					internalWhatsappNumber: '+51 987-654-321',
					additionalFields: { lastname: 'Pérez', stageId: '', email: ' ' },
				},
				'ws-1',
			),
		).toEqual({
			workspaceId: 'ws-1',
			name: 'Ana',
			platformId: 2,
			internalWhatsappNumber: '51987654321',
			lastname: 'Pérez',
		});
	});

	it('sends the email for other channels and accepts the channel code as text from an expression', () => {
		expect(
			buildCreateContactBody({ name: 'Luis', platformId: '4', email: 'luis@example.com' }, 'ws-1'),
		).toEqual({
			workspaceId: 'ws-1',
			name: 'Luis',
			platformId: 4,
			email: 'luis@example.com',
		});
	});

	it('refuses an unknown channel code', () => {
		expect(() =>
			buildCreateContactBody({ name: 'Luis', platformId: 9, email: 'luis@example.com' }, 'ws-1'),
		).toThrow('Channel "9" is not a Plazbot channel code');
	});
});

describe('Contact → Create', () => {
	it('creates a WhatsApp contact and outputs it, paired to its item', async () => {
		const { run, requests } = contactNode(credentials(), 'create', {
			name: 'Ana',
			platformId: 2,
			internalWhatsappNumber: '+51 987 654 321',
			email: 'ignored-for-whatsapp@example.com',
			additionalFields: { lastname: 'Pérez', email: 'ana@example.com', stageId: 'stage-new' },
		});

		const output = await run();

		const body = {
			workspaceId: WORKSPACE_ID,
			name: 'Ana',
			platformId: 2,
			internalWhatsappNumber: '51987654321',
			email: 'ana@example.com',
			lastname: 'Pérez',
			stageId: 'stage-new',
		};
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'POST',
			url: '/api/contact',
			baseURL: standIn().url,
			body,
		});
		const [received] = standIn().requestsTo('/api/contact');
		expect(received.method).toBe('POST');
		expect(received.body).toEqual(body);
		expect(received.headers.authorization).toBe(`Bearer ${API_KEY}`);
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[0].json).toMatchObject({
			id: expect.any(String),
			name: 'Ana',
			lastname: 'Pérez',
			email: 'ana@example.com',
			platformId: 2,
			internalWhatsappNumber: '51987654321',
			stageId: 'stage-new',
			workspaceId: '***',
		});
		expect(standIn().state.contacts.get(output[0].json.id)).toMatchObject({ name: 'Ana' });
	});

	it('creates a Webchat contact with its email and without a WhatsApp number', async () => {
		const { run, requests } = contactNode(credentials(), 'create', {
			name: 'Luis',
			platformId: 1,
			internalWhatsappNumber: '51900000001',
			email: 'luis@example.com',
			additionalFields: {},
		});
		const output = await run();
		expect(requests[0].body).toEqual({
			workspaceId: WORKSPACE_ID,
			name: 'Luis',
			platformId: 1,
			email: 'luis@example.com',
		});
		expect(output[0].json).toMatchObject({
			name: 'Luis',
			email: 'luis@example.com',
			platformId: 1,
			internalWhatsappNumber: null,
		});
	});

	it.each([
		[
			'a blank name',
			{ name: '  ', platformId: 2, internalWhatsappNumber: '51987654321' },
			'Name is empty [item 0]',
		],
		[
			'WhatsApp without a number',
			{ name: 'Ana', platformId: 2, internalWhatsappNumber: '' },
			'WhatsApp Number is empty [item 0]',
		],
		[
			'WhatsApp with a short number',
			{ name: 'Ana', platformId: 2, internalWhatsappNumber: '12345' },
			'WhatsApp Number "12345" has 5 digits; a WhatsApp number with country code has 8 to 15 [item 0]',
		],
		[
			'Instagram without an email',
			{ name: 'Ana', platformId: 4, email: '' },
			'Email is empty [item 0]',
		],
		[
			'an email that is not one',
			{ name: 'Ana', platformId: 3, email: 'ana.example.com' },
			'Email "ana.example.com" is not an email address [item 0]',
		],
	])('refuses %s before sending', async (_case, parameters, message) => {
		const { run, requests } = contactNode(credentials(), 'create', {
			additionalFields: {},
			...parameters,
		});
		await expect(run()).rejects.toThrow(message);
		expect(requests).toHaveLength(0);
		expect(standIn().requests).toHaveLength(0);
	});

	it('with Continue On Fail outputs the error in the place of the bad item', async () => {
		const { run } = contactNode(
			credentials(),
			'create',
			(_i, item) => ({ name: item.name, platformId: 1, email: item.email, additionalFields: {} }),
			{
				items: [
					{ name: 'Ana', email: 'ana@example.com' },
					{ name: 'Luis', email: '' },
				],
				continueOnFail: true,
			},
		);
		const output = await run();
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0].json.name).toBe('Ana');
		expect(output[1].json.error).toBe('Email is empty [item 1]');
	});
});

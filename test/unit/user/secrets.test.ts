import type { JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InvalidInput } from '../../../nodes/Plazbot/helpers/errors';
import { guardSecrets, redactRecord } from '../../../nodes/Plazbot/helpers/secrets';
import { TEST_NODE } from '../support/fakeExecuteFunctions';

const PASSWORD = 'Echoed-Pw-5t!';

describe('redactRecord of a user record', () => {
	it('drops secret-named keys at any depth and masks a typed secret where it is echoed, removing nothing else', () => {
		expect(
			redactRecord(
				{
					id: 'u1',
					password: 'x',
					changePasswordData: { id: '1' },
					code: '123456',
					stateCode: 'NEW',
					tokens: [{ value: 't' }],
					googleRefreshToken: 'g',
					nested: { accessToken: 'a', name: 'kept', note: `was ${PASSWORD}` },
					list: ['fine', `has ${PASSWORD}`],
				},
				{ inText: [PASSWORD], dropSecretKeys: true },
			),
		).toEqual({
			id: 'u1',
			stateCode: 'NEW',
			nested: { name: 'kept', note: 'was ***' },
			list: ['fine', 'has ***'],
		});
	});
});

describe('guardSecrets', () => {
	const run = (error: unknown) =>
		guardSecrets(TEST_NODE, 2, { secrets: [PASSWORD] }, async () => Promise.reject(error));

	it('rebuilds an API error whose text echoes the password', async () => {
		const original = new NodeApiError(
			TEST_NODE,
			{
				message: `Plazbot error 400: clave ${PASSWORD} débil`,
				description: `sent ${PASSWORD}`,
				httpCode: '400',
			} as JsonObject,
			{
				message: `Plazbot error 400: clave ${PASSWORD} débil`,
				description: `sent ${PASSWORD}`,
				httpCode: '400',
				itemIndex: 2,
			},
		);
		const error = await run(original).catch((caught) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Plazbot error 400: clave *** débil');
		expect(error.description).toBe('sent ***');
		expect(error.httpCode).toBe('400');
		expect(JSON.stringify(error)).not.toContain(PASSWORD);
		expect(String(error.stack)).not.toContain(PASSWORD);
	});

	it('passes errors without secrets through unchanged', async () => {
		const clean = new NodeOperationError(TEST_NODE, 'nothing secret');
		await expect(run(clean)).rejects.toBe(clean);
		const invalid = new InvalidInput('Email', 'is empty');
		await expect(run(invalid)).rejects.toBe(invalid);
	});

	it('redacts other errors too, keeping invalid input an InvalidInput', async () => {
		await expect(run(new InvalidInput('Password', `"${PASSWORD}" is odd`))).rejects.toMatchObject({
			message: 'Password "***" is odd',
		});
		const error = await run(new Error(`boom ${PASSWORD}`)).catch((caught) => caught);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('boom ***');
	});
});

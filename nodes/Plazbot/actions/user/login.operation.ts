import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asEmail, asSecret } from '../../helpers/parameters';
import { guardSecrets, withoutSecrets } from '../../helpers/secrets';
import type { PlazbotClient } from '../../transport/client';
import { USER_LOGIN_PATH } from '../../transport/apiContract';
import { envelopeOutput } from '../output';
import { emailField } from '../common.descriptions';
import { passwordField } from './shared';

const properties: INodeProperties[] = [
	emailField('Email address the user signs in to Plazbot with'),
	passwordField('password', 'Password', "The user's Plazbot password"),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['login'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const email = asEmail(this.getNodeParameter('email', itemIndex, ''), 'Email');
	const password = asSecret(this.getNodeParameter('password', itemIndex, ''), 'Password');
	const envelope = await guardSecrets(
		this.getNode(),
		itemIndex,
		{
			secrets: [password],
			hintsByStatus: {
				'401':
					'Plazbot did not accept this email and password. Check both, or reset the password with User → Send Reset Password.',
			},
		},
		async () =>
			await client.request(
				{ method: 'POST', path: USER_LOGIN_PATH, body: { email, password } },
				itemIndex,
			),
	);
	// The token is what the caller logged in for (a Bearer token for the API); everything else
	// goes through the same filter as any user record.
	const { token, ...rest } = envelopeOutput(envelope);
	return { ...(token !== undefined ? { token } : {}), ...withoutSecrets(rest, [password]) };
}

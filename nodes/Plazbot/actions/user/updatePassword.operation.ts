import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asEmail, asRequiredText, asSecret } from '../../helpers/parameters';
import { guardSecrets } from '../../helpers/secrets';
import type { PlazbotClient } from '../../transport/client';
import { USER_RESET_PASSWORD_PATH } from '../../transport/apiContract';
import { emailField } from '../common.descriptions';
import { passwordField, safeUser, userRecord } from './shared';

const properties: INodeProperties[] = [
	emailField('Email address of the user whose password changes'),
	passwordField(
		'newPassword',
		'New Password',
		'The password the user will sign in with from now on',
	),
	{
		displayName: 'Verification ID',
		name: 'verificationId',
		type: 'string',
		required: true,
		default: '',
		description:
			'The verification ID from the email that User → Send Reset Password made Plazbot send',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['updatePassword'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const email = asEmail(this.getNodeParameter('email', itemIndex, ''), 'Email');
	const newPassword = asSecret(this.getNodeParameter('newPassword', itemIndex, ''), 'New Password');
	const verificationId = asRequiredText(
		this.getNodeParameter('verificationId', itemIndex, ''),
		'Verification ID',
	);
	const secrets = [newPassword, verificationId];
	// Plazbot's "Update Password" is its resetPassword endpoint: it finishes the reset that Send
	// Reset Password started, with the verification ID from that email. Plazbot has no endpoint that
	// changes a password with the current one, so the operation keeps the name its docs give it.
	const envelope = await guardSecrets(
		this.getNode(),
		itemIndex,
		{
			secrets,
			hintsByStatus: {
				'401':
					'Plazbot did not accept the verification ID for this email: it may be mistyped, used or expired. Request a new one with User → Send Reset Password.',
			},
		},
		async () =>
			await client.request(
				{
					method: 'POST',
					path: USER_RESET_PASSWORD_PATH,
					body: { email, newPassword, verificationId },
				},
				itemIndex,
			),
	);
	// Plazbot answers with the whole user record, password and tokens included: only a
	// confirmation and the record's harmless fields go out.
	const record = userRecord(envelope);
	return {
		success: true,
		message: envelope.message ?? 'Password updated',
		email,
		...(record ? { user: safeUser(record, secrets) } : {}),
	};
}

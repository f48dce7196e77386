import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asEmail } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { USER_SEND_RESET_PASSWORD_PATH } from '../../transport/apiContract';
import { emailField } from '../common.descriptions';
import { asCompany, companyField } from './shared';

const properties: INodeProperties[] = [
	emailField(
		'Email address of the user. Plazbot emails them a verification ID to set a new password with User → Update Password.',
	),
	companyField,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['sendResetPassword'] } },
	properties,
);

/** Running it again sends or creates again: refuses n8n's Retry On Fail. */
export const sendsOrCreates = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const email = asEmail(this.getNodeParameter('email', itemIndex, ''), 'Email');
	const company = asCompany(this.getNodeParameter('company', itemIndex, ''));
	const envelope = await client.request(
		{ method: 'POST', path: USER_SEND_RESET_PASSWORD_PATH, body: { email, company } },
		itemIndex,
	);
	return {
		success: envelope.success ?? true,
		message: envelope.message ?? 'Reset email sent',
		email,
	};
}

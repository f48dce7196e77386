import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { asEmail } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { USER_BY_EMAIL_PATH } from '../../transport/apiContract';
import { emailField } from '../common.descriptions';
import { safeUser, userRecord } from './shared';

const properties: INodeProperties[] = [
	emailField(
		'Email address of the Plazbot user to look up. Their ID is what Assigned User fields of tasks and opportunities take.',
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getByEmail'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const email = asEmail(this.getNodeParameter('email', itemIndex, ''), 'Email');
	const envelope = await client.request(
		{ method: 'GET', path: USER_BY_EMAIL_PATH, qs: { email } },
		itemIndex,
	);
	const record = userRecord(envelope);
	if (!record) {
		throw new NodeOperationError(this.getNode(), `Plazbot has no user with the email "${email}"`, {
			itemIndex,
			description: 'Check the address, or create the user with User → Create.',
		});
	}
	return safeUser(record);
}

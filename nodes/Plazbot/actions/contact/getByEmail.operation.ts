import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asEmail } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { CONTACT_SEARCH_BY_EMAIL_PATH } from '../../transport/apiContract';
import { emailField } from '../common.descriptions';
import { NO_MATCH_NOTE, searchContactsBy } from './contact.common';

const properties: INodeProperties[] = [
	emailField(`The email address to look for. Outputs one item per contact found. ${NO_MATCH_NOTE}`),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getByEmail'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject[]> {
	const email = asEmail(this.getNodeParameter('email', itemIndex, ''), 'Email');
	return await searchContactsBy(
		client,
		{
			method: 'GET',
			path: CONTACT_SEARCH_BY_EMAIL_PATH,
			qs: { email, workspaceId: client.workspaceId },
		},
		itemIndex,
	);
}

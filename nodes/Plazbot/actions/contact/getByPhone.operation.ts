import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asWhatsappNumber } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { CONTACT_PHONE_QUERY, CONTACT_SEARCH_BY_PHONE_PATH } from '../../transport/apiContract';
import { NO_MATCH_NOTE, searchContactsBy } from './contact.common';

const properties: INodeProperties[] = [
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		placeholder: '+51 987 654 321',
		required: true,
		default: '',
		description: `The WhatsApp number to look for, with country code. Spaces, dashes, dots, parentheses and a leading + or 00 are removed before searching. Outputs one item per contact found. ${NO_MATCH_NOTE}`,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getByPhone'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject[]> {
	const phone = asWhatsappNumber(this.getNodeParameter('phone', itemIndex, ''), 'Phone');
	return await searchContactsBy(
		client,
		{
			method: 'GET',
			path: CONTACT_SEARCH_BY_PHONE_PATH,
			qs: { [CONTACT_PHONE_QUERY]: phone, workspaceId: client.workspaceId },
		},
		itemIndex,
	);
}

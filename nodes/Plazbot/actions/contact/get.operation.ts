import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { asLocatorId } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { contactPath } from '../../transport/apiContract';
import { contactLocatorField, contactsIn } from './contact.common';

const properties: INodeProperties[] = [
	{
		...contactLocatorField,
		description:
			'The contact to get. An ID that does not exist fails the item with a 404 "not found" error.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const contactId = asLocatorId(this.getNodeParameter('contactId', itemIndex, ''), 'Contact');
	// workspaceId goes in the query as well, as the hub's example sends it; contactsIn reads both
	// documented answer shapes.
	const data = await client.requestData(
		{ method: 'GET', path: contactPath(contactId), qs: { workspaceId: client.workspaceId } },
		itemIndex,
	);
	const [contact] = contactsIn(data);
	// The hub's answer shape wraps the contact in a list, which could come back empty.
	if (!contact) {
		throw new NodeOperationError(
			this.getNode(),
			`Plazbot found no contact with the ID "${contactId}"`,
			{
				itemIndex,
				description:
					'Check the ID, and that the contact belongs to the workspace in the Plazbot API credential.',
			},
		);
	}
	return contact;
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asLocatorId } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { CONTACT_DELETE_BATCH_PATH, contactDeleteBatchEntry } from '../../transport/apiContract';
import { contactLocatorField } from './contact.common';

const properties: INodeProperties[] = [
	{ ...contactLocatorField, description: 'The contact to delete. Deleting cannot be undone.' },
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['delete'] } },
	properties,
);

/** One contact per item through Plazbot's batch delete, so that each item's outcome is its own. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const contactId = asLocatorId(this.getNodeParameter('contactId', itemIndex, ''), 'Contact');
	await client.request(
		{
			method: 'POST',
			path: CONTACT_DELETE_BATCH_PATH,
			body: { workspaceId: client.workspaceId, contactIds: [contactDeleteBatchEntry(contactId)] },
		},
		itemIndex,
	);
	return { deleted: true, id: contactId };
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { asLocatorId } from '../../helpers/parameters';
import { isRecord, type PlazbotEnvelope } from '../../helpers/records';
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

/**
 * Why Plazbot's answer to deleting `contactId` says it was not deleted, or undefined when it does
 * not say so. A 2xx is not enough: a batch delete may answer success having deleted nothing, with
 * the IDs it did not find (`notFound: [id]`), a count of 0 (`deleted: 0`) or a message that starts
 * with the count ("0 contactos eliminados").
 */
export function notDeletedReason(envelope: PlazbotEnvelope, contactId: string): string | undefined {
	const data = isRecord(envelope.data) ? envelope.data : {};
	const message = typeof envelope.message === 'string' ? envelope.message.trim() : '';
	const said = message ? ` (Plazbot answered "${message}")` : '';
	const notFound = [data.notFound, data.notFoundIds].find(Array.isArray) as unknown[] | undefined;
	if (notFound?.some((id) => String(id) === contactId))
		return `Plazbot found no contact with the ID "${contactId}" to delete${said}`;
	const count = [data.deleted, data.deletedCount, data.count].find(
		(value) => typeof value === 'number',
	);
	if (count === 0 || /^0\s/.test(message))
		return `Plazbot deleted no contact for the ID "${contactId}"${said}`;
	return undefined;
}

/** One contact per item through Plazbot's batch delete, so that each item's outcome is its own. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const contactId = asLocatorId(this.getNodeParameter('contactId', itemIndex, ''), 'Contact');
	const envelope = await client.request(
		{
			method: 'POST',
			path: CONTACT_DELETE_BATCH_PATH,
			body: { workspaceId: client.workspaceId, contactIds: [contactDeleteBatchEntry(contactId)] },
		},
		itemIndex,
	);
	const reason = notDeletedReason(envelope, contactId);
	if (reason) {
		throw new NodeOperationError(this.getNode(), `${reason} [item ${itemIndex}]`, {
			itemIndex,
			description:
				'Nothing was deleted. Check that the ID is a contact of the workspace in the Plazbot API credential (Contact → Get Many lists them); a contact deleted before is no longer found.',
		});
	}
	return { deleted: true, id: contactId };
}

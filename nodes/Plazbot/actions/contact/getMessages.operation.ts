import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asLocatorId } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { MESSAGE_PATH } from '../../transport/apiContract';
import { collectList } from '../../transport/pagination';
import { returnAllOrLimit } from '../common.descriptions';
import { readLimit } from '../common.runtime';
import { contactLocatorField } from './contact.common';

const properties: INodeProperties[] = [
	{ ...contactLocatorField, description: 'The contact whose messages to get' },
	...returnAllOrLimit,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getMessages'] } },
	properties,
);

/**
 * A contact's messages, one item each, following Plazbot's continuation tokens to the end or the
 * Limit.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject[]> {
	const contactId = asLocatorId(this.getNodeParameter('contactId', itemIndex, ''), 'Contact');
	return await collectList(
		client,
		{ method: 'GET', path: MESSAGE_PATH, qs: { contactId } },
		readLimit(this, itemIndex),
		itemIndex,
	);
}

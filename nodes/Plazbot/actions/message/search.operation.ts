import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asOptionalLocatorId, asRequiredText, definedFields } from '../../helpers/parameters';
import { recordsIn } from '../../helpers/records';
import type { PlazbotClient } from '../../transport/client';
import { MESSAGE_SEARCH_PATH } from '../../transport/apiContract';
import { contactOption, returnAllOrLimit } from '../common.descriptions';
import { readLimit } from '../common.runtime';

const properties: INodeProperties[] = [
	{
		displayName: 'Search Text',
		name: 'query',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'pricing',
		description: 'The text to look for in the messages',
	},
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [{ ...contactOption, description: 'Only the messages of this contact' }],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['search'] } },
	properties,
);

/**
 * Plazbot answers every match at once (no paging is documented), as a list or `{ data: [..] }`;
 * Limit cuts the list.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {
		query: asRequiredText(this.getNodeParameter('query', itemIndex, ''), 'Search Text'),
		workspaceId: client.workspaceId,
		...definedFields({ contactId: asOptionalLocatorId(filters.contactId, 'Contact') }),
	};
	const data = await client.requestData(
		{ method: 'GET', path: MESSAGE_SEARCH_PATH, qs },
		itemIndex,
	);
	const messages = recordsIn(data, 'message search');
	const limit = readLimit(this, itemIndex);
	return limit === undefined ? messages : messages.slice(0, limit);
}

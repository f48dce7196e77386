import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PlazbotClient } from '../../transport/client';
import { listTemplates } from '../../methods/templates';
import { returnAllOrLimit } from '../common.descriptions';
import { readLimit } from '../common.runtime';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Approved', value: 'APPROVED' },
					{ name: 'Pending', value: 'PENDING' },
					{ name: 'Rejected', value: 'REJECTED' },
				],
				default: 'APPROVED',
				description: 'Only templates with this Meta review status (approved ones can be sent)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['getMany'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject[]> {
	const status = (this.getNodeParameter('filters', itemIndex, {}) as IDataObject).status;
	const limit = readLimit(this, itemIndex);
	const templates = (await listTemplates(client)).filter(
		(template) => !status || String(template.status ?? '').toUpperCase() === status,
	);
	return limit === undefined ? templates : templates.slice(0, limit);
}

// The hub's "Create Activity for Opportunity" page is not readable: the body's fields (content,
// categoryType, date) are those of Plazbot's activity records; the path is in apiContract.ts.
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asLocatorId, asOptionalDateTime, asOptionalText, asRequiredText, definedFields } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport';
import { opportunityActivityPath } from '../../transport/apiContract';
import { opportunityLocator } from '../common.descriptions';
import { envelopeOutput } from '../output';

const properties: INodeProperties[] = [
	opportunityLocator,
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'Called the customer; demo booked for Friday',
		description: 'What happened, as it appears in the opportunity history',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Category',
				name: 'categoryType',
				type: 'string',
				default: '',
				placeholder: 'Calls',
				description: 'Kind of activity as Plazbot names it, for example Calls',
			},
			{
				displayName: 'Date',
				name: 'date',
				type: 'dateTime',
				default: '',
				description: 'When the activity took place; Plazbot uses the time of the request when empty',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['opportunity'], operation: ['addActivity'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const opportunityId = asLocatorId(this.getNodeParameter('opportunityId', itemIndex, ''), 'Opportunity');
	const body: IDataObject = {
		workspaceId: client.workspaceId,
		content: asRequiredText(this.getNodeParameter('content', itemIndex, ''), 'Content'),
	};
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	Object.assign(
		body,
		definedFields({
			categoryType: asOptionalText(extra.categoryType, 'Category'),
			date: asOptionalDateTime(extra.date, 'Date', this.getTimezone()),
		}),
	);
	return envelopeOutput(
		await client.request({ method: 'POST', path: opportunityActivityPath(opportunityId), body }, itemIndex),
	);
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	asOptionalDateTime,
	asOptionalLocatorId,
	asOptionalText,
	asRequiredText,
	definedFields,
} from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { TASK_PATH } from '../../transport/apiContract';
import { contactOption } from '../common.descriptions';
import { envelopeOutput } from '../output';
import { userLocator, withPickersFromVersion2 } from '../pickers.descriptions';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Send the quote',
		description: 'Name of the task',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 2 },
		required: true,
		default: '',
		description: 'What has to be done',
	},
	...withPickersFromVersion2(
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Assigned User ID',
					name: 'assignedUserId',
					type: 'string',
					default: '',
					description:
						'Plazbot user ID of the person who must do the task. User → Get by Email gives it.',
				},
				contactOption,
				{
					displayName: 'Expiration Date',
					name: 'expirationDate',
					type: 'dateTime',
					default: '',
					description: 'When the task is due',
				},
				{
					displayName: 'Notes',
					name: 'notes',
					type: 'string',
					typeOptions: { rows: 2 },
					default: '',
					description: 'Additional notes on the task',
				},
			],
		},
		{
			assignedUserId: userLocator(
				'assignedUserId',
				'Assigned User',
				'The Plazbot user who must do the task',
			),
		},
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['create'] } },
	properties,
);

/** Running it again sends or creates again: refuses n8n's Retry On Fail. */
export const sendsOrCreates = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const body: IDataObject = {
		workspaceId: client.workspaceId,
		name: asRequiredText(this.getNodeParameter('name', itemIndex, ''), 'Name'),
		description: asRequiredText(this.getNodeParameter('description', itemIndex, ''), 'Description'),
	};
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	Object.assign(
		body,
		definedFields({
			notes: asOptionalText(extra.notes, 'Notes'),
			expirationDate: asOptionalDateTime(
				extra.expirationDate,
				'Expiration Date',
				this.getTimezone(),
			),
			assignedUserId: asOptionalLocatorId(extra.assignedUserId, 'Assigned User ID'),
			contactId: asOptionalLocatorId(extra.contactId, 'Contact'),
		}),
	);
	return envelopeOutput(await client.request({ method: 'POST', path: TASK_PATH, body }, itemIndex));
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	asOptionalLocatorId,
	asRequiredNumber,
	asRequiredText,
	definedFields,
} from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { OPPORTUNITY_PATH } from '../../transport/apiContract';
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
		placeholder: 'Annual plan - ACME',
		description: 'Name of the opportunity as it appears on the sales board',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 2 },
		required: true,
		default: '',
		description: 'What the opportunity is about',
	},
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		typeOptions: { numberPrecision: 2 },
		required: true,
		default: 0,
		description: 'Expected value of the opportunity',
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
					displayName: 'Assigned Salesperson ID',
					name: 'assignedComercialId',
					type: 'string',
					default: '',
					description:
						'Plazbot user ID of the salesperson in charge. User → Get by Email gives it.',
				},
				contactOption,
			],
		},
		{
			assignedComercialId: userLocator(
				'assignedComercialId',
				'Assigned Salesperson',
				'The Plazbot user in charge of the opportunity',
			),
		},
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['opportunity'], operation: ['create'] } },
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
		amount: asRequiredNumber(this.getNodeParameter('amount', itemIndex, undefined), 'Amount'),
	};
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	Object.assign(
		body,
		definedFields({
			assignedComercialId: asOptionalLocatorId(
				extra.assignedComercialId,
				'Assigned Salesperson ID',
			),
			contactId: asOptionalLocatorId(extra.contactId, 'Contact'),
		}),
	);
	return envelopeOutput(
		await client.request({ method: 'POST', path: OPPORTUNITY_PATH, body }, itemIndex),
	);
}

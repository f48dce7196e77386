import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import {
	asLocatorId,
	asOptionalDateTime,
	asOptionalLocatorId,
	asOptionalText,
	asRequiredNumber,
} from '../../helpers/parameters';
import { isRecord } from '../../helpers/records';
import type { PlazbotClient } from '../../transport/client';
import { OPPORTUNITY_CUSTOM_FIELDS_FIELD, OPPORTUNITY_PATH } from '../../transport/apiContract';
import { contactOption, opportunityLocator } from '../common.descriptions';
import { envelopeOutput } from '../output';
import { stageLocator, userLocator } from '../pickers.descriptions';

const properties: INodeProperties[] = [
	opportunityLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The fields to change; fields not added here keep their value',
		options: [
			{
				displayName: 'Amount',
				name: 'amount',
				type: 'number',
				typeOptions: { numberPrecision: 2 },
				default: 0,
				description: 'Value of the deal',
			},
			userLocator(
				'assignedAgentId',
				'Assigned Sales Rep',
				'The Plazbot user in charge of the opportunity',
			),
			contactOption,
			{
				displayName: 'Custom Fields',
				name: 'customFields',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Custom Field',
				default: {},
				description:
					"Values of the workspace's custom opportunity fields, each by the field's name as set up in Plazbot",
				options: [
					{
						displayName: 'Field',
						name: 'field',
						values: [
							{
								displayName: 'Name',
								name: 'name',
								type: 'string',
								default: '',
								placeholder: 'e.g. source',
								description: "The custom field's name in Plazbot",
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								default: '',
								description: 'The value to set',
							},
						],
					},
				],
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: 'Description of the opportunity',
			},
			{
				displayName: 'Expiration Date',
				name: 'expirationDate',
				type: 'dateTime',
				default: '',
				description: 'When the opportunity expires',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Name of the opportunity',
			},
			stageLocator('The pipeline stage to move the opportunity to'),
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['opportunity'], operation: ['update'] } },
	properties,
);

/**
 * `customFields: [{ name, value }]` (docs opportunity/update); rows without a name are left out.
 */
function customFieldsOf(raw: unknown): IDataObject[] | undefined {
	const rows = isRecord(raw) && Array.isArray(raw.field) ? raw.field.filter(isRecord) : [];
	const fields = rows.flatMap((row, index) => {
		const name = asOptionalText(row.name, `Custom Fields → Name (row ${index + 1})`);
		if (name === undefined) return [];
		const value = row.value === undefined || row.value === null ? '' : row.value;
		if (typeof value === 'object')
			throw new InvalidInput(
				`Custom Fields → Value of "${name}"`,
				'must be text, a number or true/false',
				'Map a single value, for example {{ $json.source }}.',
			);
		return [{ name, value: value as string | number | boolean }];
	});
	return fields.length ? fields : undefined;
}

/** Only the fields the user set, each under its own name, as Update Contact sends them. */
export function buildUpdateOpportunityBody(fields: IDataObject, timeZone: string): IDataObject {
	const body: IDataObject = {};
	const set = (name: string, value: unknown) => {
		if (value !== undefined) body[name] = value;
	};
	set('name', asOptionalText(fields.name, 'Name'));
	set('description', asOptionalText(fields.description, 'Description'));
	if (fields.amount !== undefined && fields.amount !== '')
		set('amount', asRequiredNumber(fields.amount, 'Amount'));
	set('stageId', asOptionalLocatorId(fields.stageId, 'Stage'));
	set('assignedAgentId', asOptionalLocatorId(fields.assignedAgentId, 'Assigned Sales Rep'));
	set('expirationDate', asOptionalDateTime(fields.expirationDate, 'Expiration Date', timeZone));
	set('contactId', asOptionalLocatorId(fields.contactId, 'Contact'));
	set(OPPORTUNITY_CUSTOM_FIELDS_FIELD, customFieldsOf(fields.customFields));
	if (Object.keys(body).length === 0) {
		throw new InvalidInput(
			'Update Fields',
			'has no field with a value',
			'Add at least one field to change and give it a value.',
		);
	}
	return body;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const opportunityId = asLocatorId(
		this.getNodeParameter('opportunityId', itemIndex, ''),
		'Opportunity',
	);
	const body = buildUpdateOpportunityBody(
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
		this.getTimezone(),
	);
	const envelope = await client.request(
		{
			method: 'PUT',
			path: OPPORTUNITY_PATH,
			qs: { id: opportunityId, workspaceId: client.workspaceId },
			body,
		},
		itemIndex,
	);
	// Documented answer: `data: { id, oportunity }` (sic); the record itself is output.
	const data = envelope.data as IDataObject | undefined;
	const record = data?.oportunity ?? data?.opportunity;
	return isRecord(record) ? record : envelopeOutput(envelope);
}

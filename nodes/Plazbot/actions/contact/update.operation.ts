import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { asLocatorId, asOptionalEmail, asOptionalLocatorId } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { CONTACT_PATH } from '../../transport/apiContract';
import { envelopeOutput } from '../output';
import {
	segmentationLocator,
	stageLocator,
	withPickersFromVersion2,
} from '../pickers.descriptions';
import { contactLocatorField, contactsIn } from './contact.common';

const properties: INodeProperties[] = [
	contactLocatorField,
	...withPickersFromVersion2(
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'The fields to change; fields not added here keep their value',
			options: [
				{
					displayName: 'Email',
					name: 'email',
					type: 'string',
					placeholder: 'name@email.com',
					default: '',
					description: "The contact's email address",
				},
				{
					displayName: 'Last Name',
					name: 'lastname',
					type: 'string',
					default: '',
					description: "The contact's last name",
				},
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					description: "The contact's first name",
				},
				{
					displayName: 'Segmentation ID',
					name: 'segmentationId',
					type: 'string',
					default: '',
					description:
						'ID of the segmentation to put the contact in. Workspace → Get lists the segmentations.',
				},
				{
					displayName: 'Stage ID',
					name: 'stageId',
					type: 'string',
					default: '',
					description:
						'ID of the pipeline stage to move the contact to. Workspace → Get lists the stages.',
				},
			],
		},
		{
			stageId: stageLocator('The pipeline stage to move the contact to'),
			segmentationId: segmentationLocator('The segmentation to put the contact in'),
		},
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['update'] } },
	properties,
);

/** The only fields Plazbot's Update Contact changes, each sent under its own name. */
const UPDATABLE_FIELDS: Array<{ name: string; label: string }> = [
	{ name: 'name', label: 'Name' },
	{ name: 'lastname', label: 'Last Name' },
	{ name: 'email', label: 'Email' },
	{ name: 'stageId', label: 'Stage ID' },
	{ name: 'segmentationId', label: 'Segmentation ID' },
];

/** Only the fields the user set; an update that would change nothing is refused before sending. */
export function buildUpdateContactBody(updateFields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const { name, label } of UPDATABLE_FIELDS) {
		const value =
			name === 'email'
				? asOptionalEmail(updateFields[name], label)
				: asOptionalLocatorId(updateFields[name], label);
		if (value !== undefined) body[name] = value;
	}
	if (Object.keys(body).length === 0) {
		throw new InvalidInput(
			'Update Fields',
			'has no field with a value',
			`Add at least one of ${UPDATABLE_FIELDS.map((field) => field.label).join(', ')} and give it a value.`,
		);
	}
	return body;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const contactId = asLocatorId(this.getNodeParameter('contactId', itemIndex, ''), 'Contact');
	const body = buildUpdateContactBody(
		this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
	);
	const envelope = await client.request(
		{
			method: 'PUT',
			path: CONTACT_PATH,
			qs: { id: contactId, workspaceId: client.workspaceId },
			body,
		},
		itemIndex,
	);
	return contactsIn(envelope.data)[0] ?? envelopeOutput(envelope);
}

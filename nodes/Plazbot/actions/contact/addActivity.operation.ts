import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asLocatorId, asRequiredLongText } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { contactActivitiesPath } from '../../transport/apiContract';
import { envelopeOutput } from '../output';
import { contactLocatorField } from './contact.common';

// Plazbot publishes no limit for activity text; this cap only catches a whole record mapped by
// mistake.
const MAX_ACTIVITY_LENGTH = 5000;

const properties: INodeProperties[] = [
	contactLocatorField,
	{
		displayName: 'Activity',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'Invoice #12345 issued',
		description: "The note to record in the contact's activity history in Plazbot",
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['addActivity'] } },
	properties,
);

/** Running it again sends or creates again: refuses n8n's Retry On Fail. */
export const sendsOrCreates = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const contactId = asLocatorId(this.getNodeParameter('contactId', itemIndex, ''), 'Contact');
	const content = asRequiredLongText(
		this.getNodeParameter('content', itemIndex, ''),
		'Activity',
		MAX_ACTIVITY_LENGTH,
	);
	const envelope = await client.request(
		{
			method: 'POST',
			path: contactActivitiesPath(contactId),
			body: { workspaceId: client.workspaceId, content },
		},
		itemIndex,
	);
	// Plazbot answers with no data; the contact ID lets later nodes tell which contact it was.
	return { contactId, ...envelopeOutput(envelope) };
}

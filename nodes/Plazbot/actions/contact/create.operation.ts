import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import {
	asEmail,
	asOptionalEmail,
	asOptionalLocatorId,
	asOptionalText,
	asRequiredText,
	asWhatsappNumber,
	definedFields,
} from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { CONTACT_PATH } from '../../transport/apiContract';
import { emailField } from '../common.descriptions';
import { envelopeOutput } from '../output';
import { stageLocator, withPickersFromVersion2 } from '../pickers.descriptions';
import { CHANNEL_CODES, channelOptions, contactsIn } from './contact.common';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Ana',
		description: "The contact's first name",
	},
	{
		displayName: 'Channel',
		name: 'platformId',
		type: 'options',
		required: true,
		options: channelOptions,
		default: 2,
		description:
			'The channel the contact talks to you on. WhatsApp contacts need their number; other channels need an email.',
	},
	{
		displayName: 'WhatsApp Number',
		name: 'internalWhatsappNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+51 987 654 321',
		displayOptions: { show: { platformId: [CHANNEL_CODES.whatsapp] } },
		description:
			"The contact's WhatsApp number with country code. Spaces, dashes, dots, parentheses and a leading + or 00 are removed before sending.",
	},
	{
		...emailField(
			"The contact's email address; Plazbot requires it for channels other than WhatsApp",
		),
		displayOptions: { hide: { platformId: [CHANNEL_CODES.whatsapp] } },
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
					displayName: 'Email',
					name: 'email',
					type: 'string',
					placeholder: 'name@email.com',
					default: '',
					displayOptions: { show: { '/platformId': [CHANNEL_CODES.whatsapp] } },
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
					displayName: 'Stage ID',
					name: 'stageId',
					type: 'string',
					default: '',
					description:
						'ID of the pipeline stage to put the contact in. Workspace → Get lists the stages.',
				},
			],
		},
		{ stageId: stageLocator('The pipeline stage to put the contact in') },
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	properties,
);

export interface CreateContactInput {
	name: unknown;
	platformId: unknown;
	internalWhatsappNumber?: unknown;
	email?: unknown;
	additionalFields?: IDataObject;
}

/** Plazbot's rule: WhatsApp contacts are identified by their number, all others by their email. */
export function buildCreateContactBody(
	input: CreateContactInput,
	workspaceId: string,
): IDataObject {
	const platformId = asChannel(input.platformId);
	const extra = input.additionalFields ?? {};
	const body: IDataObject = {
		workspaceId,
		name: asRequiredText(input.name, 'Name', "Fill in the contact's name."),
		platformId,
	};
	if (platformId === CHANNEL_CODES.whatsapp) {
		body.internalWhatsappNumber = asWhatsappNumber(input.internalWhatsappNumber, 'WhatsApp Number');
		const email = asOptionalEmail(extra.email, 'Email');
		if (email) body.email = email;
	} else {
		body.email = asEmail(
			input.email,
			'Email',
			'Plazbot needs an email for contacts on channels other than WhatsApp.',
		);
	}
	Object.assign(
		body,
		definedFields({
			lastname: asOptionalText(extra.lastname, 'Last Name'),
			stageId: asOptionalLocatorId(extra.stageId, 'Stage ID'),
		}),
	);
	return body;
}

function asChannel(value: unknown): number {
	const code = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof code === 'number' && Object.values(CHANNEL_CODES).includes(code as never)) return code;
	throw new InvalidInput(
		'Channel',
		`"${String(value)}" is not a Plazbot channel code`,
		'Choose Webchat (1), WhatsApp (2), Messenger (3), Instagram (4) or Telegram (5).',
	);
}

/** Running it again sends or creates again: refuses n8n's Retry On Fail. */
export const sendsOrCreates = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const platformId = this.getNodeParameter('platformId', itemIndex, CHANNEL_CODES.whatsapp);
	const whatsapp = Number(platformId) === CHANNEL_CODES.whatsapp;
	const body = buildCreateContactBody(
		{
			name: this.getNodeParameter('name', itemIndex, ''),
			platformId,
			// Only the field shown for the chosen channel is read: the other one may hold a stale value.
			internalWhatsappNumber: whatsapp
				? this.getNodeParameter('internalWhatsappNumber', itemIndex, '')
				: undefined,
			email: whatsapp ? undefined : this.getNodeParameter('email', itemIndex, ''),
			additionalFields: this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
		},
		client.workspaceId,
	);
	const envelope = await client.request({ method: 'POST', path: CONTACT_PATH, body }, itemIndex);
	// Create's answer is undocumented; Update's is `{ id, contact }`. Either way the contact itself
	// is output.
	return contactsIn(envelope.data)[0] ?? envelopeOutput(envelope);
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	asOptionalLocatorId,
	asOptionalText,
	asRequiredLongText,
	asWhatsappNumber,
	definedFields,
} from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { SEND_MESSAGE_PATH } from '../../transport/apiContract';
import { contactLocator } from '../common.descriptions';
import { envelopeOutput } from '../output';

/** WhatsApp refuses text messages longer than this. */
export const WHATSAPP_TEXT_MAX_LENGTH = 4096;

const properties: INodeProperties[] = [
	{
		displayName:
			"WhatsApp delivers a free-text message only within 24 hours of the customer's last message. Outside that window, use Send Conversation to send an approved template.",
		name: 'serviceWindowNotice',
		type: 'notice',
		default: '',
	},
	contactLocator(
		'The Plazbot contact the message belongs to. Optional: Plazbot finds the contact by the Recipient Phone.',
		false,
	),
	{
		displayName: 'Recipient Phone',
		name: 'recipientPhone',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+51 987 654 321',
		description:
			"The contact's WhatsApp number with country code. Spaces, dashes, dots, parentheses and a leading + or 00 are removed before sending.",
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		required: true,
		typeOptions: { rows: 4 },
		default: '',
		description: `The text of the message, up to ${WHATSAPP_TEXT_MAX_LENGTH} characters`,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'External Reference ID',
				name: 'externalReferenceId',
				type: 'string',
				default: '',
				description:
					'Your own ID for this message, stored with it, for example to recognise duplicates',
			},
			{
				displayName: 'Sending Agent ID',
				name: 'agentSendedId',
				type: 'string',
				default: '',
				description: 'ID of the Plazbot agent shown as the sender of the message',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendMessage'] } },
	properties,
);

export interface SendMessageInput {
	contactId: unknown;
	content: unknown;
	recipientPhone: unknown;
	additionalFields?: IDataObject;
}

/**
 * The request body of Send Message, from the node's parameters as n8n hands them over. Plazbot's
 * SDK 1.1.5 sends workspaceId, recipientPhone and content; contactId is optional (apiContract.ts).
 * Content is capped at WhatsApp's text limit.
 */
export function buildSendMessageBody(input: SendMessageInput, workspaceId: string): IDataObject {
	const contactId = asOptionalLocatorId(input.contactId, 'Contact');
	const body: IDataObject = {
		...(contactId ? { contactId } : {}),
		content: asRequiredLongText(
			input.content,
			'Content',
			WHATSAPP_TEXT_MAX_LENGTH,
			'Enter the text of the message.',
		),
		recipientPhone: asWhatsappNumber(input.recipientPhone, 'Recipient Phone'),
		workspaceId,
	};
	const extra = input.additionalFields ?? {};
	Object.assign(
		body,
		definedFields({
			externalReferenceId: asOptionalText(extra.externalReferenceId, 'External Reference ID'),
			agentSendedId: asOptionalText(extra.agentSendedId, 'Sending Agent ID'),
		}),
	);
	return body;
}

/** Running it again sends or creates again: refuses n8n's Retry On Fail. */
export const sendsOrCreates = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const body = buildSendMessageBody(
		{
			contactId: this.getNodeParameter('contactId', itemIndex, ''),
			content: this.getNodeParameter('content', itemIndex, ''),
			recipientPhone: this.getNodeParameter('recipientPhone', itemIndex, ''),
			additionalFields: this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
		},
		client.workspaceId,
	);
	const envelope = await client.request(
		{ method: 'POST', path: SEND_MESSAGE_PATH, body },
		itemIndex,
	);
	return envelopeOutput(envelope);
}

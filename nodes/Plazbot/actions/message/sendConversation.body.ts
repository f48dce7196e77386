import type { IDataObject } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import {
	asOptionalText,
	asRequiredText,
	asWhatsappNumber,
	definedFields,
	locatorValue,
} from '../../helpers/parameters';
import { SEND_TYPE_BODY_FIELDS, SEND_TYPE_CODES, type SendType } from '../../transport/apiContract';
import {
	joinVariables,
	mappedTemplateFields,
	refuseMissingTemplateFields,
	templateVariables,
	WHATSAPP_BODY_VARIABLE_MAX,
	WHATSAPP_HEADER_VARIABLE_MAX,
} from './sendConversation.variables';

export interface SendConversationInput {
	template: unknown;
	destination: unknown;
	sendType: unknown;
	campaignName?: unknown;
	variablesBody?: unknown;
	variablesHeader?: unknown;
	/**
	 * Version 2's Template Variables (a resource mapper): `{ value: { 'body:1': 'Ana', 'file:fileUrl':
	 * … } }`.
	 */
	templateFields?: unknown;
	additionalFields?: IDataObject;
}

/** The request body of Send Conversation, from the node's parameters as n8n hands them over. */
export function buildSendConversationBody(
	input: SendConversationInput,
	workspaceId: string,
): IDataObject {
	const sendType = asSendType(input.sendType);
	const body: IDataObject = {
		workspaceId,
		template: asRequiredText(
			locatorValue(input.template),
			'Template Name',
			'Enter the name of an approved WhatsApp template.',
		),
		destination: asWhatsappNumber(input.destination, 'Destination'),
	};
	const mapped = mappedTemplateFields(input.templateFields);
	const variablesBody = joinVariables(
		templateVariables(input.variablesBody, 'Body Variables', WHATSAPP_BODY_VARIABLE_MAX),
		mapped.body,
		'Body',
	);
	const variablesHeader = joinVariables(
		templateVariables(input.variablesHeader, 'Header Variables', WHATSAPP_HEADER_VARIABLE_MAX),
		mapped.header,
		'Header',
	);
	if (variablesBody.length) body.variablesBody = variablesBody;
	if (variablesHeader.length) body.variablesHeader = variablesHeader;
	for (const field of SEND_TYPE_BODY_FIELDS) body[field] = SEND_TYPE_CODES[sendType];

	const extra = input.additionalFields ?? {};
	const fileUrl = oneOf(asOptionalText(extra.fileUrl, 'File URL'), mapped.fileUrl, 'File URL');
	const fileName = oneOf(asOptionalText(extra.fileName, 'File Name'), mapped.fileName, 'File Name');
	refuseMissingTemplateFields(mapped.missing, {
		body: variablesBody,
		header: variablesHeader,
		fileUrl,
	});
	if (fileName && !fileUrl)
		throw new InvalidInput(
			'File Name',
			'is set but File URL is empty',
			'Add the File URL of the media, or remove File Name.',
		);
	return Object.assign(
		body,
		definedFields({
			campaignName:
				sendType === 'individual' ? undefined : asOptionalText(input.campaignName, 'Campaign Name'),
			file: fileUrl ? definedFields({ fileUrl, fileName }) : undefined,
			reference1: asOptionalText(extra.reference1, 'Reference 1'),
			reference2: asOptionalText(extra.reference2, 'Reference 2'),
			reference3: asOptionalText(extra.reference3, 'Reference 3'),
		}),
	);
}

function oneOf(
	fromAdditional: string | undefined,
	fromMapper: string | undefined,
	label: string,
): string | undefined {
	if (fromAdditional !== undefined && fromMapper !== undefined && fromAdditional !== fromMapper) {
		throw new InvalidInput(
			label,
			'is set both in Template Variables and in Additional Fields, with different values',
			'Keep one of the two values.',
		);
	}
	return fromMapper ?? fromAdditional;
}

function asSendType(value: unknown): SendType {
	if (typeof value === 'string' && value in SEND_TYPE_CODES) return value as SendType;
	throw new InvalidInput(
		'Send Type',
		`"${String(value)}" is not one of ${Object.keys(SEND_TYPE_CODES).join(', ')}`,
		'Choose Campaign, Individual or API.',
	);
}

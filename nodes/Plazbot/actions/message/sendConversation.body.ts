import type { IDataObject } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { characterName } from '../../helpers/phone';
import {
	asOptionalText,
	asRequiredText,
	asWhatsappNumber,
	definedFields,
	locatorValue,
} from '../../helpers/parameters';
import { SEND_TYPE_BODY_FIELD, SEND_TYPE_CODES, type SendType } from '../../transport/apiContract';
import { TEMPLATE_FIELD_PREFIX } from '../../methods/templates';

/** WhatsApp's limits for template variable values, in characters (code points, not UTF-16 units). */
export const WHATSAPP_BODY_VARIABLE_MAX = 1024;
export const WHATSAPP_HEADER_VARIABLE_MAX = 60;

/**
 * Why WhatsApp would refuse a template variable's value (Meta error 132018 for line breaks and
 * tabs, 131008 for more than four consecutive spaces, and the length limits): refused here, before
 * sending, with the field named, instead of a failed delivery Plazbot reports later.
 */
export function whatsappVariableProblem(
	value: string,
	maxCharacters: number,
): { problem: string; hint: string } | undefined {
	const control = /[\n\r\t\u2028\u2029]/.exec(value)?.[0];
	if (control !== undefined) {
		return {
			problem: `contains ${characterName(control)}; WhatsApp refuses line breaks and tabs in template variables`,
			hint: 'Replace line breaks and tabs with spaces, for example {{ $json.text.replace(/\\s+/g, " ") }}.',
		};
	}
	const spaces = / {5,}/.exec(value)?.[0];
	if (spaces !== undefined) {
		return {
			problem: `has ${spaces.length} spaces in a row; WhatsApp accepts at most 4 consecutive spaces in a template variable`,
			hint: 'Collapse the spaces, for example {{ $json.text.replace(/ {5,}/g, " ") }}.',
		};
	}
	const length = [...value].length;
	if (length > maxCharacters) {
		return {
			problem: `is ${length} characters long; WhatsApp accepts at most ${maxCharacters} in this variable`,
			hint: 'Shorten the value.',
		};
	}
	return undefined;
}

export interface SendConversationInput {
	template: unknown;
	destination: unknown;
	sendType: unknown;
	campaignName?: unknown;
	variablesBody?: unknown;
	variablesHeader?: unknown;
	/** Version 2's Template Variables (a resource mapper): `{ value: { 'body:1': 'Ana', 'file:fileUrl': … } }`. */
	templateFields?: unknown;
	additionalFields?: IDataObject;
}

export interface TemplateVariable {
	variable: string;
	value: string;
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
	body[SEND_TYPE_BODY_FIELD] = SEND_TYPE_CODES[sendType];

	const extra = input.additionalFields ?? {};
	const fileUrl = oneOf(asOptionalText(extra.fileUrl, 'File URL'), mapped.fileUrl, 'File URL');
	const fileName = oneOf(asOptionalText(extra.fileName, 'File Name'), mapped.fileName, 'File Name');
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

interface MappedTemplateFields {
	header: TemplateVariable[];
	body: TemplateVariable[];
	fileUrl?: string;
	fileName?: string;
}

/** Version 2's Template Variables, by the field IDs methods/templates.ts gives them; blank ones are left out. */
export function mappedTemplateFields(raw: unknown): MappedTemplateFields {
	const result: MappedTemplateFields = { header: [], body: [] };
	const values = (raw as { value?: unknown } | undefined)?.value;
	if (typeof values !== 'object' || values === null) return result;
	const entries = Object.entries(values as Record<string, unknown>).sort(([a], [b]) =>
		a.localeCompare(b, 'en', { numeric: true }),
	);
	for (const [id, rawValue] of entries) {
		const [placement, name] = [id.slice(0, id.indexOf(':') + 1), id.slice(id.indexOf(':') + 1)];
		if (placement === TEMPLATE_FIELD_PREFIX.file) {
			const label = name === 'fileName' ? 'File Name' : 'File URL';
			const value = asOptionalText(rawValue, `Template Variables "${label}"`);
			if (name === 'fileName') result.fileName = value;
			else result.fileUrl = value;
			continue;
		}
		const side =
			placement === TEMPLATE_FIELD_PREFIX.header
				? 'header'
				: placement === TEMPLATE_FIELD_PREFIX.body
					? 'body'
					: undefined;
		if (!side) continue;
		const label = `Template Variables "${side === 'header' ? 'Header' : 'Body'} {{${name}}}"`;
		const value = asOptionalText(rawValue, label);
		if (value === undefined) continue;
		const problem = whatsappVariableProblem(
			value,
			side === 'header' ? WHATSAPP_HEADER_VARIABLE_MAX : WHATSAPP_BODY_VARIABLE_MAX,
		);
		if (problem) throw new InvalidInput(label, problem.problem, problem.hint);
		result[side].push({ variable: name, value });
	}
	return result;
}

/** The fixed-collection variables and the mapped ones together; one variable given in both is refused. */
function joinVariables(
	listed: TemplateVariable[],
	mapped: TemplateVariable[],
	placement: string,
): TemplateVariable[] {
	const twice = mapped.find((entry) => listed.some((other) => other.variable === entry.variable));
	if (twice) {
		throw new InvalidInput(
			`${placement} variable "${twice.variable}"`,
			`is set both in Template Variables and in ${placement} Variables`,
			'Keep one of the two values.',
		);
	}
	return [...listed, ...mapped];
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

/**
 * Entries left blank are skipped; a value without a name, or a name without a value, is refused,
 * and so is a value WhatsApp would refuse (see whatsappVariableProblem).
 */
export function templateVariables(
	raw: unknown,
	field: string,
	maxCharacters = WHATSAPP_BODY_VARIABLE_MAX,
): TemplateVariable[] {
	const entries = (raw as { variable?: unknown } | undefined)?.variable;
	if (entries === undefined || entries === null) return [];
	if (!Array.isArray(entries))
		throw new InvalidInput(
			field,
			'must be a list of variables',
			'Add each variable with its own Name and Value.',
		);
	const variables: TemplateVariable[] = [];
	entries.forEach((entry: { variable?: unknown; value?: unknown }, position) => {
		const label = `${field} #${position + 1}`;
		const name = asOptionalText(entry?.variable, `${label} Name`);
		const value = asOptionalText(entry?.value, name ? `${field} "${name}"` : `${label} Value`);
		if (!name && value === undefined) return;
		if (!name)
			throw new InvalidInput(
				`${label}`,
				'has a value but no name',
				'Give the variable its name from the template, for example 1.',
			);
		if (value === undefined) {
			throw new InvalidInput(
				`${field} "${name}"`,
				`has no value${describeEmpty(entry?.value)}`,
				'Map a value, or remove the variable.',
			);
		}
		const problem = whatsappVariableProblem(value, maxCharacters);
		if (problem) throw new InvalidInput(`${field} "${name}"`, problem.problem, problem.hint);
		variables.push({ variable: name, value });
	});
	return variables;
}

function describeEmpty(value: unknown): string {
	if (value === null) return ' (the expression gave null)';
	if (value === undefined) return ' (the expression gave nothing)';
	return '';
}

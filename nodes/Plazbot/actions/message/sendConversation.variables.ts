import { InvalidInput } from '../../helpers/errors';
import { characterName } from '../../helpers/phone';
import { asOptionalText } from '../../helpers/parameters';
import { TEMPLATE_FIELD_PREFIX } from '../../methods/templates';

/*
 * Template variables, as both node versions give them: version 1's Body and Header Variables
 * (fixed collections), version 2's Template Variables (a resource mapper); each value checked
 * against WhatsApp's rules before sending.
 */

/**
 * WhatsApp's limits for template variable values, in characters (code points, not UTF-16 units).
 */
export const WHATSAPP_BODY_VARIABLE_MAX = 1024;
export const WHATSAPP_HEADER_VARIABLE_MAX = 60;

/**
 * A value WhatsApp would refuse in a template variable (Meta error 132018 for line breaks and
 * tabs, 131008 for more than four consecutive spaces, and the length limits) is refused here,
 * before sending, with the field named, instead of a failed delivery Plazbot reports later.
 */
function refuseWhatsappProblem(value: string, maxCharacters: number, field: string): void {
	const problem = whatsappVariableProblem(value, maxCharacters);
	if (problem) throw new InvalidInput(field, problem.problem, problem.hint);
}

function whatsappVariableProblem(
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

export interface TemplateVariable {
	variable: string;
	value: string;
}

/**
 * Entries left blank are skipped; a value without a name, or a name without a value, is refused,
 * and so is a value WhatsApp would refuse (see refuseWhatsappProblem).
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
		refuseWhatsappProblem(value, maxCharacters, `${field} "${name}"`);
		variables.push({ variable: name, value });
	});
	return variables;
}

function describeEmpty(value: unknown): string {
	if (value === null) return ' (the expression gave null)';
	if (value === undefined) return ' (the expression gave nothing)';
	return '';
}

export interface MappedTemplateFields {
	header: TemplateVariable[];
	body: TemplateVariable[];
	fileUrl?: string;
	fileName?: string;
	/**
	 * Fields the picker marks required that are empty: `{ id: 'body:1', label: 'Template Variables
	 * "Body {{1}}"' }`.
	 */
	missing: Array<{ id: string; label: string }>;
}

/** Field IDs in the picker's order: "body:2" before "body:10". One collator for every item. */
const byId = new Intl.Collator('en', { numeric: true }).compare;

/**
 * Version 2's Template Variables, by the field IDs methods/templates.ts gives them. Blank ones are
 * left out of the request; those the picker marks required (the saved `schema`; every header and
 * body variable and the File URL when the value carries no schema) are listed in `missing`.
 */
export function mappedTemplateFields(raw: unknown): MappedTemplateFields {
	const result: MappedTemplateFields = { header: [], body: [], missing: [] };
	// Version 1 has no Template Variables.
	if (raw === undefined || raw === null) return result;
	const values = (raw as { value?: unknown }).value;
	const given =
		typeof values === 'object' && values !== null ? (values as Record<string, unknown>) : {};
	for (const id of requiredTemplateFieldIds(raw, Object.keys(given)).sort(byId)) {
		if (asOptionalText(given[id], templateFieldLabel(id)) === undefined)
			result.missing.push({ id, label: templateFieldLabel(id) });
	}
	const entries = Object.entries(given).sort(([a], [b]) => byId(a, b));
	for (const [id, rawValue] of entries) {
		const [placement, name] = [id.slice(0, id.indexOf(':') + 1), id.slice(id.indexOf(':') + 1)];
		if (placement === TEMPLATE_FIELD_PREFIX.file) {
			const value = asOptionalText(rawValue, templateFieldLabel(id));
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
		const label = templateFieldLabel(id);
		const value = asOptionalText(rawValue, label);
		if (value === undefined) continue;
		const max = side === 'header' ? WHATSAPP_HEADER_VARIABLE_MAX : WHATSAPP_BODY_VARIABLE_MAX;
		refuseWhatsappProblem(value, max, label);
		result[side].push({ variable: name, value });
	}
	return result;
}

/**
 * A mapped field as the error names it: `Template Variables "Body {{1}}"`, `Template Variables
 * "File URL"`.
 */
function templateFieldLabel(id: string): string {
	const name = id.slice(id.indexOf(':') + 1);
	if (id.startsWith(TEMPLATE_FIELD_PREFIX.file))
		return `Template Variables "${name === 'fileName' ? 'File Name' : 'File URL'}"`;
	const side = id.startsWith(TEMPLATE_FIELD_PREFIX.header) ? 'Header' : 'Body';
	return `Template Variables "${side} {{${name}}}"`;
}

/**
 * The mapped fields the template needs. n8n saves the picker's fields with the value (`schema`,
 * each with `required`, and `removed` once taken out); n8n itself checks only fields missing
 * altogether, not an empty cell. Without a schema, every header and body variable and the File URL
 * given are taken as required, as the picker marks them.
 */
function requiredTemplateFieldIds(raw: unknown, givenIds: string[]): string[] {
	const schema = (raw as { schema?: unknown } | undefined)?.schema;
	if (Array.isArray(schema) && schema.length) {
		return schema
			.filter(
				(field: { id?: unknown; required?: unknown; removed?: unknown }) =>
					typeof field?.id === 'string' && field.required === true && field.removed !== true,
			)
			.map((field: { id: string }) => field.id);
	}
	return givenIds.filter(
		(id) =>
			id.startsWith(TEMPLATE_FIELD_PREFIX.header) ||
			id.startsWith(TEMPLATE_FIELD_PREFIX.body) ||
			id === `${TEMPLATE_FIELD_PREFIX.file}fileUrl`,
	);
}

/**
 * A variable or File URL the template needs that is empty is refused before sending: Plazbot
 * would send the template with the variables shifted (`[{2}]` for `{{1}}` empty), or a document
 * template without its document. One given in Body Variables, Header Variables or Additional
 * Fields instead counts as given.
 */
export function refuseMissingTemplateFields(
	missing: MappedTemplateFields['missing'],
	given: { body: TemplateVariable[]; header: TemplateVariable[]; fileUrl?: string },
): void {
	for (const { id, label } of missing) {
		const name = id.slice(id.indexOf(':') + 1);
		const filled = id.startsWith(TEMPLATE_FIELD_PREFIX.file)
			? name !== 'fileUrl' || given.fileUrl !== undefined
			: (id.startsWith(TEMPLATE_FIELD_PREFIX.header) ? given.header : given.body).some(
					(entry) => entry.variable === name,
				);
		if (filled) continue;
		throw new InvalidInput(
			label,
			name === 'fileUrl'
				? 'is empty, but the template has a media header and needs it'
				: 'is empty, but the template needs it',
			name === 'fileUrl'
				? 'Map the public URL of the image, video or document, or pick a template without a media header.'
				: 'Map a value for this variable: WhatsApp templates are sent with every variable filled.',
		);
	}
}

/**
 * The fixed-collection variables and the mapped ones together; one variable given in both is
 * refused.
 */
export function joinVariables(
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

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { asOptionalJson, asOptionalText, locatorValue } from '../../helpers/parameters';
import { isRecord } from '../../helpers/records';
import { TEMPLATE_CATEGORIES, TEMPLATE_TYPES } from '../../transport/apiContract';
import { idLocator } from '../common.descriptions';

/** The template picker by ID (Get, Update): the list Send Conversation's template picker reads. */
export const templateLocator: INodeProperties = idLocator({
	name: 'templateId',
	displayName: 'Template',
	searchListMethod: 'searchTemplateIds',
	description: 'The WhatsApp template, picked from the list or given by its ID',
});

export function readTemplateId(fns: IExecuteFunctions, itemIndex: number): string {
	const value = asOptionalText(
		locatorValue(fns.getNodeParameter('templateId', itemIndex, '')),
		'Template',
	);
	if (value === undefined)
		throw new InvalidInput(
			'Template',
			'is empty',
			'Pick a template from the list or enter its ID.',
		);
	return value;
}

const title = (value: string) => value[0] + value.slice(1).toLowerCase();

export const categoryField: INodeProperties = {
	displayName: 'Category',
	name: 'category',
	type: 'options',
	options: TEMPLATE_CATEGORIES.map((value) => ({ name: title(value), value })),
	default: 'UTILITY',
	description:
		"Meta's category: Marketing (offers, news), Utility (order or account updates), Authentication (one-time codes)",
};

export const templateTypeField: INodeProperties = {
	displayName: 'Header Type',
	name: 'templateType',
	type: 'options',
	options: TEMPLATE_TYPES.map((value) => ({ name: title(value), value })),
	default: 'TEXT',
	description:
		'Text: a text header or none. Image, Video or Document: the header carries that file, given when the template is sent (Send Conversation → File URL).',
};

/** The content fields Create shows and Update offers in its collection. */
export const contentFields: INodeProperties[] = [
	{
		displayName: 'Body Text',
		name: 'bodyText',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'Hola {{1}}, tu pedido {{2}} está confirmado.',
		description:
			'The message text; {{1}}, {{2}}… are variables filled in when the template is sent',
	},
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		default: '',
		placeholder: 'Pedido {{1}}',
		description: 'Optional header text, for Header Type Text; it may hold one variable {{1}}',
	},
	{
		displayName: 'Footer Text',
		name: 'footerText',
		type: 'string',
		default: '',
		description: 'Optional footer text, without variables',
	},
	{
		displayName: 'Variable Examples',
		name: 'variableExamples',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Example',
		description:
			'An example value for every variable of the header and body: Meta reviews the template with them',
		options: [
			{
				displayName: 'Example',
				name: 'example',
				values: [
					{
						displayName: 'Placement',
						name: 'placement',
						type: 'options',
						options: [
							{ name: 'Body', value: 'BODY' },
							{ name: 'Header', value: 'HEADER' },
						],
						default: 'BODY',
					},
					{
						displayName: 'Variable',
						name: 'variable',
						type: 'string',
						default: '1',
						placeholder: '1',
						description: 'The number between the braces, e.g. 1 for {{1}}',
					},
					{
						displayName: 'Example',
						name: 'example',
						type: 'string',
						default: '',
						placeholder: 'Ana',
						description: 'What the variable could be, e.g. a first name',
					},
				],
			},
		],
	},
	{
		displayName: 'Components (JSON)',
		name: 'componentsJson',
		type: 'json',
		default: '',
		description:
			'Only for what the fields above cannot say (buttons, for example): the whole components list as Plazbot takes it, [{ "type": "BODY", "format": "TEXT", "text": "…", "buttons": [], "variables": [{ "variable": "1", "example": "…" }] }]. When given, Body Text, Header Text, Footer Text and Variable Examples are not used.',
	},
];

/** The variables a text uses, in order of first appearance: "Hi {{1}}, {{2}}" → ["1", "2"]. */
export function variablesIn(text: string): string[] {
	const found: string[] = [];
	for (const match of text.matchAll(/\{\{\s*(\w+)\s*\}\}/g))
		if (!found.includes(match[1])) found.push(match[1]);
	return found;
}

/**
 * Plazbot's `components` from the content fields: HEADER (when there is header text or a media
 * header), BODY, FOOTER, each `{ type, format, text, buttons, variables[{ variable, example }] }`.
 * Every variable needs its example (Meta refuses a template without them). Undefined when none of
 * the content fields has a value (an Update that changes only the name).
 */
export function buildComponents(
	values: IDataObject,
	templateType: string | undefined,
): IDataObject[] | undefined {
	const parsed = asOptionalJson(values.componentsJson, 'Components (JSON)');
	if (parsed !== undefined) {
		if (!Array.isArray(parsed) || !parsed.every(isRecord))
			throw new InvalidInput(
				'Components (JSON)',
				'must be a JSON list of component objects',
				'Wrap the components in [ ].',
			);
		return parsed as IDataObject[];
	}
	const body = asOptionalText(values.bodyText, 'Body Text');
	const header = asOptionalText(values.headerText, 'Header Text');
	const footer = asOptionalText(values.footerText, 'Footer Text');
	const exampleRows = ((values.variableExamples as IDataObject | undefined)?.example ??
		[]) as IDataObject[];
	if (!body && !header && !footer && exampleRows.length === 0) return undefined;
	if (!body)
		throw new InvalidInput('Body Text', 'is empty', 'Every template has a body: give its text.');
	const examples = new Map<string, string>();
	for (const row of exampleRows) {
		const placement = String(row.placement ?? 'BODY');
		const variable = asOptionalText(row.variable, 'Variable Examples → Variable');
		const example = asOptionalText(row.example, 'Variable Examples → Example');
		if (variable === undefined) continue;
		if (example === undefined)
			throw new InvalidInput(
				'Variable Examples',
				`has no example for the ${placement.toLowerCase()} variable {{${variable}}}`,
			);
		examples.set(`${placement}:${variable}`, example);
	}
	const component = (type: string, text: string | null, format = 'TEXT'): IDataObject => {
		const variables = text
			? variablesIn(text).map((variable) => {
					const example = examples.get(`${type}:${variable}`);
					if (example === undefined)
						throw new InvalidInput(
							'Variable Examples',
							`has no example for the ${type.toLowerCase()} variable {{${variable}}}`,
							`Add an example with Placement ${title(type)} and Variable ${variable}: Meta reviews the template with it.`,
						);
					return { variable, example };
				})
			: [];
		return { type, format, text, buttons: [], variables };
	};
	const type = (templateType ?? 'TEXT').toUpperCase();
	const components: IDataObject[] = [];
	if (type !== 'TEXT') {
		if (header)
			throw new InvalidInput(
				'Header Text',
				`is only for Header Type Text; this template's header is ${title(type)}`,
				'Remove Header Text, or set Header Type to Text.',
			);
		components.push(component('HEADER', null, type));
	} else if (header) components.push(component('HEADER', header));
	components.push(component('BODY', body));
	if (footer) {
		if (variablesIn(footer).length)
			throw new InvalidInput(
				'Footer Text',
				'cannot hold variables',
				'Remove the {{…}} from the footer.',
			);
		components.push(component('FOOTER', footer));
	}
	return components;
}

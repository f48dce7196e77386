import type {
	IDataObject,
	ILoadOptionsFunctions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { locatorValue } from '../helpers/parameters';
import { isRecord, recordsIn } from '../helpers/records';
import { PlazbotClient } from '../transport/client';
import {
	MEDIA_TEMPLATE_TYPES,
	TEMPLATE_LIST_PATHS,
	TEMPLATE_NAME_FIELDS,
} from '../transport/apiContract';

/**
 * The workspace's WhatsApp templates, from the first of apiContract's list paths that exists (a
 * 404 that is not Plazbot's envelope moves on to the next), in any list shape; only templates
 * with a name, since the name is what Send Conversation sends.
 */
export async function listTemplates(client: PlazbotClient): Promise<IDataObject[]> {
	for (const [position, path] of TEMPLATE_LIST_PATHS.entries()) {
		const answer = await client.answer({
			method: 'GET',
			path,
			qs: { workspaceId: client.workspaceId },
			routeMayBeMissing: position < TEMPLATE_LIST_PATHS.length - 1,
		});
		if (answer.routeMissing) continue;
		return recordsIn(answer.envelope.data, 'template list').filter((template) =>
			templateNameOf(template),
		);
	}
	return [];
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** The template's WhatsApp name (`elementName`, else `name`); empty when it has neither. */
export function templateNameOf(template: IDataObject): string {
	for (const field of TEMPLATE_NAME_FIELDS) {
		const name = textOf(template[field]);
		if (name) return name;
	}
	return '';
}

/** A template as the picker shows it: "order_confirmation (es · IMAGE: needs File URL)". */
export function templateLabel(template: IDataObject): string {
	const name = templateNameOf(template);
	const type = textOf(template.templateType).toUpperCase();
	const media = (MEDIA_TEMPLATE_TYPES as readonly string[]).includes(type)
		? `${type}: needs File URL`
		: '';
	const details = [
		textOf(template.languageCode),
		media,
		template.status && template.status !== 'APPROVED' ? textOf(template.status) : '',
	]
		.filter(Boolean)
		.join(' · ');
	return details ? `${name} (${details})` : name;
}

/**
 * The template name in the Template parameter, a resource locator in version 2 and text in version
 * 1.
 */
export function templateParameterName(raw: unknown): string {
	const value = locatorValue(raw);
	return typeof value === 'string' ? value.trim() : '';
}

/** Send Conversation's mapped field IDs: `header:1`, `body:2`, `file:fileUrl`, `file:fileName`. */
export const TEMPLATE_FIELD_PREFIX = { header: 'header:', body: 'body:', file: 'file:' } as const;

interface TemplateVariableSpec {
	variable: string;
	example?: string;
}

function variablesOf(
	template: IDataObject,
	componentType: 'HEADER' | 'BODY',
): TemplateVariableSpec[] {
	const components = Array.isArray(template.components) ? template.components.filter(isRecord) : [];
	return components
		.filter((component) => String(component.type ?? '').toUpperCase() === componentType)
		.flatMap((component) =>
			Array.isArray(component.variables) ? component.variables.filter(isRecord) : [],
		)
		.filter((variable) => typeof variable.variable === 'string' && variable.variable.trim() !== '')
		.map((variable) => ({
			variable: String(variable.variable),
			example: typeof variable.example === 'string' ? variable.example : undefined,
		}));
}

const field = (id: string, displayName: string, required: boolean): ResourceMapperField => ({
	id,
	displayName,
	required,
	defaultMatch: false,
	canBeUsedToMatch: false,
	display: true,
	type: 'string',
});

/**
 * The fields a template needs, as Send Conversation (version 2) shows them once a template is
 * picked: its header variables, its body variables, each with the template's example, and File
 * URL / File Name for a template with an image, video or document header.
 */
export function templateFields(template: IDataObject): ResourceMapperField[] {
	const label = (placement: string, spec: TemplateVariableSpec) =>
		`${placement} {{${spec.variable}}}${spec.example ? ` (e.g. ${spec.example})` : ''}`;
	const fields = [
		...variablesOf(template, 'HEADER').map((spec) =>
			field(`${TEMPLATE_FIELD_PREFIX.header}${spec.variable}`, label('Header', spec), true),
		),
		...variablesOf(template, 'BODY').map((spec) =>
			field(`${TEMPLATE_FIELD_PREFIX.body}${spec.variable}`, label('Body', spec), true),
		),
	];
	const type = String(template.templateType ?? '').toUpperCase();
	if ((MEDIA_TEMPLATE_TYPES as readonly string[]).includes(type)) {
		const kind = type.toLowerCase();
		fields.push(field(`${TEMPLATE_FIELD_PREFIX.file}fileUrl`, `File URL (${kind})`, true));
		fields.push(field(`${TEMPLATE_FIELD_PREFIX.file}fileName`, 'File Name', false));
	}
	return fields;
}

/** resourceMapping method: the fields of the picked template. */
export async function getTemplateFields(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	const name = templateParameterName(this.getNodeParameter('template', ''));
	if (!name || name.startsWith('=')) {
		return {
			fields: [],
			emptyFieldsNotice:
				'Pick a template (or type its name) to fill its variables here. For a template name from an expression, use Body Variables and Header Variables below.',
		};
	}
	const client = await PlazbotClient.create(this, { maxAttempts: 2 });
	let templates: IDataObject[];
	try {
		templates = await listTemplates(client);
	} catch (error) {
		throw new NodeOperationError(
			this.getNode(),
			`Could not load the template "${name}": ${(error as Error).message}`,
			{
				description:
					'Fill the variables in Body Variables and Header Variables below instead; sending works without the list.',
			},
		);
	}
	const template = templates.find((candidate) => templateNameOf(candidate) === name);
	if (!template) {
		return {
			fields: [],
			emptyFieldsNotice: `Plazbot lists no template named "${name}". Check the name, or fill Body Variables and Header Variables below.`,
		};
	}
	const fields = templateFields(template);
	return fields.length
		? { fields }
		: {
				fields,
				emptyFieldsNotice: `The template "${name}" has no variables and no media header: nothing to fill.`,
			};
}

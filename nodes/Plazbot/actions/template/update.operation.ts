import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { asOptionalText } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { templateRecordPath } from '../../transport/apiContract';
import { envelopeOutput } from '../output';
import {
	buildComponents,
	categoryField,
	contentFields,
	readTemplateId,
	templateLocator,
	templateTypeField,
} from './template.common';

const properties: INodeProperties[] = [
	templateLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'The fields to change; the template goes to Meta for approval again. Body Text replaces all of its text components.',
		options: [
			categoryField,
			...contentFields,
			templateTypeField,
			{
				displayName: 'Language',
				name: 'languageCode',
				type: 'string',
				default: '',
				placeholder: 'e.g. es',
				description: "The template's language code",
			},
			{
				displayName: 'Name',
				name: 'elementName',
				type: 'string',
				default: '',
				description: 'The template name: lower-case letters, numbers and underscores',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['update'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const templateId = readTemplateId(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes: IDataObject = {};
	for (const [name, label] of [
		['elementName', 'Name'],
		['languageCode', 'Language'],
		['category', 'Category'],
		['templateType', 'Header Type'],
	]) {
		const value = asOptionalText(fields[name], label);
		if (value !== undefined) changes[name] = value;
	}
	const components = buildComponents(fields, changes.templateType as string | undefined);
	if (components) changes.components = components;
	if (Object.keys(changes).length === 0)
		throw new InvalidInput(
			'Update Fields',
			'has no field with a value',
			'Add at least one field to change and give it a value.',
		);
	const envelope = await client.request(
		{
			method: 'PUT',
			path: templateRecordPath(templateId),
			body: { workspaceId: client.workspaceId, ...changes },
		},
		itemIndex,
	);
	return { ...envelopeOutput(envelope), id: templateId, ...changes };
}

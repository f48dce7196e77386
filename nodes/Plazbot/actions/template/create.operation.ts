import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { asLocatorId, asRequiredText } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { TEMPLATE_PATH } from '../../transport/apiContract';
import { envelopeOutput } from '../output';
import { userLocator } from '../pickers.descriptions';
import {
	buildComponents,
	categoryField,
	contentFields,
	templateTypeField,
} from './template.common';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'elementName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. order_confirmation',
		description: 'The template name: lower-case letters, numbers and underscores, as Meta requires',
	},
	{
		displayName: 'Language',
		name: 'languageCode',
		type: 'string',
		required: true,
		default: 'es',
		placeholder: 'e.g. es, en_US, pt_BR',
		description: "The template's language code, as WhatsApp names it",
	},
	categoryField,
	templateTypeField,
	{
		...userLocator('userId', 'Created By', 'The Plazbot user the template is created as'),
		required: true,
	},
	...contentFields.map((field) =>
		field.name === 'bodyText' ? { ...field, required: true } : field,
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['create'] } },
	properties,
);

/** Running it again sends or creates again: refuses n8n's Retry On Fail. */
export const sendsOrCreates = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const elementName = asRequiredText(this.getNodeParameter('elementName', itemIndex, ''), 'Name');
	if (!/^[a-z0-9_]+$/.test(elementName))
		throw new InvalidInput(
			'Name',
			`"${elementName}" may hold only lower-case letters, numbers and underscores`,
			'For example order_confirmation.',
		);
	const templateType = this.getNodeParameter('templateType', itemIndex, 'TEXT') as string;
	const components = buildComponents(
		Object.fromEntries(
			contentFields.map((field) => [field.name, this.getNodeParameter(field.name, itemIndex, '')]),
		) as IDataObject,
		templateType,
	);
	if (!components)
		throw new InvalidInput('Body Text', 'is empty', 'Every template has a body: give its text.');
	const body = {
		workspaceId: client.workspaceId,
		userId: asLocatorId(this.getNodeParameter('userId', itemIndex, ''), 'Created By'),
		elementName,
		languageCode: asRequiredText(this.getNodeParameter('languageCode', itemIndex, ''), 'Language'),
		category: this.getNodeParameter('category', itemIndex, 'UTILITY') as string,
		templateType,
		components,
	};
	const envelope = await client.request({ method: 'POST', path: TEMPLATE_PATH, body }, itemIndex);
	// Docs template/create answer `data: { plantilla: { id, elementName, status } }`.
	const output = envelopeOutput(envelope);
	const created = (output.plantilla ?? output.template) as IDataObject | undefined;
	return { ...(created ?? output), submittedForApproval: true };
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { PlazbotClient } from '../../transport/client';
import { listTemplates } from '../../methods/templates';
import { readTemplateId, templateLocator } from './template.common';

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['get'] } },
	[templateLocator],
);

/**
 * Plazbot documents no read of one template: the template is found in the list the template
 * picker reads, by its ID or, for a value typed by hand, its name.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const templateId = readTemplateId(this, itemIndex);
	const templates = await listTemplates(client);
	const template =
		templates.find((candidate) => String(candidate.id) === templateId) ??
		templates.find((candidate) => candidate.elementName === templateId);
	if (!template)
		throw new NodeOperationError(
			this.getNode(),
			`Plazbot lists no template with the ID or name "${templateId}" [item ${itemIndex}]`,
			{
				itemIndex,
				description: `The workspace has ${templates.length} templates. Pick one from the list, or check the ID.`,
			},
		);
	return template;
}

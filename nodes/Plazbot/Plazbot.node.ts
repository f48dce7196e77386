import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { deliveryOptions } from './actions/common.descriptions';
import { resources } from './actions/resources';
import { router } from './actions/router';
import * as listSearch from './methods/listSearch';
import { getTemplateFields } from './methods/templates';

export class Plazbot implements INodeType {
	// Kept as a literal here, not imported: n8n's lint and verification scan read the icon, name
	// and credentials from the node class itself.
	description: INodeTypeDescription = {
		displayName: 'Plazbot',
		name: 'plazbot',
		icon: { light: 'file:plazbot.svg', dark: 'file:plazbot.dark.svg' },
		group: ['output'],
		// Version 2: Send Conversation's Template is a picker with the template's variables, and ID
		// fields are pickers. Version 1 workflows keep their parameters and behaviour unchanged.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send WhatsApp templates and manage contacts, opportunities and tasks in Plazbot',
		defaults: { name: 'Plazbot' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'plazbotApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: Object.entries(resources).map(([value, resource]) => ({
					name: resource.displayName,
					value,
				})),
				default: 'message',
			},
			...Object.values(resources).flatMap((resource) => resource.description),
			deliveryOptions,
		],
	};

	methods = { listSearch, resourceMapping: { getTemplateFields } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

import type { INodeProperties } from 'n8n-workflow';

import type { PlazbotResource } from '../operation.types';
import * as updateAgentPrompt from './updateAgentPrompt.operation';

export const operations: PlazbotResource = { updateAgentPrompt };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['automation'] } },
		options: [
			{
				name: 'Update AI Agent Prompt',
				value: 'updateAgentPrompt',
				description: 'Replace the prompt of an AI Agent node in a Plazbot automation',
				action: 'Update an AI agent prompt',
			},
		],
		default: 'updateAgentPrompt',
	},
	...updateAgentPrompt.description,
];

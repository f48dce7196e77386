import type { INodeProperties } from 'n8n-workflow';

import type { PlazbotResource } from '../operation.types';
import * as ask from './ask.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as updateFallbacks from './updateFallbacks.operation';
import * as updateInstructions from './updateInstructions.operation';
import * as updatePersona from './updatePersona.operation';
import * as updateRules from './updateRules.operation';

export const operations: PlazbotResource = {
	ask,
	get,
	getMany,
	updateFallbacks,
	updateInstructions,
	updatePersona,
	updateRules,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		options: [
			{
				name: 'Ask',
				value: 'ask',
				description:
					"Ask a Plazbot AI agent a question and get its answer; a session ID keeps the conversation's memory",
				action: 'Ask an AI agent',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an AI agent by its ID',
				action: 'Get an AI agent',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the workspace's AI agents",
				action: 'Get many AI agents',
			},
			{
				name: 'Update Fallback Answers',
				value: 'updateFallbacks',
				description: 'Change what the agent says when it cannot answer',
				action: 'Update the fallback answers of an AI agent',
			},
			{
				name: 'Update Instructions',
				value: 'updateInstructions',
				description: "Change the agent's tone, style, language, word limit and topics to avoid",
				action: 'Update the instructions of an AI agent',
			},
			{
				name: 'Update Persona',
				value: 'updatePersona',
				description: 'Change who the agent says it is',
				action: 'Update the persona of an AI agent',
			},
			{
				name: 'Update Rules',
				value: 'updateRules',
				description: 'Change what the agent must not do',
				action: 'Update the rules of an AI agent',
			},
		],
		default: 'ask',
	},
	...ask.description,
	...get.description,
	...getMany.description,
	...updateInstructions.description,
	...updatePersona.description,
	...updateFallbacks.description,
	...updateRules.description,
];

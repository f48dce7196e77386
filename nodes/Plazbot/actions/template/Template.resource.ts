import type { INodeProperties } from 'n8n-workflow';

import type { PlazbotResource } from '../operation.types';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const operations: PlazbotResource = { create, get, getMany, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a WhatsApp message template (name, language, category, text with variables and their examples) and submit it to Meta for approval',
				action: 'Create a template',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get one WhatsApp template with its text, variables and approval status',
				action: 'Get a template',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the workspace's WhatsApp templates, optionally only approved ones",
				action: 'Get many templates',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					'Change a WhatsApp template (for example after Meta rejected it); it is submitted for approval again',
				action: 'Update a template',
			},
		],
		default: 'getMany',
	},
	...create.description,
	...update.description,
	...get.description,
	...getMany.description,
];

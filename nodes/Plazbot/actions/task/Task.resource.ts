import type { INodeProperties } from 'n8n-workflow';

import type { PlazbotResource } from '../operation.types';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';

export const operations: PlazbotResource = { create, delete: del, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a task, optionally assigned to a user and linked to a contact',
				action: 'Create a task',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a task',
				action: 'Delete a task',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a task by its ID',
				action: 'Get a task',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...del.description,
];

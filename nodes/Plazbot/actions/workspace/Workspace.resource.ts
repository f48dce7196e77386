import type { INodeProperties } from 'n8n-workflow';

import type { PlazbotResource } from '../operation.types';
import * as get from './get.operation';

export const operations: PlazbotResource = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workspace'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a workspace with its stages, segmentations, tags and integrations',
				action: 'Get a workspace',
			},
		],
		default: 'get',
	},
	...get.description,
];

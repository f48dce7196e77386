import type { INodeProperties } from 'n8n-workflow';

import type { PlazbotResource } from '../operation.types';
import * as sendConversation from './sendConversation.operation';

export const operations: PlazbotResource = { sendConversation };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Send Conversation',
				value: 'sendConversation',
				description: 'Send an approved WhatsApp template to a customer',
				action: 'Send a WhatsApp template conversation',
			},
		],
		default: 'sendConversation',
	},
	...sendConversation.description,
];

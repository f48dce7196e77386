import type { INodeProperties } from 'n8n-workflow';

import { outputField } from '../campaignReport';
import type { PlazbotResource } from '../operation.types';
import * as getConversations from './getConversations.operation';
import * as search from './search.operation';
import * as sendConversation from './sendConversation.operation';
import * as sendMessage from './sendMessage.operation';

export const operations: PlazbotResource = {
	getConversations,
	search,
	sendConversation,
	sendMessage,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'List Conversations',
				value: 'getConversations',
				description: 'List the WhatsApp template conversations sent from the workspace',
				action: 'List sent template conversations',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Find messages containing a text, in the whole workspace or one contact',
				action: 'Search messages',
			},
			{
				name: 'Send Conversation',
				value: 'sendConversation',
				description: 'Send an approved WhatsApp template to a customer',
				action: 'Send a template conversation',
			},
			{
				name: 'Send Message',
				value: 'sendMessage',
				description:
					"Send a free-text WhatsApp message. WhatsApp delivers it only within the 24-hour customer service window after the customer's last message; otherwise use Send Conversation.",
				action: 'Send a text message',
			},
		],
		default: 'sendConversation',
	},
	...sendConversation.description,
	...sendMessage.description,
	outputField,
	...getConversations.description,
	...search.description,
];

import type { INodeProperties } from 'n8n-workflow';

import { FROM_VERSION_2, VERSION_1 } from '../pickers.descriptions';
import { skipAlreadySentField } from './alreadySent';

const templateVariablesField = (
	name: string,
	displayName: string,
	placement: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Variable',
	default: {},
	description: `Values for the variables in the template's ${placement}, in order`,
	options: [
		{
			displayName: 'Variable',
			name: 'variable',
			values: [
				{
					displayName: 'Name',
					name: 'variable',
					type: 'string',
					default: '',
					placeholder: '1',
					description: 'The variable as it is named in the template, for example 1 for {{1}}',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					description: 'The text to put in its place',
				},
			],
		},
	],
});

/**
 * Send Conversation's fields: version 1's fixed-collection variables, version 2's picker and
 * mapper.
 */
export const sendConversationFields: INodeProperties[] = [
	{
		displayName: 'Template Name',
		name: 'template',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'order_confirmation',
		description: 'Name of the approved WhatsApp template in Plazbot',
		displayOptions: { show: VERSION_1 },
	},
	{
		displayName: 'Template',
		name: 'template',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: 'The approved WhatsApp template to send, picked from Plazbot or given by its name',
		displayOptions: { show: FROM_VERSION_2 },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchTemplates', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. order_confirmation',
			},
		],
	},
	{
		displayName: 'Destination',
		name: 'destination',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+51 987 654 321',
		description:
			"The customer's WhatsApp number with country code. Spaces, dashes, dots, parentheses and a leading + or 00 are removed before sending.",
	},
	{
		displayName: 'Send Type',
		name: 'sendType',
		type: 'options',
		default: 'campaign',
		options: [
			{
				name: 'API',
				value: 'api',
				description: 'Sent by an integration; can be grouped under a campaign name',
			},
			{
				name: 'Campaign',
				value: 'campaign',
				description: 'Part of a mass sending; groups under a campaign name',
			},
			{
				name: 'Individual',
				value: 'individual',
				description: 'A one-off conversation with this customer',
			},
		],
		description: 'How Plazbot files this conversation',
	},
	{
		displayName: 'Campaign Name',
		name: 'campaignName',
		type: 'string',
		default: '',
		displayOptions: { show: { sendType: ['campaign', 'api'] } },
		description: 'Groups the conversations under this campaign name in Plazbot',
	},
	skipAlreadySentField,
	{
		displayName: 'Template Variables',
		name: 'templateFields',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		description:
			"The picked template's variables, each with the template's example, and its File URL when it has an image, video or document header",
		displayOptions: { show: FROM_VERSION_2 },
		typeOptions: {
			loadOptionsDependsOn: ['template.value'],
			resourceMapper: {
				resourceMapperMethod: 'getTemplateFields',
				mode: 'add',
				valuesLabel: 'Template Variables',
				fieldWords: { singular: 'variable', plural: 'variables' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: false,
			},
		},
	},
	templateVariablesField('variablesBody', 'Body Variables', 'body'),
	templateVariablesField('variablesHeader', 'Header Variables', 'header'),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'invoice.pdf',
				description: 'Name shown for the media file; used with File URL',
			},
			{
				displayName: 'File URL',
				name: 'fileUrl',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/invoice.pdf',
				description:
					'Public URL of the media for a template with an image, video or document header',
			},
			{
				displayName: 'Reference 1',
				name: 'reference1',
				type: 'string',
				default: '',
				description: 'Your own reference stored with the conversation, for example an order ID',
			},
			{
				displayName: 'Reference 2',
				name: 'reference2',
				type: 'string',
				default: '',
				description: 'A second reference of yours',
			},
			{
				displayName: 'Reference 3',
				name: 'reference3',
				type: 'string',
				default: '',
				description: 'A third reference of yours',
			},
		],
	},
];

import type { INodeProperties } from 'n8n-workflow';

/**
 * A WhatsApp number of the workspace (parameter `whatsappNumber`): picked from the workspace's
 * integrations, or typed. The value is digits with country code, as Plazbot's paths take it;
 * a typed value is normalised (spaces, dashes, a leading + removed) where it is used.
 */
export function whatsappNumberLocator(description: string): INodeProperties {
	return {
		displayName: 'WhatsApp Number',
		name: 'whatsappNumber',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchWhatsappNumbers', searchable: true },
			},
			{
				displayName: 'By Number',
				name: 'number',
				type: 'string',
				placeholder: 'e.g. +51 987 654 321',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*(\\+|00)?[\\d\\s\\-.()]{8,}\\s*$',
							errorMessage: 'Give the number with its country code, for example +51 987 654 321',
						},
					},
				],
			},
		],
	};
}

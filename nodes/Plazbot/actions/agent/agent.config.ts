import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { asNumber } from '../../helpers/coerce';
import { InvalidInput } from '../../helpers/errors';
import { asOptionalJson, asOptionalText } from '../../helpers/parameters';
import { isRecord } from '../../helpers/records';

/**
 * The agent configuration Create and Update send: the SDK README's agent.config.json. The common
 * top-level fields have their own inputs; anything else (instructions, person, services, actions,
 * widget settings…) goes in Configuration (JSON), which the named fields override.
 */
export function agentConfigFields(operation: string): INodeProperties[] {
	const show = { resource: ['agent'], operation: [operation] };
	return [
		{
			displayName: 'Agent Fields',
			name: 'agentFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show },
			description:
				operation === 'create'
					? 'The agent configuration fields to set'
					: 'The configuration fields to change; fields not added here keep their value',
			options: [
				{
					displayName: 'Buffer',
					name: 'buffer',
					type: 'number',
					typeOptions: { minValue: 3, maxValue: 10 },
					default: 5,
					description: 'How many earlier messages the agent keeps as context (3 to 10)',
				},
				{
					displayName: 'Color',
					name: 'color',
					type: 'options',
					options: ['blue', 'orange', 'gray', 'green', 'white'].map((value) => ({
						name: value[0].toUpperCase() + value.slice(1),
						value,
					})),
					default: 'gray',
					description: "The agent's color in the widget and the portal",
				},
				{
					displayName: 'Description',
					name: 'description',
					type: 'string',
					default: '',
					description: 'What the agent is for, in a sentence',
				},
				{
					displayName: 'Enabled',
					name: 'enable',
					type: 'boolean',
					default: true,
					description: 'Whether the agent answers',
				},
				...(operation === 'create'
					? []
					: [
							{
								displayName: 'Name',
								name: 'name',
								type: 'string' as const,
								default: '',
								description: "The agent's name",
							},
						]),
				{
					displayName: 'Prompt',
					name: 'prompt',
					type: 'string',
					typeOptions: { rows: 4 },
					default: '',
					description: "The instructions that define the agent's behaviour",
				},
				{
					displayName: 'Question',
					name: 'question',
					type: 'string',
					default: '',
					placeholder: 'How can I help you today?',
					description: 'The question the portal and the widget show first',
				},
				{
					displayName: 'Time Zone',
					name: 'timezone',
					type: 'string',
					default: '',
					placeholder: 'America/Lima',
					description: "The agent's time zone (IANA name), for business hours",
				},
				{
					displayName: 'Zone',
					name: 'zone',
					type: 'options',
					options: [
						{ name: 'Latin America (LA)', value: 'LA' },
						{ name: 'Europe (EU)', value: 'EU' },
					],
					default: 'LA',
					description: 'The region the Plazbot account was created in; it must match the account',
				},
			],
		},
		{
			displayName: 'Configuration (JSON)',
			name: 'configuration',
			type: 'json',
			default: '{}',
			displayOptions: { show },
			description:
				"Any other fields of the agent configuration (the Plazbot SDK's agent config file), as a JSON object: instructions, person, fallbacks, rules, examples, tags, services, actions, widget settings. Agent Fields override the same keys.",
		},
	];
}

const TEXT_FIELDS: Record<string, string> = {
	name: 'Name',
	description: 'Description',
	prompt: 'Prompt',
	question: 'Question',
	timezone: 'Time Zone',
	zone: 'Zone',
	color: 'Color',
};

/** The configuration body: the JSON object first, then the named fields that have a value. */
export function buildAgentConfig(
	fields: IDataObject,
	configuration: unknown,
	required: { name?: string } = {},
): IDataObject {
	const parsed = asOptionalJson(
		configuration,
		'Configuration (JSON)',
		'Give a JSON object, for example {"instructions": {"tone": "friendly"}}.',
	);
	if (parsed !== undefined && !isRecord(parsed))
		throw new InvalidInput(
			'Configuration (JSON)',
			'must be a JSON object',
			'Wrap the fields in { }.',
		);
	const config: IDataObject = parsed === undefined ? {} : { ...parsed };
	if (required.name !== undefined) config.name = required.name;
	for (const [name, label] of Object.entries(TEXT_FIELDS)) {
		const text = asOptionalText(fields[name], label);
		if (text !== undefined) config[name] = text;
	}
	if (fields.buffer !== undefined && fields.buffer !== '')
		config.buffer = asNumber(fields.buffer, 'Buffer', 5, { min: 3, max: 10, integer: true });
	if (fields.enable !== undefined) {
		if (typeof fields.enable !== 'boolean')
			throw new InvalidInput('Enabled', 'must be true or false', 'Switch it on or off.');
		config.enable = fields.enable;
	}
	return config;
}

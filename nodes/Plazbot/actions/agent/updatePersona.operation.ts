import { AGENT_SETTINGS_PATHS } from '../../transport/apiContract';
import { agentSettingsOperation } from './agent.common';

// Fields and meanings: the `person` block of the Plazbot SDK README (agent.config.json).
export const { description, execute } = agentSettingsOperation({
	operation: 'updatePersona',
	path: AGENT_SETTINGS_PATHS.persona,
	collection: {
		name: 'persona',
		displayName: 'Persona',
		description: 'Who the agent says it is. Fields not added here keep their current value.',
	},
	fields: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'Maximo',
			description: 'The name the agent calls itself',
		},
		{
			displayName: 'Role',
			name: 'role',
			type: 'string',
			default: '',
			placeholder: 'Virtual customer service assistant',
			description: 'The role or title the agent presents',
		},
		{
			displayName: 'Speaks in First Person',
			name: 'speaksInFirstPerson',
			type: 'boolean',
			default: true,
			description: 'Whether the agent speaks in the first person ("I can help you…")',
		},
		{
			displayName: 'Is Human',
			name: 'isHuman',
			type: 'boolean',
			default: false,
			description: 'Whether the agent presents itself as a human rather than an AI',
		},
	],
});

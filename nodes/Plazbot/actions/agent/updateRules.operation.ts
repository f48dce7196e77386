import { AGENT_SETTINGS_PATHS } from '../../transport/apiContract';
import { agentSettingsOperation } from './agent.common';

// Fields and meanings: the `rules` block of the Plazbot SDK README (agent.config.json).
export const { description, execute } = agentSettingsOperation({
	operation: 'updateRules',
	path: AGENT_SETTINGS_PATHS.rules,
	collection: {
		name: 'rules',
		displayName: 'Rules',
		description: 'What the agent must not do. Fields not added here keep their current value.',
	},
	fields: [
		{
			displayName: 'Do Not Mention Prices',
			name: 'doNotMentionPrices',
			type: 'boolean',
			default: true,
			description: 'Whether the agent must not talk about prices',
		},
		{
			displayName: 'Do Not Diagnose',
			name: 'doNotDiagnose',
			type: 'boolean',
			default: true,
			description: 'Whether the agent must not give medical or technical diagnoses',
		},
		{
			displayName: 'Business Hours',
			name: 'doNotRespondOutsideHours',
			type: 'string',
			default: '',
			placeholder: 'Monday to Friday 9am to 6pm',
			description: 'Business hours in plain words; the agent may decline to answer outside them',
		},
	],
});

import { AGENT_SETTINGS_PATHS } from '../../transport/apiContract';
import { agentSettingsOperation } from './agent.common';

// Fields and meanings: the `fallbacks` block of the Plazbot SDK README (agent.config.json).
export const { description, execute } = agentSettingsOperation({
	operation: 'updateFallbacks',
	path: AGENT_SETTINGS_PATHS.fallbacks,
	collection: {
		name: 'fallbacks',
		displayName: 'Fallback Answers',
		description:
			'What the agent says when it cannot answer. Fields not added here keep their current value.',
	},
	fields: [
		{
			displayName: 'No Answer',
			name: 'noAnswer',
			type: 'string',
			default: '',
			description: 'Said when the agent has no information on the topic',
		},
		{
			displayName: 'Service Error',
			name: 'serviceError',
			type: 'string',
			default: '',
			description: 'Said when something fails, for example a connected service',
		},
		{
			displayName: 'Does Not Understand',
			name: 'doNotUnderstand',
			type: 'string',
			default: '',
			description: 'Said when the agent cannot understand the question',
		},
	],
});

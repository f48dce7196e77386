import { AGENT_SETTINGS_PATHS } from '../../transport/apiContract';
import { agentSettingsOperation } from './agent.common';

// Fields and meanings: the `instructions` block of the Plazbot SDK README (agent.config.json).
export const { description, execute } = agentSettingsOperation({
	operation: 'updateInstructions',
	path: AGENT_SETTINGS_PATHS.instructions,
	collection: {
		name: 'instructions',
		displayName: 'Instructions',
		description: 'How the agent answers. Fields not added here keep their current value.',
	},
	listFields: ['avoidTopics'],
	fields: [
		{ displayName: 'Tone', name: 'tone', type: 'string', default: '', placeholder: 'professional', description: 'General tone, for example professional, friendly or serious' },
		{ displayName: 'Style', name: 'style', type: 'string', default: '', placeholder: 'short answers', description: 'Answer style, for example short answers, detailed or bulleted' },
		{ displayName: 'Personality', name: 'personality', type: 'string', default: '', placeholder: 'friendly', description: 'Personality, for example friendly, curious or formal' },
		{ displayName: 'Objective', name: 'objective', type: 'string', default: '', placeholder: 'help with clarity', description: 'What the answers aim at' },
		{ displayName: 'Language', name: 'language', type: 'string', default: '', placeholder: 'es-419', description: 'Language code of the answers, for example es-419 or en-US' },
		{ displayName: 'Emojis', name: 'emojis', type: 'boolean', default: false, description: 'Whether the agent may use emojis' },
		{ displayName: 'Preferred Format', name: 'preferredFormat', type: 'string', default: '', placeholder: 'plain text', description: 'Format of the answers: plain text or markdown' },
		{ displayName: 'Max Words', name: 'maxWords', type: 'number', typeOptions: { minValue: 1 }, default: 80, description: 'Most words in one answer' },
		{ displayName: 'Avoid Topics', name: 'avoidTopics', type: 'string', default: '', placeholder: 'prices, external claims', description: 'Topics the agent must not talk about, separated by commas' },
		{ displayName: 'Respond Only If Knows', name: 'respondOnlyIfKnows', type: 'boolean', default: true, description: 'Whether the agent answers only when it is confident of the answer' },
		{ displayName: 'Maintain Tone Between Messages', name: 'maintainToneBetweenMessages', type: 'boolean', default: true, description: 'Whether the tone stays the same across the messages of a conversation' },
		{ displayName: 'Greeting', name: 'greeting', type: 'string', default: '', placeholder: 'Hello, I am Maximo', description: 'The greeting the agent starts with' },
	],
});

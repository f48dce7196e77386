import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asOptionalText, asRequiredLongText, asRequiredText, definedFields } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport';
import { AGENT_PROMPT_BODY_FIELD, agentPromptPath } from '../../transport/apiContract';
import { envelopeOutput } from '../output';

// Plazbot publishes no prompt length limit; this one only stops a runaway expression.
const MAX_PROMPT_LENGTH = 100_000;

const properties: INodeProperties[] = [
	{
		displayName: 'AI Agent ID',
		name: 'agentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. node-7330301234-2637712345',
		description:
			'ID of the AI Agent node in a Plazbot automation. In Plazbot open the automation, open the AI Agent node\'s settings and copy its ID.',
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 8 },
		required: true,
		default: '',
		placeholder: 'You are the assistant of…',
		description: "The agent's new instructions. They replace the current prompt completely.",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Prompt Document URL',
				name: 'urlDocument',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/prompt.pdf',
				description: 'Public URL of a document for the agent to take its instructions from, as well',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['automation'], operation: ['updateAgentPrompt'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, client: PlazbotClient): Promise<IDataObject> {
	const agentId = asRequiredText(this.getNodeParameter('agentId', itemIndex, ''), 'AI Agent ID', "Copy the ID from the AI Agent node's settings in the Plazbot automation.");
	const body: IDataObject = {
		workspaceId: client.workspaceId,
		[AGENT_PROMPT_BODY_FIELD]: asRequiredLongText(this.getNodeParameter('prompt', itemIndex, ''), 'Prompt', MAX_PROMPT_LENGTH),
	};
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	Object.assign(body, definedFields({ urlDocument: asOptionalText(additionalFields.urlDocument, 'Prompt Document URL') }));
	const envelope = await client.request({ method: 'POST', path: agentPromptPath(agentId), body }, itemIndex);
	return envelopeOutput(envelope);
}

// Documented body: { workspaceId, urlDocument }. A typed prompt is undocumented; saved workflows
// still send it as `prompt` (apiContract.ts).
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import {
	asOptionalLongText,
	asOptionalText,
	asRequiredText,
	definedFields,
} from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import {
	AGENT_PROMPT_BODY_FIELD,
	AGENT_PROMPT_DOCUMENT_FIELD,
	agentPromptPath,
} from '../../transport/apiContract';
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
			"ID of the AI Agent node in a Plazbot automation. In Plazbot open the automation, open the AI Agent node's settings and copy its ID.",
	},
	{
		displayName: 'Prompt Document URL',
		name: 'documentUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/prompt.pdf',
		description:
			"Public URL of the document the agent takes its instructions from. This is what Plazbot's documentation describes (sent as urlDocument).",
	},
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 8 },
		default: '',
		placeholder: 'You are the assistant of…',
		description:
			"The agent's instructions as text. Not in Plazbot's documentation, which only describes a document URL: sent as prompt, and Plazbot may ignore it. Prefer Prompt Document URL.",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Prompt Document URL (Earlier Field)',
				name: 'urlDocument',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/prompt.pdf',
				description:
					'Where workflows saved before Prompt Document URL was its own field keep the URL. Used when Prompt Document URL is empty.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['automation'], operation: ['updateAgentPrompt'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const agentId = asRequiredText(
		this.getNodeParameter('agentId', itemIndex, ''),
		'AI Agent ID',
		"Copy the ID from the AI Agent node's settings in the Plazbot automation.",
	);
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const urlDocument =
		asOptionalText(this.getNodeParameter('documentUrl', itemIndex, ''), 'Prompt Document URL') ??
		asOptionalText(additionalFields.urlDocument, 'Prompt Document URL (Earlier Field)');
	const prompt = asOptionalLongText(
		this.getNodeParameter('prompt', itemIndex, ''),
		'Prompt',
		MAX_PROMPT_LENGTH,
	);
	if (urlDocument === undefined && prompt === undefined) {
		throw new InvalidInput(
			'Prompt Document URL',
			'is empty',
			'Give the URL of the document the agent takes its instructions from.',
		);
	}
	const body: IDataObject = {
		workspaceId: client.workspaceId,
		...definedFields({
			[AGENT_PROMPT_DOCUMENT_FIELD]: urlDocument,
			[AGENT_PROMPT_BODY_FIELD]: prompt,
		}),
	};
	const envelope = await client.request(
		{ method: 'POST', path: agentPromptPath(agentId), body },
		itemIndex,
	);
	return envelopeOutput(envelope);
}

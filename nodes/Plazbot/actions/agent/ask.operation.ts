import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { asBoolean } from '../../helpers/coerce';
import { asOptionalText, asRequiredLongText, definedFields } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { AGENT_ASK_PATH } from '../../transport/apiContract';
import { agentLocator, readAgentId } from './agent.common';

// Plazbot publishes no limit; this one only stops a runaway expression.
const MAX_QUESTION_LENGTH = 10_000;

const properties: INodeProperties[] = [
	agentLocator,
	{
		displayName: 'Question',
		name: 'question',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'What are your opening hours?',
		description: 'What to ask the agent, as a customer would write it',
	},
	{
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.phone }}',
		description:
			"Keeps a conversation: questions with the same session ID share the agent's memory of it. Use one per customer (their phone number, for example). Empty: one session for each workflow execution.",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'File URL',
				name: 'file',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/invoice.pdf',
				description: 'Public URL of a file for the agent to read with the question',
			},
			{
				displayName: 'Multiple Answers',
				name: 'multipleAnswers',
				type: 'boolean',
				default: false,
				description:
					'Whether the agent may answer in several messages (a list) instead of one text',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['ask'] } },
	properties,
);

/** The session of this execution, when the user gives none: questions of one run share a memory. */
/** Running it again sends or creates again: refuses n8n's Retry On Fail. */
export const sendsOrCreates = true;

export function executionSessionId(fns: IExecuteFunctions): string {
	return `n8n-execution-${fns.getExecutionId()}`;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const agentId = readAgentId(this, itemIndex);
	const question = asRequiredLongText(
		this.getNodeParameter('question', itemIndex, ''),
		'Question',
		MAX_QUESTION_LENGTH,
	);
	const sessionId =
		asOptionalText(this.getNodeParameter('sessionId', itemIndex, ''), 'Session ID') ??
		executionSessionId(this);
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		agentId,
		workspaceId: client.workspaceId,
		question,
		sessionId,
		...definedFields({
			file: asOptionalText(additionalFields.file, 'File URL'),
			multipleAnswers: asBoolean(additionalFields.multipleAnswers, 'Multiple Answers', false)
				? true
				: undefined,
		}),
	};
	const answer = (await client.request(
		{ method: 'POST', path: AGENT_ASK_PATH, body },
		itemIndex,
	)) as unknown as IDataObject;
	if (answer.answer === undefined || answer.answer === null) {
		throw new NodeOperationError(this.getNode(), "Plazbot answered without the agent's answer", {
			itemIndex,
			description:
				'Check that the AI agent is enabled in Plazbot and has a prompt, then run the item again.',
		});
	}
	return { answer: answer.answer, agentId, sessionId, question };
}

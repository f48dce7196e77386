import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asRequiredText } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { AGENT_GREETING_PATH } from '../../transport/apiContract';
import { envelopeOutput } from '../output';
import { agentLocator, readAgentId } from './agent.common';

const properties: INodeProperties[] = [
	agentLocator,
	{
		displayName: 'Greeting',
		name: 'greeting',
		type: 'string',
		typeOptions: { rows: 2 },
		required: true,
		default: '',
		placeholder: 'e.g. Hi! I am the assistant of Clínica Sonrisas. How can I help?',
		description: 'The first message the agent greets people with',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['setGreeting'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const agentId = readAgentId(this, itemIndex);
	const greeting = asRequiredText(this.getNodeParameter('greeting', itemIndex, ''), 'Greeting');
	const envelope = await client.request(
		{
			method: 'POST',
			path: AGENT_GREETING_PATH,
			body: { agentId, workspaceId: client.workspaceId, greeting },
		},
		itemIndex,
	);
	return { ...envelopeOutput(envelope), agentId, greeting };
}

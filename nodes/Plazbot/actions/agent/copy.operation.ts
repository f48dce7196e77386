import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PlazbotClient } from '../../transport/client';
import { AGENT_COPY_PATH } from '../../transport/apiContract';
import { envelopeOutput } from '../output';
import { agentLocator, readAgentId } from './agent.common';

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['copy'] } },
	[
		{
			...agentLocator,
			description: 'The AI agent to copy, picked from the list or given by its ID',
		},
	],
);

/** Running it again sends or creates again: refuses n8n's Retry On Fail. */
export const sendsOrCreates = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const agentId = readAgentId(this, itemIndex);
	// The SDK's query and the docs' body in one request (apiContract AGENT_COPY_PATH).
	const envelope = await client.request(
		{
			method: 'POST',
			path: AGENT_COPY_PATH,
			qs: { id: agentId, workspaceId: client.workspaceId },
			body: { agentId, workspaceId: client.workspaceId },
		},
		itemIndex,
	);
	return { ...envelopeOutput(envelope), copiedFromAgentId: agentId };
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PlazbotClient } from '../../transport/client';
import { AGENT_TAGS_PATH } from '../../transport/apiContract';
import { envelopeOutput } from '../output';
import { agentLocator, readAgentId } from './agent.common';
import { readTags, tagsField } from './agent.tags';

const properties: INodeProperties[] = [
	agentLocator,
	{
		...tagsField,
		required: true,
		description:
			"The agent's tags, comma-separated; they replace the tags it had. Tags classify a company's many agents.",
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['setTags'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const agentId = readAgentId(this, itemIndex);
	const tags = readTags(this.getNodeParameter('tags', itemIndex, ''), 'Tags', true);
	const envelope = await client.request(
		{
			method: 'POST',
			path: AGENT_TAGS_PATH,
			body: { agentId, workspaceId: client.workspaceId, tags },
		},
		itemIndex,
	);
	return { ...envelopeOutput(envelope), agentId, tags };
}

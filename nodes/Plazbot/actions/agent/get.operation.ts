import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { PlazbotClient } from '../../transport/client';
import { AGENT_GET_ID_QUERY, AGENT_GET_PATH } from '../../transport/apiContract';
import { agentLocator, readAgentId } from './agent.common';

const properties: INodeProperties[] = [agentLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const agentId = readAgentId(this, itemIndex);
	const data = await client.requestData(
		{
			method: 'GET',
			path: AGENT_GET_PATH,
			qs: { [AGENT_GET_ID_QUERY]: agentId, workspaceId: client.workspaceId },
		},
		itemIndex,
	);
	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		throw new NodeOperationError(
			this.getNode(),
			`Plazbot found no AI agent with the ID "${agentId}"`,
			{
				itemIndex,
				description:
					'Check the ID, and that the agent belongs to the workspace in the Plazbot API credential.',
			},
		);
	}
	return data as IDataObject;
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PlazbotClient } from '../../transport/client';
import { AGENT_DELETE_PATH } from '../../transport/apiContract';
import { agentLocator, readAgentId } from './agent.common';

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['delete'] } },
	[agentLocator],
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const agentId = readAgentId(this, itemIndex);
	await client.request(
		{
			method: 'DELETE',
			path: AGENT_DELETE_PATH,
			qs: { id: agentId, workspaceId: client.workspaceId },
		},
		itemIndex,
	);
	return { deleted: true, agentId };
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PlazbotClient } from '../../transport/client';
import { AGENT_LIST_PATH, agentsIn } from '../../transport/apiContract';
import { returnAllOrLimit } from '../common.descriptions';
import { readLimit } from '../common.runtime';

const properties: INodeProperties[] = [...returnAllOrLimit];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['getMany'] } },
	properties,
);

/**
 * Plazbot answers every agent of the workspace at once (no paging is documented); Limit cuts the
 * list.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject[]> {
	const envelope = await client.request(
		{ method: 'GET', path: AGENT_LIST_PATH, qs: { workspaceId: client.workspaceId } },
		itemIndex,
	);
	const limit = readLimit(this, itemIndex);
	const agents = agentsIn(envelope);
	return limit === undefined ? agents : agents.slice(0, limit);
}

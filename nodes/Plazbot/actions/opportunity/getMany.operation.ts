import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PlazbotClient } from '../../transport/client';
import { OPPORTUNITY_PATH } from '../../transport/apiContract';
import { returnAllOrLimit } from '../common.descriptions';
import { listWorkspaceRecords } from '../common.runtime';

const properties: INodeProperties[] = [...returnAllOrLimit];

export const description = updateDisplayOptions(
	{ show: { resource: ['opportunity'], operation: ['getMany'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject[]> {
	return await listWorkspaceRecords(this, client, OPPORTUNITY_PATH, itemIndex);
}

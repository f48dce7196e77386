import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PlazbotClient } from '../../transport/client';
import { CONTACT_PATH } from '../../transport/apiContract';
import { returnAllOrLimit } from '../common.descriptions';
import { listWorkspaceRecords } from '../common.runtime';

const properties: INodeProperties[] = [...returnAllOrLimit];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getMany'] } },
	properties,
);

/**
 * Plazbot pages contacts by 20; this follows the continuation tokens until the end or the limit.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject[]> {
	return await listWorkspaceRecords(this, client, CONTACT_PATH, itemIndex);
}

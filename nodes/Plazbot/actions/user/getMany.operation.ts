import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { recordsIn } from '../../helpers/records';
import type { PlazbotClient } from '../../transport/client';
import { workspaceUsersPath } from '../../transport/apiContract';
import { returnAllOrLimit } from '../common.descriptions';
import { readLimit } from '../common.runtime';
import { safeUser } from './shared';

const properties: INodeProperties[] = [...returnAllOrLimit];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['getMany'] } },
	properties,
);

/** The users of the credential's workspace: the IDs sales rep and task assignee fields take. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject[]> {
	const data = await client.requestData(
		{ method: 'GET', path: workspaceUsersPath(client.workspaceId) },
		itemIndex,
	);
	// The documented fields hold no secret; a password or token Plazbot might add never reaches
	// output.
	const users = recordsIn(data, 'user list').map((user) => safeUser(user));
	const limit = readLimit(this, itemIndex);
	return limit === undefined ? users : users.slice(0, limit);
}

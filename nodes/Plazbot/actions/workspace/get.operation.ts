import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asOptionalText } from '../../helpers/parameters';
import { withoutSecrets } from '../../helpers/secrets';
import type { PlazbotClient } from '../../transport/client';
import { workspacePath } from '../../transport/apiContract';
import { recordOutput } from '../output';

const properties: INodeProperties[] = [
	{
		displayName: 'Workspace ID',
		name: 'workspaceId',
		type: 'string',
		default: '',
		placeholder: "Leave empty for the credential's workspace",
		description:
			"ID of the workspace to get. Leave empty for the workspace of the Plazbot API credential. The answer lists the workspace's stages, segmentations and tags with the IDs other fields take.",
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['workspace'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const workspaceId =
		asOptionalText(this.getNodeParameter('workspaceId', itemIndex, ''), 'Workspace ID') ??
		client.workspaceId;
	const envelope = await client.request(
		{ method: 'GET', path: workspacePath(workspaceId) },
		itemIndex,
	);
	// Integrations may carry access tokens of connected channels; they have no place in workflow data.
	return withoutSecrets(recordOutput(envelope));
}

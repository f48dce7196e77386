import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { PlazbotClient } from '../../transport/client';
import { AGENT_FILE_DELETE_PATH } from '../../transport/apiContract';
import { agentLocator, readAgentId } from './agent.common';
import { fileIdField, readFileId } from './agent.files';

export const description = [
	...updateDisplayOptions({ show: { resource: ['agent'], operation: ['deleteFile'] } }, [
		agentLocator,
	]),
	fileIdField('deleteFile'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const agentId = readAgentId(this, itemIndex);
	const fileId = readFileId(this.getNodeParameter('fileId', itemIndex, ''));
	// SDK 1.1.5 deleteFile: a DELETE with a JSON body, keys capitalised.
	await client.request(
		{
			method: 'DELETE',
			path: AGENT_FILE_DELETE_PATH,
			body: { WorkspaceId: client.workspaceId, AgentId: agentId, FileId: fileId },
		},
		itemIndex,
	);
	return { deleted: true, agentId, fileId };
}

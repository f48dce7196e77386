import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asRequiredText } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { AGENT_CREATE_ID_FIELD, AGENT_CREATE_PATH } from '../../transport/apiContract';
import { agentConfigFields, buildAgentConfig } from './agent.config';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Sales assistant',
		description: "The new agent's name",
	},
];

export const description = [
	...updateDisplayOptions({ show: { resource: ['agent'], operation: ['create'] } }, properties),
	...agentConfigFields('create'),
];

/** Running it again sends or creates again: refuses n8n's Retry On Fail. */
export const sendsOrCreates = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const config = buildAgentConfig(
		this.getNodeParameter('agentFields', itemIndex, {}) as IDataObject,
		this.getNodeParameter('configuration', itemIndex, '{}'),
		{ name: asRequiredText(this.getNodeParameter('name', itemIndex, ''), 'Name') },
	);
	// SDK 1.1.5 addAgent: the configuration is the whole body; the workspace is the header's.
	const envelope = await client.request(
		{ method: 'POST', path: AGENT_CREATE_PATH, body: config },
		itemIndex,
	);
	const body = envelope as unknown as IDataObject;
	const data = envelope.data as IDataObject | undefined;
	const agentId = body[AGENT_CREATE_ID_FIELD] ?? data?.[AGENT_CREATE_ID_FIELD] ?? data?.id;
	return { agentId: agentId as string, name: config.name as string, created: true };
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asBoolean } from '../../helpers/coerce';
import { isRecord } from '../../helpers/records';
import type { PlazbotClient } from '../../transport/client';
import { AGENT_WIDGET_PATH, AGENT_WIDGET_SCRIPT_FIELD } from '../../transport/apiContract';
import { agentLocator, readAgentId } from './agent.common';

const properties: INodeProperties[] = [
	agentLocator,
	{
		displayName: 'Widget Enabled',
		name: 'enableWidget',
		type: 'boolean',
		default: true,
		validateType: 'boolean',
		description:
			"Whether the agent's web widget is switched on. When it is, Plazbot answers with the script to embed on a website.",
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['setWidget'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const agentId = readAgentId(this, itemIndex);
	const enabled = asBoolean(
		this.getNodeParameter('enableWidget', itemIndex, true),
		'Widget Enabled',
		true,
	);
	// SDK 1.1.5's keys and the docs' keys, the same values under each (apiContract AGENT_WIDGET_PATH).
	const envelope = await client.request(
		{
			method: 'POST',
			path: AGENT_WIDGET_PATH,
			body: {
				workspaceId: client.workspaceId,
				id: agentId,
				enableWidget: enabled,
				agentId,
				widgetEnabled: enabled,
			},
		},
		itemIndex,
	);
	const body = envelope as unknown as IDataObject;
	const data = isRecord(envelope.data) ? envelope.data : {};
	const script =
		data[AGENT_WIDGET_SCRIPT_FIELD] ??
		body[AGENT_WIDGET_SCRIPT_FIELD] ??
		(typeof envelope.data === 'string' ? envelope.data : undefined);
	return {
		agentId,
		widgetEnabled: enabled,
		...(typeof script === 'string' && script !== '' ? { script } : {}),
		...(envelope.message !== undefined ? { message: envelope.message } : {}),
	};
}

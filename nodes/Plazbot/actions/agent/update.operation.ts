import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import type { PlazbotClient } from '../../transport/client';
import { AGENT_UPDATE_ID_HEADER, AGENT_UPDATE_PATH } from '../../transport/apiContract';
import { envelopeOutput } from '../output';
import { agentConfigFields, buildAgentConfig } from './agent.config';
import { agentLocator, readAgentId } from './agent.common';

export const description = [
	...updateDisplayOptions({ show: { resource: ['agent'], operation: ['update'] } }, [agentLocator]),
	...agentConfigFields('update'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const agentId = readAgentId(this, itemIndex);
	const config = buildAgentConfig(
		this.getNodeParameter('agentFields', itemIndex, {}) as IDataObject,
		this.getNodeParameter('configuration', itemIndex, '{}'),
	);
	if (Object.keys(config).length === 0)
		throw new InvalidInput(
			'Agent Fields',
			'and Configuration (JSON) have no field with a value',
			'Add at least one field to change, or give the configuration as JSON.',
		);
	// SDK 1.1.5 updateAgent: the agent is named only by the x-agent-id header.
	const envelope = await client.request(
		{
			method: 'POST',
			path: AGENT_UPDATE_PATH,
			headers: { [AGENT_UPDATE_ID_HEADER]: agentId },
			body: config,
		},
		itemIndex,
	);
	return { ...envelopeOutput(envelope), agentId, configuration: config };
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asItemError } from '../helpers/errors';
import { mapItemsConcurrently } from '../helpers/runItems';
import { PlazbotClient } from '../transport';
import { readDeliverySettings } from './common.runtime';
import { resources } from './resources';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.operations[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported for the resource "${resource}"`);
	}

	const settings = readDeliverySettings(this);
	const client = await PlazbotClient.create(this, { ...settings.policy, stopAtFirstError: !this.continueOnFail() });
	const node = this.getNode();

	const perItem = await mapItemsConcurrently(
		items.length,
		settings.itemLanes,
		async (itemIndex): Promise<INodeExecutionData[]> => {
			const pairedItem = { item: itemIndex };
			try {
				const result = await operation.execute.call(this, itemIndex, client);
				const records = Array.isArray(result) ? result : [result];
				return records.map((json) => ({ json: client.redactRecord(json), pairedItem }));
			} catch (caught) {
				const error = asItemError(node, caught, itemIndex);
				if (!this.continueOnFail()) throw error;
				return [
					{
						json: {
							error: error.message,
							...(error.description ? { description: error.description } : {}),
							...('httpCode' in error && error.httpCode ? { httpCode: error.httpCode } : {}),
						},
						pairedItem,
					},
				];
			}
		},
		this.getExecutionCancelSignal?.(),
		() => client.stopSending(),
	);
	return [perItem.flat()];
}

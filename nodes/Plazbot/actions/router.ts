import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asItemError } from '../helpers/errors';
import { readingFixedParametersOnce } from '../helpers/fixedParameters';
import { mapItemsConcurrently } from '../helpers/runItems';
import { PlazbotClient } from '../transport/client';
import { errorKind, outputCollector, type OutputCollector } from './campaignReport';
import { readDeliverySettings } from './common.runtime';
import { itemContext } from './itemContext';
import { resources } from './resources';
import { errorJson, everyItemFailed, refuseRetryOnFail } from './retryOnFail';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.operations[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" is not supported for the resource "${resource}"`,
		);
	}

	// Before anything is read or sent: n8n's Retry On Fail would send again what already went out.
	if (operation.sendsOrCreates && this.getNode().retryOnFail)
		return refuseRetryOnFail(this.getNode(), items.length, this.continueOnFail());

	const context = itemContext(this, resource, operationName);
	let settings: ReturnType<typeof readDeliverySettings>;
	let output: OutputCollector;
	let client: PlazbotClient;
	try {
		settings = readDeliverySettings(context);
		output = outputCollector(context, resource, operationName, items.length);
		client = await PlazbotClient.create(this, {
			...settings.policy,
			stopAtFirstError: !this.continueOnFail(),
		});
	} catch (caught) {
		// The Options are read from the first item; the credential is the same for every item.
		const error = asItemError(this.getNode(), caught, 0);
		if (!this.continueOnFail()) throw error;
		return [everyItemFailed(error, items.length)];
	}
	const node = this.getNode();
	/** Items whose operation completed: named in the error when the run stops at a failed item. */
	const completed: number[] = [];
	// Parameters without an expression are remembered once read; every read still goes through the
	// item context, so a parameter that cannot be read names its field and item.
	const itemFunctions = readingFixedParametersOnce(context);

	const perItem = await runUntilFirstFailure(
		node,
		items.length,
		completed,
		async () =>
			await mapItemsConcurrently(
				items.length,
				settings.itemLanes,
				async (itemIndex): Promise<INodeExecutionData[]> => {
					const pairedItem = { item: itemIndex };
					try {
						const result = await operation.execute.call(itemFunctions, itemIndex, client);
						completed.push(itemIndex);
						const records = Array.isArray(result) ? result : [result];
						return output.completed(
							itemIndex,
							records.map((json) => ({ json: client.redactRecord(json), pairedItem })),
						);
					} catch (caught) {
						const error = asItemError(node, caught, itemIndex);
						if (!this.continueOnFail()) throw error;
						return output.failed(
							itemIndex,
							{
								json: errorJson(error),
								pairedItem,
							},
							errorKind(caught),
						);
					}
				},
				this.getExecutionCancelSignal?.(),
				() => client.stopSending(),
			),
	);
	return [output.finish(perItem)];
}

/**
 * With Continue On Fail off, n8n discards the output of a node that fails, so a user re-running
 * the workflow would send again what already went out. mapItemsConcurrently waits for the
 * requests on the wire before the error surfaces; the error then names the items that completed.
 */
async function runUntilFirstFailure<T>(
	node: INode,
	count: number,
	completed: number[],
	run: () => Promise<T>,
): Promise<T> {
	try {
		return await run();
	} catch (caught) {
		const error =
			caught instanceof NodeApiError || caught instanceof NodeOperationError
				? caught
				: new NodeOperationError(node, caught as Error);
		if (count < 2) throw error;
		const done = [...completed].sort((a, b) => a - b);
		const note = done.length
			? `The node stopped at this error. Before it, ${done.length} of ${count} items completed and reached Plazbot (they are not in the output because the node failed): ${itemRanges(done)}. Do not send them again; the items not listed did not complete.`
			: 'The node stopped at this error. No item had completed before it.';
		error.description = error.description ? `${error.description}\n\n${note}` : note;
		throw error;
	}
}

/** "items 0–3, 5 and 7": item indexes as n8n numbers them, in runs. */
export function itemRanges(indexes: number[]): string {
	const runs: string[] = [];
	for (let start = 0; start < indexes.length; ) {
		let end = start;
		while (end + 1 < indexes.length && indexes[end + 1] === indexes[end] + 1) end++;
		runs.push(end === start ? String(indexes[start]) : `${indexes[start]}–${indexes[end]}`);
		start = end + 1;
	}
	const MAX_RUNS = 100;
	if (runs.length > MAX_RUNS)
		runs.splice(MAX_RUNS, runs.length - MAX_RUNS, `… (${runs.length - MAX_RUNS} more runs)`);
	const list =
		runs.length > 1 ? `${runs.slice(0, -1).join(', ')} and ${runs[runs.length - 1]}` : runs[0];
	return `${indexes.length === 1 ? 'item' : 'items'} ${list}`;
}

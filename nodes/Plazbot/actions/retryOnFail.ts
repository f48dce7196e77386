import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeProperties,
	NodeApiError,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * n8n's Retry On Fail (node Settings) runs the whole node again, with the same input items,
 * when the node throws or its first output item is an error. For an operation that sends or
 * creates, every item that already went out would go out again (27 sends for 9 destinations with
 * Max Tries 3). Such operations refuse to run under it, before any request; the node's own
 * Options → Max Attempts retries only the requests Plazbot did not process.
 */
export const RETRY_ON_FAIL_REFUSED = {
	message:
		"Retry On Fail is on in this node's Settings: the node refuses to run, and nothing was sent",
	description:
		"n8n's Retry On Fail runs the whole node again with the same input items when one item fails, so every message or record this node already sent or created would be sent or created again. Turn Retry On Fail off in the node's Settings. To retry what Plazbot did not process, use Options → Max Attempts: it retries only requests that Plazbot answered 429 (or 503 with Retry-After), never a message that may have gone out.",
};

/** The editor's warning, shown above the fields of the operations that refuse Retry On Fail. */
export function retryOnFailNotice(resource: string, operations: string[]): INodeProperties {
	return {
		displayName:
			'This operation refuses to run with Retry On Fail on (node Settings): n8n would run the whole node again and send or create again every item already done. Use Options → Max Attempts instead, which retries only what Plazbot did not process.',
		name: 'retryOnFailNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: [resource], operation: operations } },
	};
}

/**
 * The node's answer when Retry On Fail is on for an operation that sends or creates: the error,
 * thrown before any request.
 */
export function refuseRetryOnFail(
	node: INode,
	itemCount: number,
	continueOnFail: boolean,
): INodeExecutionData[][] {
	const error = new NodeOperationError(node, RETRY_ON_FAIL_REFUSED.message, {
		description: RETRY_ON_FAIL_REFUSED.description,
	});
	if (!continueOnFail) throw error;
	return [everyItemFailed(error, itemCount)];
}

/**
 * With Continue On Fail, an error that stops the node before any item ran comes out on every
 * input item, in order, so that nothing downstream takes an input item for one that was sent (n8n
 * would otherwise pass the input items through).
 */
export function everyItemFailed(
	error: NodeOperationError | NodeApiError,
	itemCount: number,
): INodeExecutionData[] {
	return Array.from({ length: itemCount }, (_, item) => ({
		json: errorJson(error),
		pairedItem: { item },
	}));
}

/** A failed item's output under Continue On Fail: the error's message, description and status. */
export function errorJson(error: NodeOperationError | NodeApiError): IDataObject {
	return {
		error: error.message,
		...(error.description ? { description: error.description } : {}),
		...('httpCode' in error && error.httpCode ? { httpCode: error.httpCode } : {}),
	};
}

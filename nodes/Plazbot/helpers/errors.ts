import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * A value that cannot be sent, found by a pure helper that knows neither the node nor the item.
 * The router turns it into a NodeOperationError that names the field and the item.
 */
export class InvalidInput extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
		readonly hint?: string,
	) {
		super(`${field} ${problem}`);
		this.name = 'InvalidInput';
	}
}

/**
 * An answer from Plazbot the node cannot read (a list in an unknown shape): said, never guessed.
 */
export class UnreadableAnswer extends Error {
	constructor(
		message: string,
		readonly hint: string,
	) {
		super(message);
		this.name = 'UnreadableAnswer';
	}
}

/** Gives every error that leaves the node the item it belongs to. */
export function asItemError(
	node: INode,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof InvalidInput) {
		return new NodeOperationError(node, `${error.field} ${error.problem} [item ${itemIndex}]`, {
			itemIndex,
			description: error.hint,
		});
	}
	if (error instanceof UnreadableAnswer) {
		return new NodeOperationError(node, `${error.message} [item ${itemIndex}]`, {
			itemIndex,
			description: error.hint,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	const message = error instanceof Error && error.message ? error.message : 'Unknown error';
	return new NodeOperationError(node, message, { itemIndex });
}

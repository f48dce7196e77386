import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deliveryOptions } from './common.descriptions';
import { resources } from './resources';

/**
 * The execution context an operation runs with: n8n's own, except that a parameter that cannot
 * be read (an expression that throws, a value n8n's type validation refuses) fails with an error
 * that names the field and the item. n8n's error names neither when the expression's code throws.
 */
export function itemContext(
	fns: IExecuteFunctions,
	resource: string,
	operation: string,
): IExecuteFunctions {
	const labels = fieldLabels(resource, operation);
	const context = Object.create(fns) as IExecuteFunctions;
	const read = fns.getNodeParameter.bind(fns) as (...args: unknown[]) => unknown;
	context.getNodeParameter = ((name: string, itemIndex: number, ...rest: unknown[]) => {
		try {
			return read(name, itemIndex, ...rest);
		} catch (error) {
			throw parameterError(fns, labels.get(name.split('.')[0]) ?? name, itemIndex, error);
		}
	}) as IExecuteFunctions['getNodeParameter'];
	return context;
}

function parameterError(
	fns: IExecuteFunctions,
	label: string,
	itemIndex: number,
	error: unknown,
): NodeOperationError {
	if (error instanceof NodeOperationError && error.message.includes(`[item ${itemIndex}]`))
		return error;
	const problem = error instanceof Error && error.message ? error.message : String(error);
	const description = (error as { description?: unknown }).description;
	const named = problem.includes(label) ? problem : `${label}: ${problem}`;
	return new NodeOperationError(
		fns.getNode(),
		`${named.replace(/\s*\[item \d+\]$/, '')} [item ${itemIndex}]`,
		{
			itemIndex,
			description:
				typeof description === 'string' && description
					? description
					: `The value of ${label} could not be read for this item. Check its expression, for example with the input data of item ${itemIndex}.`,
		},
	);
}

/** Parameter name → the label the user sees, for the operation that runs. */
function fieldLabels(resource: string, operation: string): Map<string, string> {
	const labels = new Map<string, string>([['options', deliveryOptions.displayName]]);
	const shown = (property: INodeProperties) => {
		const show = property.displayOptions?.show;
		return (
			(!show?.resource || show.resource.includes(resource)) &&
			(!show?.operation || show.operation.includes(operation))
		);
	};
	for (const property of resources[resource]?.description ?? []) {
		if (shown(property) && !labels.has(property.name))
			labels.set(property.name, property.displayName);
	}
	return labels;
}

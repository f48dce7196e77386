import type { IExecuteFunctions } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

/**
 * The execute functions the operations get, with one difference: a parameter that holds no
 * expression is read from n8n once per run, not once per item. n8n looks up, resolves, cleans and
 * validates every read on the event loop that also carries the requests in flight; without an
 * expression the result is the same for every item. Reads with options, of a nested path, of a
 * parameter the node's JSON lacks, and reads that fail go to n8n every time. The node itself is
 * read once too: n8n hands out a deep copy of it, saved parameters included, on every getNode().
 */
export function readingFixedParametersOnce(fns: IExecuteFunctions): IExecuteFunctions {
	const node = fns.getNode();
	const saved = node.parameters;
	const fixed = new Map<string, unknown>();
	/** Whether n8n must read a saved parameter for each item: decided once per name and run. */
	const perItem = new Map<string, boolean>();
	const readPerItem = (name: string): boolean => {
		let verdict = perItem.get(name);
		if (verdict === undefined) {
			verdict = !Object.prototype.hasOwnProperty.call(saved, name) || holdsExpression(saved[name]);
			perItem.set(name, verdict);
		}
		return verdict;
	};
	const getNodeParameter = (
		name: string,
		itemIndex: number,
		fallbackValue?: unknown,
		options?: unknown,
	): unknown => {
		if (options !== undefined || readPerItem(name)) {
			return fns.getNodeParameter(name, itemIndex, fallbackValue as never, options as never);
		}
		if (!fixed.has(name))
			fixed.set(name, fns.getNodeParameter(name, itemIndex, fallbackValue as never));
		const value = fixed.get(name);
		// n8n hands every read its own copy; an operation may change what it got.
		return typeof value === 'object' && value !== null ? deepCopy(value) : value;
	};
	// Everything else is n8n's own context, reached through the prototype.
	return Object.create(fns, {
		getNodeParameter: { value: getNodeParameter },
		getNode: { value: () => node },
	}) as IExecuteFunctions;
}

/** n8n evaluates a string that starts with "=" as an expression, at any depth of a value. */
export function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (typeof value === 'object' && value !== null)
		return Object.values(value).some(holdsExpression);
	return false;
}

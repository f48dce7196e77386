import type { INodeProperties } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { describeType } from '../../helpers/phone';

/** A list of tags typed comma-separated, or mapped as a list from an expression. */
export const tagsField: INodeProperties = {
	displayName: 'Tags',
	name: 'tags',
	type: 'string',
	default: '',
	placeholder: 'e.g. sales, peru',
	description: 'Tags, comma-separated',
};

export function readTags(value: unknown, field: string, required: boolean): string[] {
	const entries = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',')
			: value === undefined || value === null
				? []
				: undefined;
	if (!entries || entries.some((entry) => typeof entry !== 'string' && typeof entry !== 'number'))
		throw new InvalidInput(
			field,
			`must be text or a list of texts, but the expression gave ${describeType(value)}`,
			'Type the tags comma-separated, or map a list such as {{ ["sales", "peru"] }}.',
		);
	const tags = entries.map((entry) => String(entry).trim()).filter((entry) => entry !== '');
	if (required && tags.length === 0)
		throw new InvalidInput(field, 'is empty', `Give at least one tag in ${field}.`);
	return tags;
}

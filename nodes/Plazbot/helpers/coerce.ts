import { validateFieldType } from 'n8n-workflow';

import { InvalidInput } from './errors';
import { describeType } from './phone';

/**
 * Booleans and numbers as n8n hands them over: a field set by an expression arrives as what the
 * expression gave, often text ("false", "10"). n8n's own validateFieldType reads them the way
 * n8n's parameter validation does, so "false" is false; anything it cannot read names the field.
 */
export function asBoolean(value: unknown, field: string, fallback: boolean): boolean {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value === 'boolean') return value;
	const result = validateFieldType(
		field,
		typeof value === 'string' ? value.trim().toLowerCase() : value,
		'boolean',
	);
	if (!result.valid) {
		throw new InvalidInput(
			field,
			`must be true or false, but is ${shown(value)}`,
			`Set ${field} to true or false.`,
		);
	}
	return result.newValue as boolean;
}

export interface NumberRange {
	min?: number;
	max?: number;
	integer?: boolean;
}

export function asNumber(
	value: unknown,
	field: string,
	fallback: number,
	range: NumberRange = {},
): number {
	if (value === undefined || value === null || value === '') return fallback;
	const result =
		typeof value === 'number'
			? { valid: true, newValue: value }
			: validateFieldType(field, typeof value === 'string' ? value.trim() : value, 'number');
	const number = result.valid ? Number(result.newValue) : Number.NaN;
	const bounds =
		range.min !== undefined && range.max !== undefined
			? `between ${range.min} and ${range.max}`
			: range.min !== undefined
				? `at least ${range.min}`
				: range.max !== undefined
					? `at most ${range.max}`
					: 'a number';
	if (!Number.isFinite(number)) {
		throw new InvalidInput(
			field,
			`must be a number, but is ${shown(value)}`,
			`Set ${field} to a number ${bounds === 'a number' ? '' : bounds}`.trim() + '.',
		);
	}
	if (
		(range.min !== undefined && number < range.min) ||
		(range.max !== undefined && number > range.max)
	) {
		throw new InvalidInput(
			field,
			`must be ${bounds}, but is ${number}`,
			`Set ${field} to a number ${bounds}.`,
		);
	}
	return range.integer ? Math.floor(number) : number;
}

function shown(value: unknown): string {
	if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return describeType(value);
}

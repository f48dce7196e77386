import { InvalidInput } from './errors';
import { describeType, normalizeWhatsappNumber } from './phone';

/** The longest text a WhatsApp template parameter accepts. */
export const MAX_TEXT_LENGTH = 1024;

/** Accepts text (trimmed) or a number from an expression; anything else names the field. */
export function asRequiredText(value: unknown, field: string, hint?: string): string {
	const text = asOptionalText(value, field);
	if (text === undefined) throw new InvalidInput(field, 'is empty', hint ?? `Fill in ${field}.`);
	return text;
}

/** Undefined for an absent or blank value, so that unset fields are not sent as "". */
export function asOptionalText(value: unknown, field: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (typeof value !== 'string') {
		throw new InvalidInput(field, `must be text, but the expression gave ${describeType(value)}`, 'Map a single text value, for example {{ $json.name }}.');
	}
	const trimmed = value.trim();
	if (trimmed.length > MAX_TEXT_LENGTH) {
		throw new InvalidInput(field, `is ${trimmed.length} characters long; Plazbot accepts at most ${MAX_TEXT_LENGTH}`, 'Shorten the value.');
	}
	return trimmed === '' ? undefined : trimmed;
}

export function asWhatsappNumber(value: unknown, field: string): string {
	const result = normalizeWhatsappNumber(value);
	if (!result.ok) {
		throw new InvalidInput(field, result.reason, 'Give the number with its country code, for example +51 987 654 321.');
	}
	return result.digits;
}

/** The ID inside a resource locator value ({ __rl, mode, value }) or a plain string. */
export function asLocatorId(raw: unknown, field: string): string {
	const value = typeof raw === 'object' && raw !== null && 'value' in raw ? (raw as { value: unknown }).value : raw;
	return asRequiredText(value, field, `Pick a record from the list or enter its ID in ${field}.`);
}

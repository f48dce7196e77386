import type { IDataObject } from 'n8n-workflow';

import { InvalidInput } from './errors';
import { describeType, normalizeWhatsappNumber } from './phone';

const empty = (field: string, hint?: string) =>
	new InvalidInput(field, 'is empty', hint ?? `Fill in ${field}.`);

const notText = (field: string, value: unknown, hint: string) =>
	new InvalidInput(field, `must be text, but the expression gave ${describeType(value)}`, hint);

/** Accepts text (trimmed) or a number from an expression; anything else names the field. */
export function asRequiredText(value: unknown, field: string, hint?: string): string {
	const text = asOptionalText(value, field);
	if (text === undefined) throw empty(field, hint);
	return text;
}

/** Undefined for an absent or blank value, so that unset fields are not sent as "". */
export function asOptionalText(value: unknown, field: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (typeof value !== 'string')
		throw notText(field, value, 'Map a single text value, for example {{ $json.name }}.');
	const trimmed = value.trim();
	return trimmed === '' ? undefined : trimmed;
}

export function asWhatsappNumber(value: unknown, field: string): string {
	const result = normalizeWhatsappNumber(value);
	if (!result.ok) {
		throw new InvalidInput(
			field,
			result.reason,
			'Give the number with its country code, for example +51 987 654 321.',
		);
	}
	return result.digits;
}

/**
 * The value inside a resource locator ({ __rl, mode, value }), or the plain value of a field that
 * is text in node version 1 and a resource locator from version 2.
 */
export function locatorValue(raw: unknown): unknown {
	return typeof raw === 'object' && raw !== null && 'value' in raw
		? (raw as { value: unknown }).value
		: raw;
}

/** The ID inside a resource locator value ({ __rl, mode, value }) or a plain string. */
export function asLocatorId(raw: unknown, field: string): string {
	return asRequiredText(
		locatorValue(raw),
		field,
		`Pick a record from the list or enter its ID in ${field}.`,
	);
}

/**
 * Required free text with its own length limit (a message body, for example), for fields that may
 * be long. Line breaks inside the text are kept; only the ends are trimmed.
 */
export function asRequiredLongText(
	value: unknown,
	field: string,
	maxLength: number,
	hint?: string,
): string {
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (value !== undefined && value !== null && typeof value !== 'string')
		throw notText(field, value, 'Map a single text value, for example {{ $json.text }}.');
	const trimmed = typeof value === 'string' ? value.trim() : '';
	if (trimmed === '') throw empty(field, hint);
	if (trimmed.length > maxLength) {
		throw new InvalidInput(
			field,
			`is ${trimmed.length} characters long; at most ${maxLength} are accepted`,
			'Shorten the text, or split it into several messages.',
		);
	}
	return trimmed;
}

/** Like asRequiredLongText, but undefined for an absent or blank value. */
export function asOptionalLongText(
	value: unknown,
	field: string,
	maxLength: number,
): string | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		return undefined;
	return asRequiredLongText(value, field, maxLength);
}

/** A deliberately loose shape check: it catches mapping mistakes, not every invalid address. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Undefined for an absent or blank value; otherwise the trimmed address, refused when it is not
 * one.
 */
export function asOptionalEmail(value: unknown, field: string): string | undefined {
	const text = asOptionalText(value, field);
	if (text === undefined) return undefined;
	if (!EMAIL_PATTERN.test(text)) {
		throw new InvalidInput(
			field,
			`"${text.length > 60 ? `${text.slice(0, 60)}…` : text}" is not an email address`,
			'Give an address such as name@example.com.',
		);
	}
	return text;
}

export function asEmail(value: unknown, field: string, hint?: string): string {
	const email = asOptionalEmail(value, field);
	if (email === undefined) throw empty(field, hint);
	return email;
}

/** A finite number from a number field, or numeric text from an expression. */
export function asRequiredNumber(value: unknown, field: string, hint?: string): number {
	const advice = hint ?? `Enter a number in ${field}, for example 1200.5.`;
	if (typeof value === 'number') {
		if (Number.isFinite(value)) return value;
		throw new InvalidInput(
			field,
			`must be a number, but the expression gave ${String(value)}`,
			advice,
		);
	}
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		throw new InvalidInput(field, 'is empty', advice);
	}
	if (typeof value !== 'string') {
		throw new InvalidInput(
			field,
			`must be a number, but the expression gave ${describeType(value)}`,
			advice,
		);
	}
	// Number('') is 0, so blanks were refused above. Commas are not guessed at: "1,5" means 1.5 in
	// Lima and 15 elsewhere.
	const parsed = Number(value.trim());
	if (!Number.isFinite(parsed))
		throw new InvalidInput(field, `must be a number, but is "${value.trim()}"`, advice);
	return parsed;
}

/** Like asLocatorId, but undefined when the locator (or plain value) is blank. */
export function asOptionalLocatorId(raw: unknown, field: string): string | undefined {
	return asOptionalText(locatorValue(raw), field);
}

/**
 * A date-time field or expression value as a UTC ISO string, undefined when blank. A value without
 * an offset (what n8n's date picker gives) is read as wall-clock time in `timeZone` (the
 * workflow's), so that 10:00 in Lima is sent as 15:00Z rather than as the server's 10:00.
 */
export function asOptionalDateTime(
	value: unknown,
	field: string,
	timeZone = 'UTC',
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const advice = 'Pick a date, or map an ISO 8601 date such as 2026-05-01T10:00:00Z.';
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) throw new InvalidInput(field, 'is not a valid date', advice);
		return value.toISOString();
	}
	// Luxon DateTime objects from expressions such as {{ $now.plus(1, 'day') }}.
	const text =
		typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function'
			? String((value as { toISO: () => unknown }).toISO())
			: typeof value === 'string'
				? value.trim()
				: undefined;
	if (text === undefined) {
		throw new InvalidInput(
			field,
			`must be a date, but the expression gave ${describeType(value)}`,
			advice,
		);
	}
	if (text === '') return undefined;
	const wallClock =
		/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?$/.exec(text);
	if (wallClock) {
		const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '0'] = wallClock;
		const asUtc = Date.UTC(
			+year,
			+month - 1,
			+day,
			+hour,
			+minute,
			+second,
			+fraction.padEnd(3, '0'),
		);
		// Date.UTC rolls a 13th month or a 32nd day over into the next year or month: refuse instead.
		const back = new Date(asUtc);
		const exact =
			back.getUTCFullYear() === +year &&
			back.getUTCMonth() === +month - 1 &&
			back.getUTCDate() === +day &&
			back.getUTCHours() === +hour &&
			back.getUTCMinutes() === +minute &&
			back.getUTCSeconds() === +second;
		if (!exact) throw new InvalidInput(field, `"${text}" is not a valid date`, advice);
		return new Date(
			asUtc - zoneOffsetMs(asUtc - zoneOffsetMs(asUtc, timeZone, field), timeZone, field),
		).toISOString();
	}
	const parsed = Date.parse(text);
	if (Number.isNaN(parsed)) throw new InvalidInput(field, `"${text}" is not a valid date`, advice);
	return new Date(parsed).toISOString();
}

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `utcMs`. */
function zoneOffsetMs(utcMs: number, timeZone: string, field: string): number {
	const format = wallClockFormat(timeZone);
	if (!format) {
		throw new InvalidInput(
			field,
			`cannot be read in the time zone "${timeZone}"`,
			'Check the time zone in the workflow settings.',
		);
	}
	const parts: Record<string, number> = {};
	for (const part of format.formatToParts(new Date(utcMs))) parts[part.type] = Number(part.value);
	const wall = Date.UTC(
		parts.year,
		parts.month - 1,
		parts.day,
		parts.hour,
		parts.minute,
		parts.second,
	);
	return wall - Math.floor(utcMs / 1000) * 1000;
}

/** Undefined for a time zone Intl does not know (it throws a RangeError for those). */
function wallClockFormat(timeZone: string): Intl.DateTimeFormat | undefined {
	try {
		return new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		});
	} catch {
		return undefined;
	}
}

/**
 * A password or other secret the user typed. Kept exactly as typed (spaces are part of a
 * password), and never quoted back in an error.
 */
export function asSecret(value: unknown, field: string, hint?: string): string {
	if (typeof value === 'number') return String(value);
	if (value !== undefined && value !== null && typeof value !== 'string')
		throw notText(field, value, 'Map a single text value.');
	if (typeof value !== 'string' || value.trim() === '') throw empty(field, hint);
	return value;
}

/**
 * The optional fields that have a value, so that unset ones are left out rather than sent empty.
 */
export function definedFields(fields: Record<string, unknown>): IDataObject {
	return Object.fromEntries(
		Object.entries(fields).filter(([, value]) => value !== undefined),
	) as IDataObject;
}

/**
 * A JSON parameter as n8n hands it over: text to parse, or a value an expression already gave.
 * Undefined when empty; text that is not JSON names the field.
 */
export function asOptionalJson(value: unknown, field: string, hint?: string): unknown {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	let problem = '';
	let parsed: unknown;
	try {
		parsed = JSON.parse(value);
	} catch (error) {
		problem = (error as Error).message;
	}
	if (problem) throw new InvalidInput(field, `is not valid JSON: ${problem}`, hint);
	return parsed;
}

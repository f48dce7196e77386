/**
 * WhatsApp numbers in E.164 have at most 15 digits; no real number with country code has fewer than
 * 8.
 */
const MIN_DIGITS = 8;
const MAX_DIGITS = 15;

export type PhoneNormalisation = { ok: true; digits: string } | { ok: false; reason: string };

/**
 * Characters that phones and spreadsheets put into copied numbers without showing them: zero-width
 * spaces and joiners, direction marks and isolates, word joiners, the byte-order mark, soft
 * hyphens.
 */
const INVISIBLE_FORMATTING = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/**
 * What people separate digit groups with: spaces of every width, dashes of every length, dots,
 * slashes.
 */
const SEPARATORS = /[\s\-./\u2010-\u2015\u2212]/g;

/**
 * Turns what people type into a phone field ("+51 987-654-321", "0051 (987) 654.321",
 * "+44 (0)20 7946 0958") into the digits-with-country-code form Plazbot expects ("51987654321"),
 * or says why it cannot.
 */
export function normalizeWhatsappNumber(input: unknown): PhoneNormalisation {
	if (input === undefined || input === null) {
		return { ok: false, reason: 'is empty' };
	}
	if (typeof input !== 'string' && typeof input !== 'number') {
		return { ok: false, reason: `must be text or a number, not ${describeType(input)}` };
	}
	// NFKC turns full-width digits and signs (０５１, ＋) into ASCII ones.
	const raw = String(input).normalize('NFKC').replace(INVISIBLE_FORMATTING, '').trim();
	if (raw === '') return { ok: false, reason: 'is empty' };

	// "(0)" is the national trunk prefix written beside the country code: dialled from abroad it is
	// left out.
	let compact = raw
		.replace(/\(\s*0\s*\)/g, '')
		.replace(SEPARATORS, '')
		.replace(/[()]/g, '');
	let international = false;
	if (compact.startsWith('+')) {
		compact = compact.slice(1);
		international = true;
	} else if (compact.startsWith('00')) {
		compact = compact.slice(2);
		international = true;
	}

	const bad = /\D/.exec(compact)?.[0];
	if (bad !== undefined) {
		return {
			ok: false,
			reason: `"${truncate(raw)}" contains ${characterName(bad)}, which is not part of a phone number`,
		};
	}
	if (compact.startsWith('0')) {
		return {
			ok: false,
			reason: international
				? `"${truncate(raw)}" has a 0 right after the international prefix; country codes never start with 0`
				: `"${truncate(raw)}" starts with 0, a national trunk prefix: the number has no country code`,
		};
	}
	if (compact.length < MIN_DIGITS || compact.length > MAX_DIGITS) {
		return {
			ok: false,
			reason: `"${truncate(raw)}" has ${compact.length} digits; a WhatsApp number with country code has ${MIN_DIGITS} to ${MAX_DIGITS}`,
		};
	}
	return { ok: true, digits: compact };
}

/** A character as an error should name it: visible ones quoted, all with their code point. */
export function characterName(character: string): string {
	const codePoint = character.codePointAt(0) ?? 0;
	const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
	if (character === '\n' || character === '\r') return `a line break (${hex})`;
	if (character === '\t') return `a tab (${hex})`;
	if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0))
		return `a control character (${hex})`;
	return `"${character}" (${hex})`;
}

export function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

function truncate(text: string, max = 40): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

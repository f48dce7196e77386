/** WhatsApp numbers in E.164 have at most 15 digits; no real number with country code has fewer than 8. */
const MIN_DIGITS = 8;
const MAX_DIGITS = 15;

export type PhoneNormalisation =
	| { ok: true; digits: string }
	| { ok: false; reason: string };

/**
 * Turns what people type into a phone field ("+51 987-654-321", "0051 (987) 654.321") into the
 * digits-with-country-code form Plazbot expects ("51987654321"), or says why it cannot.
 */
export function normalizeWhatsappNumber(input: unknown): PhoneNormalisation {
	if (input === undefined || input === null) {
		return { ok: false, reason: 'is empty' };
	}
	if (typeof input !== 'string' && typeof input !== 'number') {
		return { ok: false, reason: `must be text or a number, not ${describeType(input)}` };
	}
	const raw = String(input).trim();
	if (raw === '') return { ok: false, reason: 'is empty' };

	let compact = raw.replace(/[\s\-.()\u00a0]/g, '');
	if (compact.startsWith('+')) compact = compact.slice(1);
	else if (compact.startsWith('00')) compact = compact.slice(2);

	if (!/^\d+$/.test(compact)) {
		return {
			ok: false,
			reason: `"${truncate(raw)}" contains characters other than digits, spaces, dashes, dots, parentheses and a leading +`,
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

export function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

function truncate(text: string, max = 40): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

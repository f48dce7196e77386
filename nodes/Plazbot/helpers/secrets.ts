import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InvalidInput } from './errors';

/**
 * Keys that hold a credential of some kind in Plazbot's user records: passwords, session and
 * Google tokens, one-time verification codes. Plazbot's documented answers include several.
 */
const SECRET_KEY_PATTERN = /pass(word|wd)|token|secret|api_?key|verification|^code$|^otp$|google/i;

export const REDACTED = '***';

export function isSecretKey(key: string): boolean {
	return SECRET_KEY_PATTERN.test(key);
}

/**
 * A secret shorter than this is masked only where it is a whole value: inside longer text, a
 * short password such as "1234" would also match the user's own data (phone numbers, IDs).
 */
export const MIN_SECRET_LENGTH_IN_TEXT = 6;

/** The forms a secret travels in: as typed, URL-encoded and base64 (any letter case matches). */
function secretForms(secret: string): string[] {
	const base64 = Buffer.from(secret, 'utf8').toString('base64');
	const forms = [
		secret,
		encodeURIComponent(secret),
		base64,
		base64.replace(/=+$/, ''),
		base64.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'),
	];
	return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

/** Every occurrence of `needle` in `text`, in any letter case, as ***. */
function replaceIgnoringCase(text: string, needle: string): string {
	const lowerText = text.toLowerCase();
	const lowerNeedle = needle.toLowerCase();
	// Lower-casing can change the length of a few characters (İ): then only the exact forms.
	if (lowerText.length !== text.length || lowerNeedle.length !== needle.length) {
		return [needle, needle.toUpperCase(), needle.toLowerCase()].reduce(
			(result, form) => result.split(form).join(REDACTED),
			text,
		);
	}
	let result = '';
	let from = 0;
	for (
		let at = lowerText.indexOf(lowerNeedle);
		at >= 0;
		at = lowerText.indexOf(lowerNeedle, from)
	) {
		result += text.slice(from, at) + REDACTED;
		from = at + needle.length;
	}
	return result + text.slice(from);
}

/**
 * Text (an error message, a log line, a field of an answer) with every secret of at least
 * MIN_SECRET_LENGTH_IN_TEXT characters replaced by ***, in each of its forms.
 */
export function redactText(text: string, secrets: readonly string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret.length < MIN_SECRET_LENGTH_IN_TEXT) continue;
		for (const form of secretForms(secret)) result = replaceIgnoringCase(result, form);
	}
	return result;
}

export interface RecordSecrets {
	/** Redacted wherever they appear (redactText), and as whole values. */
	inText: readonly string[];
	/**
	 * Masked only where a whole value is one (`Bearer <it>` included): the Workspace ID, which
	 * the user's own data carries inside text (a stored request body, a file URL).
	 */
	wholeValue?: readonly string[];
	/** Leave out keys named like a credential (password, token, code…): Plazbot's user records. */
	dropSecretKeys?: boolean;
}

/** A copy of an output record (or any JSON value) with the secrets masked, at any depth. */
export function redactRecord<T>(value: T, secrets: RecordSecrets): T {
	if (typeof value === 'string') {
		const trimmed = value.trim();
		const whole = [...secrets.inText, ...(secrets.wholeValue ?? [])].some(
			(secret) => secret.length > 0 && (trimmed === secret || trimmed === `Bearer ${secret}`),
		);
		return (whole ? REDACTED : redactText(value, secrets.inText)) as T;
	}
	if (Array.isArray(value)) return value.map((entry) => redactRecord(entry, secrets)) as T;
	if (typeof value !== 'object' || value === null) return value;
	const copy: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
		if (secrets.dropSecretKeys && isSecretKey(key)) continue;
		copy[key] = redactRecord(entry, secrets);
	}
	return copy as T;
}

export interface SecretGuard {
	/** What the user typed that must never be shown back: passwords, verification codes. */
	secrets: string[];
	/** A better hint than the transport's for some statuses, by HTTP status code. */
	hintsByStatus?: Record<string, string>;
}

/**
 * Runs a request whose body carries secrets the user typed and makes sure no error leaving it
 * repeats them, even if Plazbot echoes the request in its message. Errors are rebuilt rather
 * than edited, so that no copy of the original text survives in their internals.
 */
export async function guardSecrets<T>(
	node: INode,
	itemIndex: number,
	guard: SecretGuard,
	work: () => Promise<T>,
): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw withoutSecretsInError(node, itemIndex, guard, error);
	}
}

function withoutSecretsInError(
	node: INode,
	itemIndex: number,
	guard: SecretGuard,
	error: unknown,
): unknown {
	const { secrets } = guard;
	if (error instanceof InvalidInput) {
		const text = `${error.problem} ${error.hint ?? ''}`;
		if (redactText(text, secrets) === text) return error;
		return new InvalidInput(
			error.field,
			redactText(error.problem, secrets),
			error.hint === undefined ? undefined : redactText(error.hint, secrets),
		);
	}
	if (error instanceof NodeApiError) {
		const httpCode = error.httpCode ?? undefined;
		const betterHint = httpCode ? guard.hintsByStatus?.[httpCode] : undefined;
		const original = JSON.stringify({
			message: error.message,
			description: error.description,
			messages: error.messages,
		});
		if (!betterHint && redactText(original, secrets) === original) return error;
		const message = redactText(error.message, secrets);
		const description = betterHint ?? redactText(error.description ?? '', secrets);
		return new NodeApiError(
			node,
			{ message, description, ...(httpCode ? { httpCode } : {}) } as JsonObject,
			{ message, description, httpCode, itemIndex },
		);
	}
	if (error instanceof Error) {
		const description = (error as { description?: unknown }).description;
		const text = `${error.message} ${typeof description === 'string' ? description : ''}`;
		if (redactText(text, secrets) === text) return error;
		return new NodeOperationError(node, redactText(error.message, secrets), {
			itemIndex,
			...(typeof description === 'string' ? { description: redactText(description, secrets) } : {}),
		});
	}
	return error;
}

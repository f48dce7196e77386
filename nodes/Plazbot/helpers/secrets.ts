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

/**
 * The forms the secrets travel in, longest first: as typed, URL-encoded and base64 (padded,
 * unpadded, URL-safe); any letter case matches. Secrets under MIN_SECRET_LENGTH_IN_TEXT are left
 * out.
 */
function formsOf(secrets: readonly string[]): string[] {
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (secret.length < MIN_SECRET_LENGTH_IN_TEXT) continue;
		const padded = Buffer.from(secret, 'utf8').toString('base64');
		const base64 = padded.replace(/=+$/, '');
		forms.add(secret).add(encodeURIComponent(secret)).add(padded).add(base64);
		forms.add(base64.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	return [...forms].sort((a, b) => b.length - a.length);
}

/** Every occurrence of each form in `text`, in any letter case, as ***. */
function withoutForms(text: string, forms: readonly string[]): string {
	let result = text;
	let lower = result.toLowerCase();
	for (const form of forms) {
		const lowerForm = form.toLowerCase();
		if (!lower.includes(lowerForm)) continue;
		if (lower.length !== result.length || lowerForm.length !== form.length) {
			// Lower-casing changed a length (İ): only the exact, upper- and lower-case forms.
			for (const exact of [form, form.toUpperCase(), lowerForm])
				result = result.split(exact).join(REDACTED);
		} else {
			let replaced = '';
			let from = 0;
			for (let at = lower.indexOf(lowerForm); at >= 0; at = lower.indexOf(lowerForm, from)) {
				replaced += result.slice(from, at) + REDACTED;
				from = at + form.length;
			}
			result = replaced + result.slice(from);
		}
		lower = result.toLowerCase();
	}
	return result;
}

/**
 * Text (an error message, a log line) with every secret of at least MIN_SECRET_LENGTH_IN_TEXT
 * characters replaced by ***, in each of its forms.
 */
export function redactText(text: string, secrets: readonly string[]): string {
	return withoutForms(text, formsOf(secrets));
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
	return recordRedactor(secrets)(value);
}

/**
 * redactRecord for many records with the same secrets (a campaign's output items): the forms of
 * the secrets are worked out once, not for every record.
 */
export function recordRedactor(secrets: RecordSecrets): <T>(value: T) => T {
	const forms = formsOf(secrets.inText);
	const whole = new Set(
		[...secrets.inText, ...(secrets.wholeValue ?? [])]
			.filter((secret) => secret.length > 0)
			.flatMap((secret) => [secret, `Bearer ${secret}`]),
	);
	const visit = (entry: unknown): unknown => {
		if (typeof entry === 'string')
			return whole.has(entry.trim()) ? REDACTED : withoutForms(entry, forms);
		if (Array.isArray(entry)) return entry.map(visit);
		if (typeof entry !== 'object' || entry === null) return entry;
		const copy: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(entry as Record<string, unknown>)) {
			if (!(secrets.dropSecretKeys && isSecretKey(key))) copy[key] = visit(item);
		}
		return copy;
	};
	return <T>(value: T) => visit(value) as T;
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

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

function containsAny(text: string, secrets: string[]): boolean {
	return secrets.some((secret) => secret.length > 0 && text.includes(secret));
}

/**
 * A copy of an API answer without secret-named keys at any depth, in which a password or code the
 * user typed reads *** wherever Plazbot echoes it. Nothing else is removed or rewritten: a field
 * that merely equals some other value keeps its place.
 */
export function withoutSecrets<T>(value: T, typedSecrets: string[] = []): T {
	if (typeof value === 'string') return maskTypedSecrets(value, typedSecrets) as T;
	if (Array.isArray(value)) return value.map((entry) => withoutSecrets(entry, typedSecrets)) as T;
	if (typeof value !== 'object' || value === null) return value;
	const copy: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
		if (isSecretKey(key)) continue;
		copy[key] = withoutSecrets(entry, typedSecrets);
	}
	return copy as T;
}

/** Typed secrets of 4 characters or more are masked inside text; shorter ones only as a whole value. */
function maskTypedSecrets(text: string, typedSecrets: string[]): string {
	let result = text;
	for (const secret of typedSecrets) {
		if (secret.length >= 4) result = result.split(secret).join(REDACTED);
		else if (secret.length > 0 && result.trim() === secret) result = REDACTED;
	}
	return result;
}

export function redactSecrets(text: string, secrets: string[]): string {
	return secrets
		.filter((secret) => secret.length > 0)
		.reduce((result, secret) => result.split(secret).join(REDACTED), text);
}

/**
 * A copy of an output record in which every field whose whole value is a secret reads ***. Text
 * that merely contains a secret is the user's data (a file URL with the workspace ID in its path)
 * and is left as it is.
 */
export function maskSecretValues<T>(value: T, secrets: string[]): T {
	if (typeof value === 'string') return (isSecretValue(value, secrets) ? REDACTED : value) as T;
	if (Array.isArray(value)) return value.map((entry) => maskSecretValues(entry, secrets)) as T;
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(
		Object.entries(value as Record<string, unknown>).map(([key, entry]) => [
			key,
			maskSecretValues(entry, secrets),
		]),
	) as T;
}

function isSecretValue(text: string, secrets: string[]): boolean {
	const trimmed = text.trim();
	return secrets.some(
		(secret) => secret.length > 0 && (trimmed === secret || trimmed === `Bearer ${secret}`),
	);
}

/** A copy of a value for error and log text, in which every text containing a secret has it replaced by ***. */
export function redactSecretsDeep<T>(value: T, secrets: string[]): T {
	if (typeof value === 'string') return redactSecrets(value, secrets) as T;
	if (Array.isArray(value)) return value.map((entry) => redactSecretsDeep(entry, secrets)) as T;
	if (typeof value !== 'object' || value === null) return value;
	return Object.fromEntries(
		Object.entries(value as Record<string, unknown>).map(([key, entry]) => [
			key,
			redactSecretsDeep(entry, secrets),
		]),
	) as T;
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

export function withoutSecretsInError(
	node: INode,
	itemIndex: number,
	guard: SecretGuard,
	error: unknown,
): unknown {
	const { secrets } = guard;
	if (error instanceof InvalidInput) {
		const text = `${error.problem} ${error.hint ?? ''}`;
		if (!containsAny(text, secrets)) return error;
		return new InvalidInput(
			error.field,
			redactSecrets(error.problem, secrets),
			error.hint === undefined ? undefined : redactSecrets(error.hint, secrets),
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
		if (!betterHint && !containsAny(original, secrets)) return error;
		const message = redactSecrets(error.message, secrets);
		const description = betterHint ?? redactSecrets(error.description ?? '', secrets);
		return new NodeApiError(
			node,
			{ message, description, ...(httpCode ? { httpCode } : {}) } as JsonObject,
			{ message, description, httpCode, itemIndex },
		);
	}
	if (error instanceof Error) {
		const description = (error as { description?: unknown }).description;
		const text = `${error.message} ${typeof description === 'string' ? description : ''}`;
		if (!containsAny(text, secrets)) return error;
		return new NodeOperationError(node, redactSecrets(error.message, secrets), {
			itemIndex,
			...(typeof description === 'string'
				? { description: redactSecrets(description, secrets) }
				: {}),
		});
	}
	return error;
}

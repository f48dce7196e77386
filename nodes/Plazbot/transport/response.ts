import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { isRecord } from '../helpers/records';
import { snippet } from './text';

/** What one try of a request came to: an answer, or no answer and why. */
export type Outcome = { kind: 'response'; response: IN8nHttpFullResponse } | TransportFailure;

export interface TransportFailure {
	kind: 'transportError';
	code: string;
	detail: string;
	timedOut: boolean;
}

export const DROPPED_CONNECTION_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'ERR_STREAM_PREMATURE_CLOSE',
]);
export const TLS_CODE_PATTERN = /CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_VERIFY/;
/** Our code for a redirect to another host, which n8n refuses because of `allowedDomains`. */
export const REDIRECTED_ELSEWHERE = 'REDIRECTED_TO_OTHER_HOST';
/**
 * How n8n words that refusal: "Domain not allowed: …" on 2.x; n8n 1.x wraps it as
 * "Redirected request failed: Domain not allowed: …".
 */
const N8N_DOMAIN_REFUSAL = /(?:^|: )Domain not allowed:/;

/** The code and message of a failure thrown by n8n's HTTP helper, whatever it is wrapped in. */
export function describeTransportError(
	error: unknown,
	redact: (text: string) => string = (text) => text,
): TransportFailure {
	const chain: Array<Record<string, unknown>> = [];
	let current: unknown = error;
	while (current && typeof current === 'object' && chain.length < 5) {
		chain.push(current as Record<string, unknown>);
		current = (current as { cause?: unknown }).cause;
	}
	const detail = chain
		.map((link) => link.message)
		.filter((value): value is string => typeof value === 'string' && value.length > 0)
		.pop();
	const code =
		(detail && N8N_DOMAIN_REFUSAL.test(detail) ? REDIRECTED_ELSEWHERE : undefined) ??
		chain.map((link) => link.code).find((value): value is string => typeof value === 'string') ??
		// n8n 1.x wraps a connection error in a NodeApiError without a cause and keeps only its code,
		// as `httpCode` (e.g. "ECONNRESET").
		chain
			.map((link) => link.httpCode)
			.find((value): value is string => typeof value === 'string' && /^E[A-Z_]+$/.test(value)) ??
		'UNKNOWN';
	const timedOut =
		(code === 'ECONNABORTED' && /timeout/i.test(detail ?? '')) || code === 'ETIMEDOUT';
	return {
		kind: 'transportError',
		code,
		detail: snippet(redact(detail ?? 'no details')),
		timedOut,
	};
}

export function headerValue(
	headers: IN8nHttpFullResponse['headers'] | undefined,
	name: string,
): string | undefined {
	if (!headers) return undefined;
	const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
	const value = entry?.[1];
	return Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
}

export function bodyText(body: unknown): string {
	if (body === undefined || body === null) return '';
	return typeof body === 'string' ? body : JSON.stringify(body);
}

export function parseJson(text: string): unknown {
	if (text.trim() === '') return undefined;
	try {
		// Some servers (.NET among them) start JSON with a byte-order mark, which JSON.parse refuses.
		return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
	} catch {
		return undefined;
	}
}

/** Plazbot wraps its answers in this envelope. */
export interface PlazbotEnvelope {
	success?: boolean;
	code?: number;
	errorCode?: string | null;
	message?: string;
	data?: unknown;
}

/**
 * The envelope of a JSON answer. Some documented answers (Workspace by ID, Opportunity by ID) are
 * the record or a list itself, without `{ success, data }`: those are the data.
 */
export function asEnvelope(parsed: unknown): PlazbotEnvelope | undefined {
	if (Array.isArray(parsed)) return { success: true, data: parsed };
	if (!isRecord(parsed)) return undefined;
	if ('success' in parsed || 'data' in parsed) return parsed as PlazbotEnvelope;
	return { success: true, data: parsed };
}

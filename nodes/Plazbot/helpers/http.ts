import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { isRecord } from './records';
import { snippet } from './serverText';

/** A header of an answer, whatever the case of its name; the first value of a repeated one. */
export function headerValue(
	headers: IN8nHttpFullResponse['headers'] | undefined,
	name: string,
): string | undefined {
	const value = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
	return Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
}

/**
 * An answer's body as text. The body comes as bytes (the client asks n8n for an arraybuffer) and
 * is decoded by the Content-Type's charset: n8n's text decoding assumes UTF-8 and turns an
 * ISO-8859-1 "Número no válido" into "N�mero no v�lido". Without a charset, UTF-8 when the bytes
 * are valid UTF-8, otherwise Windows-1252 (ISO-8859-1's superset, what such servers send).
 */
export function bodyText(body: unknown, contentType?: string): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	const bytes =
		body instanceof ArrayBuffer
			? new Uint8Array(body)
			: ArrayBuffer.isView(body)
				? new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
				: undefined;
	if (!bytes) return JSON.stringify(body);
	const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
	if (charset) {
		try {
			return new TextDecoder(charset).decode(bytes);
		} catch {
			// A charset TextDecoder does not know: read as if none was given.
		}
	}
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return new TextDecoder('windows-1252').decode(bytes);
	}
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	const trimmed = value?.trim();
	if (!trimmed) return undefined;
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
	// Only a real HTTP date: Date.parse reads "1 2" or "99" as dates too.
	if (trimmed.length > 64 || !/[A-Za-z]{3}/.test(trimmed)) return undefined;
	const date = Date.parse(trimmed);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
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

/** An error and its causes, outermost first: n8n wraps what its HTTP helper throws. */
export function causeChain(error: unknown): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	for (let link = error; isRecord(link) && chain.length < 5; link = link.cause) chain.push(link);
	return chain;
}

/** A try that got no answer: the failure's code, its message (redacted, short), and why. */
export interface TransportFailure {
	kind: 'transportError';
	code: string;
	detail: string;
	timedOut: boolean;
}

/** A connection cut before the answer arrived: the request may have reached Plazbot. */
export const DROPPED_CONNECTION_CODES = new Set([
	'ECONNRESET',
	'EPIPE',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'ERR_STREAM_PREMATURE_CLOSE',
	// axios: the stream was cut after the headers (statuses never fail: ignoreHttpStatusErrors).
	'ERR_BAD_RESPONSE',
]);
/** Our code for a redirect to another host, which n8n refuses because of `allowedDomains`. */
export const REDIRECTED_ELSEWHERE = 'REDIRECTED_TO_OTHER_HOST';
/** n8n 2.x: "Domain not allowed: …"; 1.x: "Redirected request failed: Domain not allowed: …". */
const N8N_DOMAIN_REFUSAL = /(?:^|: )Domain not allowed:/;

/** A try that got no complete answer within the Timeout option. */
export const TIMED_OUT: TransportFailure = {
	kind: 'transportError',
	code: 'ETIMEDOUT',
	detail: 'no complete answer within the Timeout',
	timedOut: true,
};

/** The code and message of a failure thrown by n8n's HTTP helper, whatever it is wrapped in. */
export function describeTransportError(
	error: unknown,
	redact: (text: string) => string = (text) => text,
): TransportFailure {
	const chain = causeChain(error);
	const strings = (key: string) =>
		chain.map((link) => link[key]).filter((value): value is string => typeof value === 'string');
	const detail = strings('message')
		.filter((message) => message.length > 0)
		.pop();
	const code =
		(detail && N8N_DOMAIN_REFUSAL.test(detail) ? REDIRECTED_ELSEWHERE : undefined) ??
		strings('code')[0] ??
		// n8n 1.x keeps only a connection error's code, as the `httpCode` of a NodeApiError.
		strings('httpCode').find((value) => /^E[A-Z_]+$/.test(value)) ??
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

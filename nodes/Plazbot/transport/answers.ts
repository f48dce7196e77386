import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { isRecord } from '../helpers/records';

/* What came back from Plazbot, read into plain facts, and the wording of every transport error. */

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

/**
 * The words of every error the transport gives: what happened, and what the user can do about
 * it. Secrets are removed by the client afterwards, from the full text.
 */
export interface ErrorWording {
	message: string;
	description: string;
	httpCode?: string;
	/** Plazbot's own error code, when it gave one. */
	errorCode?: string;
}

const retriedNote = (attempts: number) =>
	attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';

/** A 2xx answer that carries no JSON: the Base URL points at something else than the API. */
export function notJsonAnswer(status: number, text: string): ErrorWording {
	const page = htmlPageText(text);
	const what =
		text.trim() === ''
			? 'an empty body'
			: page !== undefined
				? `an HTML page instead of JSON${page ? `: "${page}"` : ''}`
				: `a body that is not JSON: "${snippet(text)}"`;
	return {
		message: `Plazbot answered HTTP ${status} with ${what}`,
		description:
			'Check that the Base URL in the Plazbot API credential points at the Plazbot API, not a website or proxy.',
		httpCode: String(status),
	};
}

/** Why a retryable answer was not tried again, when it matters to the user. */
export interface NotRetried {
	reason?: 'ambiguous' | 'retryAfterTooLong';
	retryAfterMs?: number;
	maxRetryAfterMs?: number;
}

/** An answer that refuses the request: an HTTP error status, or `success: false`. */
export function refusedAnswer(
	status: number,
	text: string,
	envelope: PlazbotEnvelope | undefined,
	attempts: number,
	notRetried: NotRetried = {},
): ErrorWording {
	const ok = status >= 200 && status < 300;
	const page = htmlPageText(text);
	const pageNote =
		page === undefined ? undefined : `an HTML page instead of JSON${page ? `: "${page}"` : ''}`;
	const plazbotMessage = messageText(envelope?.message);
	const summary = plazbotMessage
		? `Plazbot error${ok ? '' : ` ${status}`}: ${plazbotMessage}`
		: `Plazbot answered HTTP ${status}${
				text.trim() === ''
					? ' with an empty body'
					: pageNote
						? ` with ${pageNote}`
						: `: "${snippet(text)}"`
			}`;
	let message = `${summary}${retriedNote(attempts)}`;
	let description = hintFor(status, envelope);
	const { retryAfterMs, maxRetryAfterMs } = notRetried;
	if (
		notRetried.reason === 'retryAfterTooLong' &&
		retryAfterMs !== undefined &&
		maxRetryAfterMs !== undefined
	) {
		message += `. Plazbot asked to wait ${duration(retryAfterMs)} before trying again (Retry-After); the node waits at most ${duration(maxRetryAfterMs)}`;
		description = `Plazbot asked to wait ${duration(retryAfterMs)}. Run the item again after that time, or lower the request rate in the node Options.`;
	} else if (notRetried.reason === 'ambiguous') {
		description =
			'A gateway error can come after Plazbot accepted the request, so it was not repeated automatically: check in Plazbot whether it went through before sending again. Turn on the "Retry on Connection Drop" option to repeat such requests (this can send a message twice).';
	}
	return {
		message,
		description,
		httpCode:
			ok && (typeof envelope?.code === 'number' || typeof envelope?.code === 'string')
				? String(envelope.code)
				: String(status),
		errorCode: typeof envelope?.errorCode === 'string' ? envelope.errorCode : undefined,
	};
}

/**
 * A redirect that was not followed. n8n's HTTP stack re-sends a POST redirected with 301/302/303
 * as a GET, which a list endpoint answers with success: nothing would have been sent.
 */
export function redirectAnswer(
	status: number,
	location: string | undefined,
	method: string,
): ErrorWording {
	return {
		message: `Plazbot answered HTTP ${status}, a redirect${location ? ` to "${snippet(location)}"` : ''}; the ${method} request was not repeated there, so nothing was sent`,
		description:
			'Use the address the Plazbot API answers at directly as the Base URL in the Plazbot API credential (check https:// and that it has no extra path).',
		httpCode: String(status),
	};
}

/** "45 s", "10 min", "2 h 5 min": how long, as a person says it. */
export function duration(ms: number): string {
	const seconds = Math.ceil(ms / 1000);
	if (seconds < 120) return `${seconds} s`;
	const minutes = Math.ceil(seconds / 60);
	if (minutes < 120) return `${minutes} min`;
	return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
}

/** No answer: the connection failed, dropped, timed out, or was redirected elsewhere. */
export function transportFailure(
	failure: TransportFailure,
	host: string,
	timeoutMs: number,
	attempts: number,
): ErrorWording {
	let message: string;
	let hint: string;
	if (failure.timedOut) {
		message = `Plazbot did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : duration(timeoutMs)}`;
		hint =
			'The request may still have been processed. Raise the Timeout option, or check Plazbot before sending again.';
	} else if (failure.code === 'ECONNREFUSED') {
		message = `Could not connect to Plazbot at ${host}: the connection was refused`;
		hint = 'Check the Base URL in the Plazbot API credential and that the server is running.';
	} else if (failure.code === 'ENOTFOUND' || failure.code === 'EAI_AGAIN') {
		message = `Could not find the Plazbot server ${host}: the name does not resolve`;
		hint =
			'Check the Base URL in the Plazbot API credential for typos, and the DNS of the n8n host.';
	} else if (TLS_CODE_PATTERN.test(failure.code)) {
		message = `Could not establish a secure connection to ${host}: the TLS certificate was not accepted`;
		hint =
			'Check that the Base URL uses the Plazbot host name and that no proxy replaces its certificate.';
	} else if (failure.code === REDIRECTED_ELSEWHERE) {
		message = `Plazbot at ${host} redirected the request to another host; the redirect was not followed`;
		hint =
			'The Workspace ID and API Key are only ever sent to the host of the Base URL. Check the Base URL in the Plazbot API credential: use the address the Plazbot API answers at directly.';
	} else if (DROPPED_CONNECTION_CODES.has(failure.code)) {
		message = `The connection to Plazbot at ${host} was dropped before an answer arrived`;
		hint =
			'The request may already have been processed, so it was not repeated automatically. Turn on the "Retry on Connection Drop" option to retry such requests (this can send a message twice).';
	} else {
		message = `The request to Plazbot at ${host} failed`;
		hint = 'Check the Base URL in the Plazbot API credential and the network of the n8n host.';
	}
	return {
		message: `${message}${retriedNote(attempts)}`,
		description: `${hint} (${failure.code}: ${failure.detail})`,
	};
}

function hintFor(status: number, envelope: PlazbotEnvelope | undefined): string {
	if (status === 401) return 'Check the API Key in the Plazbot API credential.';
	if (status === 403)
		return 'Check the Workspace ID in the Plazbot API credential and that the API key belongs to it.';
	if (status === 404)
		return 'Check the ID you gave and the Workspace ID in the Plazbot API credential.';
	if (status === 429)
		return 'Plazbot is rate limiting this workspace. Lower the request rate in the node Options, or raise Max Attempts.';
	if (status >= 500)
		return 'Plazbot had a problem processing the request. Try again later; if it persists, contact Plazbot support.';
	if (envelope && status < 300)
		return 'Plazbot refused the request. Check the values sent for this item.';
	if (envelope?.message)
		return 'Plazbot refused a value sent for this item: correct the value its message names, then run the item again.';
	return 'Check the values sent for this item.';
}

/**
 * Reading text that a server sent (error bodies, HTML pages, Plazbot's `message`) for an error
 * message. A hostile server chooses this text, so everything here reads at most READ_LIMIT
 * characters, once, with no backtracking: a 1 MB error page costs what its first 64 KB cost.
 */

/** How much of a server's text is ever read for an error message. */
const READ_LIMIT = 64 * 1024;

/** The text on one line, at most `max` characters. */
export function snippet(text: string, max = 120): string {
	const flat = text
		.slice(0, Math.min(READ_LIMIT, max * 8))
		.replace(/\s+/g, ' ')
		.trim();
	return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

const ENTITIES: Record<string, string> = {
	nbsp: ' ',
	lt: '<',
	gt: '>',
	quot: '"',
	'#39': "'",
	apos: "'",
	amp: '&',
};

/**
 * What a person would read on an HTML page (a proxy's error page, a website's front page), or
 * undefined when the text is not HTML. Markup in an error message is noise.
 */
export function htmlPageText(text: string): string | undefined {
	const head = text.slice(0, READ_LIMIT);
	if (!/^\s*(<!doctype html|<html|<head|<body)/i.test(head.slice(0, 1024))) return undefined;
	const lower = head.toLowerCase();
	const readable =
		elementText(head, lower, 'title') ?? elementText(head, lower, 'h1') ?? withoutTags(head, lower);
	return snippet(
		readable.replace(/&(nbsp|lt|gt|quot|#39|apos|amp);/g, (_match, name: string) => ENTITIES[name]),
	);
}

/** The text of the first `<tag>…</tag>`, found with forward scans only. */
function elementText(text: string, lower: string, tag: string): string | undefined {
	const open = lower.indexOf(`<${tag}`);
	if (open < 0) return undefined;
	const start = lower.indexOf('>', open);
	if (start < 0) return undefined;
	const end = lower.indexOf(`</${tag}`, start);
	if (end < 0) return undefined;
	return withoutTags(text.slice(start + 1, end), lower.slice(start + 1, end));
}

/** The text between tags, without script and style contents, in one forward pass. */
function withoutTags(text: string, lower: string): string {
	let result = '';
	let position = 0;
	while (position < text.length) {
		const open = text.indexOf('<', position);
		if (open < 0) {
			result += text.slice(position);
			break;
		}
		result += `${text.slice(position, open)} `;
		let close = text.indexOf('>', open);
		if (close < 0) break;
		for (const hidden of ['script', 'style']) {
			if (lower.startsWith(hidden, open + 1)) {
				const end = lower.indexOf(`</${hidden}`, close);
				close = end < 0 ? text.length : Math.max(close, text.indexOf('>', end));
				if (close < 0) close = text.length;
			}
		}
		position = close + 1;
	}
	return result;
}

/**
 * Plazbot's `message` as readable text: usually a string, but validation failures can carry an
 * object (`{ destination: ["required"] }`) or a list, which would otherwise show as
 * "[object Object]". Undefined when there is nothing to show.
 */
export function messageText(value: unknown, max = 500): string | undefined {
	const parts: string[] = [];
	let length = 0;
	const visit = (entry: unknown, label: string | undefined, depth: number): void => {
		if (length > max) return;
		if (entry === undefined || entry === null || entry === '') return;
		if (typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean') {
			const text = `${label ? `${label}: ` : ''}${snippet(String(entry), max)}`;
			parts.push(text);
			length += text.length + 2;
			return;
		}
		if (depth >= 3) return;
		if (Array.isArray(entry)) {
			for (const item of entry.slice(0, 50)) visit(item, label, depth + 1);
			return;
		}
		if (typeof entry === 'object') {
			for (const [key, item] of Object.entries(entry as Record<string, unknown>).slice(0, 50)) {
				visit(item, label ? `${label}.${key}` : key, depth + 1);
			}
		}
	};
	visit(value, undefined, 0);
	if (!parts.length) return undefined;
	const joined = parts.join('; ');
	return joined.length > max ? `${joined.slice(0, max)}…` : joined;
}

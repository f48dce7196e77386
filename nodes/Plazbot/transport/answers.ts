import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { causeChain } from '../helpers/http';
import { isRecord } from '../helpers/records';
import { htmlPageText, messageText, snippet } from '../helpers/serverText';

/** One try's answer, no answer and why, or a refused sign-in. `notSent`: the sign-in's answer. */
export type Outcome =
	| { kind: 'response'; response: IN8nHttpFullResponse; notSent?: boolean }
	| TransportFailure
	| { kind: 'signInRefused'; wording: ErrorWording };

export interface TransportFailure {
	kind: 'transportError';
	code: string;
	detail: string;
	timedOut: boolean;
}

/** Plazbot wraps its answers in this envelope. */
export interface PlazbotEnvelope {
	success?: boolean;
	code?: number;
	errorCode?: string | null;
	message?: string;
	data?: unknown;
}

/** What the user reads: what happened and what to do. The client redacts it afterwards. */
export interface ErrorWording {
	message: string;
	description: string;
	httpCode?: string;
	/** Plazbot's own error code, when it gave one. */
	errorCode?: string;
}

/** Why a retryable answer was not tried again, when it matters to the user. */
export interface NotRetried {
	reason?: 'ambiguous' | 'retryAfterTooLong';
	retryAfterMs?: number;
	maxRetryAfterMs?: number;
}

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
const TLS_CODE_PATTERN = /CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_VERIFY/;
/** Our code for a redirect to another host, which n8n refuses because of `allowedDomains`. */
export const REDIRECTED_ELSEWHERE = 'REDIRECTED_TO_OTHER_HOST';
/** n8n 2.x: "Domain not allowed: …"; 1.x: "Redirected request failed: Domain not allowed: …". */
const N8N_DOMAIN_REFUSAL = /(?:^|: )Domain not allowed:/;

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

/** The envelope of a JSON answer; a bare record or list (hub Workspace by ID) is the data. */
export function asEnvelope(parsed: unknown): PlazbotEnvelope | undefined {
	if (Array.isArray(parsed)) return { success: true, data: parsed };
	if (!isRecord(parsed)) return undefined;
	if ('success' in parsed || 'data' in parsed) return parsed as PlazbotEnvelope;
	return { success: true, data: parsed };
}

/** `success: false`, also as text or 0. */
export function refused({ success }: { success?: unknown }): boolean {
	return (
		success === false ||
		success === 0 ||
		(typeof success === 'string' && success.trim().toLowerCase() === 'false')
	);
}

/** A try that got no complete answer within the Timeout option. */
export const TIMED_OUT: Outcome = {
	kind: 'transportError',
	code: 'ETIMEDOUT',
	detail: 'no complete answer within the Timeout',
	timedOut: true,
};

const retriedNote = (tries: number) => (tries > 1 ? ` (gave up after ${tries} attempts)` : '');

/** "an HTML page instead of JSON: "<its title>"", or undefined when the text is not HTML. */
function htmlNote(text: string): string | undefined {
	const page = htmlPageText(text);
	if (page === undefined) return undefined;
	return `an HTML page instead of JSON${page ? `: "${page}"` : ''}`;
}

/** A 2xx answer that carries no JSON: the Base URL points at something else than the API. */
export function notJsonAnswer(status: number, text: string): ErrorWording {
	const what =
		text.trim() === ''
			? 'an empty body'
			: (htmlNote(text) ?? `a body that is not JSON: "${snippet(text)}"`);
	return {
		message: `Plazbot answered HTTP ${status} with ${what}`,
		description:
			'Check that the Base URL in the Plazbot API credential points at the Plazbot API, not a website or proxy.',
		httpCode: String(status),
	};
}

/** An answer that refuses the request: an HTTP error status, or `success: false`. */
export function refusedAnswer(
	status: number,
	text: string,
	envelope: PlazbotEnvelope | undefined,
	attempts: number,
	notRetried: NotRetried = {},
	/** An Email and Password credential: its 401 is a refused session token, not an API Key. */
	signIn = false,
): ErrorWording {
	const ok = status >= 200 && status < 300;
	const plazbotMessage = messageText(envelope?.message);
	const page = htmlNote(text);
	const body =
		text.trim() === '' ? ' with an empty body' : page ? ` with ${page}` : `: "${snippet(text)}"`;
	let message = plazbotMessage
		? `Plazbot error${ok ? '' : ` ${status}`}: ${plazbotMessage}`
		: `Plazbot answered HTTP ${status}${body}`;
	message += retriedNote(attempts);
	let description = hintFor(status, envelope, signIn);
	const { reason, retryAfterMs, maxRetryAfterMs } = notRetried;
	if (reason === 'retryAfterTooLong' && retryAfterMs !== undefined && maxRetryAfterMs) {
		message += `. Plazbot asked to wait ${duration(retryAfterMs)} before trying again (Retry-After); the node waits at most ${duration(maxRetryAfterMs)}`;
		description = `Plazbot asked to wait ${duration(retryAfterMs)}. Run the item again after that time, or lower the request rate in the node Options.`;
	} else if (reason === 'ambiguous') {
		description =
			'A gateway error can come after Plazbot accepted the request, so it was not repeated automatically: check in Plazbot whether it went through before sending again. Turn on the "Retry on Connection Drop" option to repeat such requests (this can send a message twice).';
	}
	const code = envelope?.code as unknown;
	return {
		message,
		description,
		httpCode:
			ok && (typeof code === 'number' || typeof code === 'string') ? String(code) : String(status),
		errorCode: typeof envelope?.errorCode === 'string' ? envelope.errorCode : undefined,
	};
}

/** A redirect not followed: n8n re-sends a POST redirected with 301/302/303 as a GET. */
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
function duration(ms: number): string {
	const seconds = Math.ceil(ms / 1000);
	if (seconds < 120) return `${seconds} s`;
	const minutes = Math.ceil(seconds / 60);
	if (minutes < 120) return `${minutes} min`;
	return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
}

const CHECK_BASE_URL = 'Check the Base URL in the Plazbot API credential';
const RETRY_ON_DROP =
	'Turn on the "Retry on Connection Drop" option to retry such requests (this can send a message twice).';
/** No answer: each cause's message (given the host), hint, and whether it never reached Plazbot. */
const TRANSPORT_FAILURES: Array<
	[(code: string) => boolean, (host: string) => string, string, boolean]
> = [
	[
		(code) => code === 'ECONNREFUSED',
		(host) => `Could not connect to Plazbot at ${host}: the connection was refused`,
		`${CHECK_BASE_URL} and that the server is running.`,
		true,
	],
	[
		(code) => code === 'ENOTFOUND' || code === 'EAI_AGAIN',
		(host) => `Could not find the Plazbot server ${host}: the name does not resolve`,
		`${CHECK_BASE_URL} for typos, and the DNS of the n8n host.`,
		true,
	],
	[
		(code) => TLS_CODE_PATTERN.test(code),
		(host) =>
			`Could not establish a secure connection to ${host}: the TLS certificate was not accepted`,
		'Check that the Base URL uses the Plazbot host name and that no proxy replaces its certificate.',
		true,
	],
	[
		(code) => code === REDIRECTED_ELSEWHERE,
		(host) =>
			`Plazbot at ${host} redirected the request to another host; the redirect was not followed`,
		`The Workspace ID and API Key are only ever sent to the host of the Base URL. ${CHECK_BASE_URL}: use the address the Plazbot API answers at directly.`,
		true,
	],
	[
		(code) => DROPPED_CONNECTION_CODES.has(code),
		(host) => `The connection to Plazbot at ${host} was dropped before an answer arrived`,
		`The request may already have been processed, so it was not repeated automatically. ${RETRY_ON_DROP}`,
		false,
	],
];
const MAY_HAVE_BEEN_SENT =
	'Plazbot may have received the request: the message may have been sent. It was not repeated automatically; check in Plazbot whether it went through before sending it again.';

/** No answer: the connection failed, dropped, timed out, or was redirected elsewhere. */
export function transportFailure(
	failure: TransportFailure,
	host: string,
	timeoutMs: number,
	attempts: number,
	/** A request that sends or changes something (not a GET): what may have happened to it matters. */
	sends = false,
): ErrorWording {
	let message: string;
	let hint: string;
	if (failure.timedOut) {
		message = `Plazbot did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : duration(timeoutMs)}`;
		hint =
			'The request may still have been processed. Raise the Timeout option, or check Plazbot before sending again.';
	} else {
		const known = TRANSPORT_FAILURES.find(([matches]) => matches(failure.code));
		message = known ? known[1](host) : `The request to Plazbot at ${host} failed`;
		hint = known ? known[2] : `${CHECK_BASE_URL} and the network of the n8n host.`;
		if (sends && !known?.[3]) {
			hint = known
				? `${MAY_HAVE_BEEN_SENT} ${RETRY_ON_DROP}`
				: `${MAY_HAVE_BEEN_SENT} If nothing arrived, check the Base URL in the Plazbot API credential and the network of the n8n host.`;
		}
	}
	return {
		message: `${message}${retriedNote(attempts)}`,
		description: `${hint} (${failure.code}: ${failure.detail})`,
	};
}

function hintFor(status: number, envelope: PlazbotEnvelope | undefined, signIn: boolean): string {
	if (status === 401 && signIn)
		return 'Plazbot refused the session token of the Email and Password sign-in, also after signing in again. Check the Email and Password in the Plazbot API credential, and that this user belongs to the workspace of the Workspace ID.';
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

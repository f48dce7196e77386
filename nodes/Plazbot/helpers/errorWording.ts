import { DROPPED_CONNECTION_CODES, REDIRECTED_ELSEWHERE, type TransportFailure } from './http';
import type { PlazbotEnvelope } from './records';
import { htmlPageText, messageText, snippet } from './serverText';

/** What the user reads: what happened and what to do. The client redacts it afterwards. */
export interface ErrorWording {
	message: string;
	description: string;
	httpCode?: string;
	errorCode?: string; // Plazbot's own, when it gave one
}

/** Why a retryable answer was not tried again, when it matters to the user. */
export interface NotRetried {
	reason?: 'ambiguous' | 'retryAfterTooLong';
	retryAfterMs?: number;
	maxRetryAfterMs?: number;
}

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

const STATUS_HINTS: Record<number, string> = {
	401: 'Check the API Key in the Plazbot API credential.',
	403: 'Check the Workspace ID in the Plazbot API credential and that the API key belongs to it.',
	404: 'Check the ID you gave and the Workspace ID in the Plazbot API credential.',
	429: 'Plazbot is rate limiting this workspace. Lower the request rate in the node Options, or raise Max Attempts.',
};

function hintFor(status: number, envelope: PlazbotEnvelope | undefined, signIn: boolean): string {
	if (status === 401 && signIn)
		return 'Plazbot refused the session token of the Email and Password sign-in, also after signing in again. Check the Email and Password in the Plazbot API credential, and that this user belongs to the workspace of the Workspace ID.';
	if (status in STATUS_HINTS) return STATUS_HINTS[status];
	if (status >= 500)
		return 'Plazbot had a problem processing the request. Try again later; if it persists, contact Plazbot support.';
	if (envelope && status < 300)
		return 'Plazbot refused the request. Check the values sent for this item.';
	if (envelope?.message)
		return 'Plazbot refused a value sent for this item: correct the value its message names, then run the item again.';
	return 'Check the values sent for this item.';
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

/** Plazbot refused the Email and Password sign-in: said once, for every item. */
export function signInRefused(message: string, status: number): ErrorWording {
	return {
		message,
		description:
			'Open the Plazbot API credential and check the Email and Password (and the Workspace ID). The node signed in once for this execution and not again for the other items, so that the account is not locked; nothing was sent.',
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
const MAY_HAVE_BEEN_SENT =
	'Plazbot may have received the request: the message may have been sent. It was not repeated automatically; check in Plazbot whether it went through before sending it again.';

/** A failure without an answer the node can explain: its message, hint, and whether it was sent. */
interface KnownFailure {
	says: (host: string) => string;
	hint: string;
	neverReachedPlazbot: boolean;
}
const TLS_CODE_PATTERN = /CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_VERIFY/;
type Cause = 'refused' | 'notFound' | 'tls' | 'redirected' | 'dropped';

function causeOf(code: string): Cause | undefined {
	if (code === 'ECONNREFUSED') return 'refused';
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'notFound';
	if (TLS_CODE_PATTERN.test(code)) return 'tls';
	if (code === REDIRECTED_ELSEWHERE) return 'redirected';
	if (DROPPED_CONNECTION_CODES.has(code)) return 'dropped';
	return undefined;
}

const TRANSPORT_FAILURES: Record<Cause, KnownFailure> = {
	refused: {
		says: (host) => `Could not connect to Plazbot at ${host}: the connection was refused`,
		hint: `${CHECK_BASE_URL} and that the server is running.`,
		neverReachedPlazbot: true,
	},
	notFound: {
		says: (host) => `Could not find the Plazbot server ${host}: the name does not resolve`,
		hint: `${CHECK_BASE_URL} for typos, and the DNS of the n8n host.`,
		neverReachedPlazbot: true,
	},
	tls: {
		says: (host) =>
			`Could not establish a secure connection to ${host}: the TLS certificate was not accepted`,
		hint: 'Check that the Base URL uses the Plazbot host name and that no proxy replaces its certificate.',
		neverReachedPlazbot: true,
	},
	redirected: {
		says: (host) =>
			`Plazbot at ${host} redirected the request to another host; the redirect was not followed`,
		hint: `The Workspace ID and API Key are only ever sent to the host of the Base URL. ${CHECK_BASE_URL}: use the address the Plazbot API answers at directly.`,
		neverReachedPlazbot: true,
	},
	dropped: {
		says: (host) => `The connection to Plazbot at ${host} was dropped before an answer arrived`,
		hint: `The request may already have been processed, so it was not repeated automatically. ${RETRY_ON_DROP}`,
		neverReachedPlazbot: false,
	},
};

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
		const cause = causeOf(failure.code);
		const known = cause && TRANSPORT_FAILURES[cause];
		message = known ? known.says(host) : `The request to Plazbot at ${host} failed`;
		hint = known ? known.hint : `${CHECK_BASE_URL} and the network of the n8n host.`;
		if (sends && !known?.neverReachedPlazbot) {
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

import type { PlazbotEnvelope, TransportFailure } from './response';
import { DROPPED_CONNECTION_CODES, REDIRECTED_ELSEWHERE, TLS_CODE_PATTERN } from './response';
import { MAX_RETRY_AFTER_MS } from './retryPolicy';
import { htmlPageText, messageText, snippet } from './text';

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
	if (notRetried.reason === 'retryAfterTooLong' && notRetried.retryAfterMs !== undefined) {
		message += `. Plazbot asked to wait ${duration(notRetried.retryAfterMs)} before trying again (Retry-After); the node waits at most ${duration(MAX_RETRY_AFTER_MS)}`;
		description = `Plazbot asked to wait ${duration(notRetried.retryAfterMs)}. Run the item again after that time, or lower the request rate in the node Options.`;
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

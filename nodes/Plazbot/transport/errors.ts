import type { PlazbotEnvelope, TransportFailure } from './response';
import { DROPPED_CONNECTION_CODES, REDIRECTED_ELSEWHERE, TLS_CODE_PATTERN } from './response';
import { htmlPageText, snippet } from './text';

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

const retriedNote = (attempts: number) => (attempts > 1 ? ` (gave up after ${attempts} attempts)` : '');

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
		description: 'Check that the Base URL in the Plazbot API credential points at the Plazbot API, not a website or proxy.',
		httpCode: String(status),
	};
}

/** An answer that refuses the request: an HTTP error status, or `success: false`. */
export function refusedAnswer(
	status: number,
	text: string,
	envelope: PlazbotEnvelope | undefined,
	attempts: number,
): ErrorWording {
	const ok = status >= 200 && status < 300;
	const page = htmlPageText(text);
	const pageNote = page === undefined ? undefined : `an HTML page instead of JSON${page ? `: "${page}"` : ''}`;
	const plazbotMessage = envelope?.message ? String(envelope.message) : undefined;
	const summary = plazbotMessage
		? `Plazbot error${ok ? '' : ` ${status}`}: ${plazbotMessage}`
		: `Plazbot answered HTTP ${status}${
				text.trim() === '' ? ' with an empty body' : pageNote ? ` with ${pageNote}` : `: "${snippet(text)}"`
			}`;
	return {
		message: `${summary}${retriedNote(attempts)}`,
		description: hintFor(status, envelope),
		httpCode: ok ? String(envelope?.code ?? status) : String(status),
		errorCode: envelope?.errorCode ?? undefined,
	};
}

/** No answer: the connection failed, dropped, timed out, or was redirected elsewhere. */
export function transportFailure(failure: TransportFailure, host: string, timeoutMs: number, attempts: number): ErrorWording {
	let message: string;
	let hint: string;
	if (failure.timedOut) {
		message = `Plazbot did not answer within ${Math.round(timeoutMs / 1000)} s`;
		hint = 'The request may still have been processed. Raise the Timeout option, or check Plazbot before sending again.';
	} else if (failure.code === 'ECONNREFUSED') {
		message = `Could not connect to Plazbot at ${host}: the connection was refused`;
		hint = 'Check the Base URL in the Plazbot API credential and that the server is running.';
	} else if (failure.code === 'ENOTFOUND' || failure.code === 'EAI_AGAIN') {
		message = `Could not find the Plazbot server ${host}: the name does not resolve`;
		hint = 'Check the Base URL in the Plazbot API credential for typos, and the DNS of the n8n host.';
	} else if (TLS_CODE_PATTERN.test(failure.code)) {
		message = `Could not establish a secure connection to ${host}: the TLS certificate was not accepted`;
		hint = 'Check that the Base URL uses the Plazbot host name and that no proxy replaces its certificate.';
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
	return { message: `${message}${retriedNote(attempts)}`, description: `${hint} (${failure.code}: ${failure.detail})` };
}

function hintFor(status: number, envelope: PlazbotEnvelope | undefined): string {
	if (status === 401) return 'Check the API Key in the Plazbot API credential.';
	if (status === 403) return 'Check the Workspace ID in the Plazbot API credential and that the API key belongs to it.';
	if (status === 404) return 'Check the ID you gave and the Workspace ID in the Plazbot API credential.';
	if (status === 429) return 'Plazbot is rate limiting this workspace. Lower the request rate in the node Options, or raise Max Attempts.';
	if (status >= 500) return 'Plazbot had a problem processing the request. Try again later; if it persists, contact Plazbot support.';
	if (envelope?.success === false && status < 300) return 'Plazbot refused the request. Check the values sent for this item.';
	if (envelope?.message) return 'Plazbot refused a value sent for this item: correct the value its message names, then run the item again.';
	return 'Check the values sent for this item.';
}

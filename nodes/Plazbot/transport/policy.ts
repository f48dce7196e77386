import type {
	ICredentialDataDecryptedObject,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { EMAIL_PASSWORD, readSignInFailure } from '../helpers/credentialRules';
import { type ErrorWording, type NotRetried, signInRefused } from '../helpers/errorWording';
import {
	causeChain,
	DROPPED_CONNECTION_CODES,
	headerValue,
	parseRetryAfter,
	type TransportFailure,
} from '../helpers/http';

/** One try's answer, no answer and why, or a refused sign-in. `notSent`: the sign-in's answer. */
export type Outcome =
	| { kind: 'response'; response: IN8nHttpFullResponse; notSent?: boolean }
	| TransportFailure
	| { kind: 'signInRefused'; wording: ErrorWording };

/** The node's Options, read once per run. */
export const DEFAULT_DELIVERY_POLICY = {
	maxAttempts: 5, // tries of one request, the first included
	retryOnConnectionDrop: false, // a dropped connection is ambiguous: the message may have gone out
	timeoutMs: 30_000,
	minSpacingMs: 0, // between the starts of two requests of this execution
	maxInFlight: 5, // the Concurrency option (Adaptive's ceiling)
	backoffBaseMs: 1_000, // the first backoff step; doubles on each retry, with jitter
	stopAtFirstError: false, // Continue On Fail off: send nothing after the first failed item
	adaptive: false,
};
export type DeliveryPolicy = typeof DEFAULT_DELIVERY_POLICY;

/** "Not processed, try later": safe to repeat. A 503 only with a Retry-After (see ambiguous). */
const NOT_PROCESSED_STATUSES = new Set([429, 503]);
// A gateway's 502/504, and a bare 503, can come after Plazbot accepted the request: repeated for
// a send only when the user opted in (Retry on Connection Drop), as a dropped connection.
const GATEWAY_STATUSES = new Set([502, 504]);
const MAX_BACKOFF_MS = 30_000;
/** A longer Retry-After fails the item, saying how long Plazbot asked for. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

type RetryDecision = { retry: true; delayMs: number } | ({ retry: false } & NotRetried);

/** The Retry-After of an answer that may be tried again (429, 502, 503, 504), read once per try. */
export function retryAfterOf(outcome: Outcome): number | undefined {
	if (outcome.kind !== 'response') return undefined;
	const { statusCode, headers } = outcome.response;
	if (!NOT_PROCESSED_STATUSES.has(statusCode) && !GATEWAY_STATUSES.has(statusCode))
		return undefined;
	return parseRetryAfter(headerValue(headers, 'retry-after'));
}

/** Whether to try again, after how long, or why not. `retryAfter`: retryAfterOf(outcome). */
export function retryDecision(
	policy: DeliveryPolicy,
	method: IHttpRequestMethods,
	outcome: Outcome,
	attempt: number,
	retryAfter: number | undefined,
): RetryDecision {
	const mayRepeat = method === 'GET' || policy.retryOnConnectionDrop;
	if (outcome.kind === 'signInRefused') return { retry: false };
	if (outcome.kind === 'transportError') {
		const dropped = DROPPED_CONNECTION_CODES.has(outcome.code) || outcome.timedOut;
		if (!dropped || attempt >= policy.maxAttempts || !policy.retryOnConnectionDrop)
			return { retry: false };
		return { retry: true, delayMs: jitteredBackoff(policy.backoffBaseMs, attempt) };
	}
	const status = outcome.response.statusCode;
	const ambiguous =
		!outcome.notSent &&
		(GATEWAY_STATUSES.has(status) || (status === 503 && retryAfter === undefined));
	if (!NOT_PROCESSED_STATUSES.has(status) && !ambiguous) return { retry: false };
	if (ambiguous && !mayRepeat) return { retry: false, reason: 'ambiguous' };
	if (retryAfter !== undefined && retryAfter > MAX_RETRY_AFTER_MS) {
		return {
			retry: false,
			reason: 'retryAfterTooLong',
			retryAfterMs: retryAfter,
			maxRetryAfterMs: MAX_RETRY_AFTER_MS,
		};
	}
	if (attempt >= policy.maxAttempts) return { retry: false };
	// A little extra on top of Retry-After so that no retry lands before the server allows it.
	if (retryAfter !== undefined)
		return { retry: true, delayMs: retryAfter + Math.round(Math.random() * 100) };
	return { retry: true, delayMs: jitteredBackoff(policy.backoffBaseMs, attempt) };
}

function jitteredBackoff(baseMs: number, attempt: number): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

// An "Email and Password" session. n8n signs in (preAuthentication) whenever `sessionToken` is
// empty. Plazbot answers 401 to an expired token, and did not act: the token is emptied and the
// request sent again. While it is empty one request goes out at a time; the others use its token.
export class Session {
	private signingIn?: Promise<unknown>;
	private refusal?: Outcome;
	/** Every session token a request of this run carried, for redaction. */
	readonly tokensSent = new Set<string>();
	readonly usesSignIn = this.credentials.authentication === EMAIL_PASSWORD;

	constructor(private readonly credentials: ICredentialDataDecryptedObject) {}

	/** One try, signing in first (through n8n) if no token is held; tells which token it carried. */
	async send(attempt: () => Promise<Outcome>): Promise<{ outcome: Outcome; tokenSent: string }> {
		if (!this.usesSignIn) return { outcome: await attempt(), tokenSent: '' };
		while (this.signingIn) await this.signingIn.catch(() => undefined);
		const held = this.token();
		if (held !== '') {
			this.tokensSent.add(held);
			return { outcome: await attempt(), tokenSent: held };
		}
		// Plazbot refused this credential's sign-in once in this run: not again for every item.
		if (this.refusal) return { outcome: this.refusal, tokenSent: '' };
		const signingIn = attempt();
		this.signingIn = signingIn;
		try {
			const outcome = await signingIn;
			if (outcome.kind === 'signInRefused') this.refusal = outcome;
			const tokenSent = this.token();
			if (tokenSent) this.tokensSent.add(tokenSent);
			return { outcome, tokenSent };
		} finally {
			this.signingIn = undefined;
		}
	}

	// After a 401: "signIn" when the refused token is the one held (dropped, the next try signs in);
	// "renewed" when another request already signed in again (which revokes older tokens).
	refused(outcome: Outcome, tokenSent: string): 'signIn' | 'renewed' | undefined {
		if (!this.usesSignIn || outcome.kind !== 'response' || outcome.response.statusCode !== 401)
			return undefined;
		if (this.token() !== tokenSent) return 'renewed';
		this.credentials.sessionToken = '';
		return 'signIn';
	}

	// A try whose sign-in failed, so the request never left. Refused: every item's error, without
	// signing in again. 429 or 503: retried as any is. Undefined for any other failure.
	signInOutcome(error: unknown, redact: (text: string) => string): Outcome | undefined {
		if (!this.usesSignIn) return undefined;
		const failure = causeChain(error)
			.map(({ message }) => (typeof message === 'string' ? readSignInFailure(message) : undefined))
			.find((found) => found !== undefined);
		if (!failure) return undefined;
		const message = redact(failure.message);
		if (failure.refused)
			return { kind: 'signInRefused', wording: signInRefused(message, failure.status) };
		return {
			kind: 'response',
			notSent: true,
			response: {
				statusCode: failure.status,
				headers: failure.retryAfter ? { 'retry-after': failure.retryAfter } : {},
				body: JSON.stringify({ success: false, message }),
			},
		};
	}

	private token(): string {
		return String(this.credentials.sessionToken ?? '');
	}
}

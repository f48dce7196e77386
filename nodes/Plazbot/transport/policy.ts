import type { ICredentialDataDecryptedObject, IHttpRequestMethods } from 'n8n-workflow';

import { EMAIL_PASSWORD, readSignInFailure } from '../helpers/credentialRules';
import { causeChain, headerValue } from '../helpers/http';
import { waitFor } from '../helpers/wait';

import type { NotRetried, Outcome } from './answers';
import { DROPPED_CONNECTION_CODES } from './answers';

/** How one execution delivers its requests: the node's Options, read once per run. */
export interface DeliveryPolicy {
	/** Total tries of one request, the first included. 1 turns retries off. */
	maxAttempts: number;
	/** A dropped connection after sending is ambiguous: the message may have gone out. */
	retryOnConnectionDrop: boolean;
	timeoutMs: number;
	/** Smallest gap between the starts of two requests of this execution (throttling). */
	minSpacingMs: number;
	/** Most requests on the wire at once: the Concurrency option (Adaptive's ceiling). */
	maxInFlight: number;
	/** First backoff step; doubles on each retry, with jitter. */
	backoffBaseMs: number;
	/** The run ends at the first failed item (Continue On Fail off): send nothing after it. */
	stopAtFirstError: boolean;
	/** Rate Control "Adaptive": requests in flight follow Plazbot's answers (throttle.ts). */
	adaptive: boolean;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
	maxAttempts: 5,
	retryOnConnectionDrop: false,
	timeoutMs: 30_000,
	minSpacingMs: 0,
	maxInFlight: 5,
	backoffBaseMs: 1_000,
	stopAtFirstError: false,
	adaptive: false,
};

/**
 * Request starts at least `minSpacingMs` apart (or the adaptive spacing, if larger), one waiter at
 * a time in call order, each from the previous real start: slots booked in advance would let a
 * late timer release two requests back to back.
 */
export class RequestPacer {
	private lastStart = Number.NEGATIVE_INFINITY;
	private queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly minSpacingMs: number,
		private readonly adaptiveSpacingMs?: () => number,
	) {}

	async wait(signal?: AbortSignal): Promise<void> {
		if (this.minSpacingMs <= 0 && !this.adaptiveSpacingMs) return;
		const turn = this.queue.then(async () => {
			// A timer may fire a millisecond early by Date.now(), so check again after it.
			for (let remaining = this.remaining(); remaining > 0; remaining = this.remaining()) {
				await waitFor(remaining, signal);
			}
			this.lastStart = Date.now();
		});
		// A cancelled waiter must not block the ones behind it.
		this.queue = turn.catch(() => undefined);
		await turn;
	}

	/** +1: two Date.now() readings `spacing` apart can be up to 1 ms closer in truth. */
	private remaining(): number {
		const spacing = Math.max(this.minSpacingMs, this.adaptiveSpacingMs?.() ?? 0);
		return this.lastStart + spacing + 1 - Date.now();
	}
}

/**
 * Answers that mean "not processed, try later": safe to repeat any request. A 503 says so only
 * with a Retry-After (the server asks to come back); a bare 503 is what a gateway or load balancer
 * also answers after the request reached Plazbot, as ambiguous as 502/504.
 */
const NOT_PROCESSED_STATUSES = new Set([429, 503]);
/**
 * A gateway's 502/504, and a 503 without Retry-After, can come after Plazbot accepted the request:
 * like a dropped connection, they are repeated for a request that creates or sends only when the
 * user opted in (Retry on Connection Drop).
 */
const GATEWAY_STATUSES = new Set([502, 504]);
const MAX_BACKOFF_MS = 30_000;
/**
 * A Retry-After longer than this is not waited for: the item fails and says how long Plazbot asked
 * for.
 */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

export type RetryDecision = { retry: true; delayMs: number } | ({ retry: false } & NotRetried);

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
		if (!dropped || attempt >= policy.maxAttempts) return { retry: false };
		return policy.retryOnConnectionDrop
			? { retry: true, delayMs: jitteredBackoff(policy.backoffBaseMs, attempt) }
			: { retry: false };
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

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
	// Only a real HTTP date: Date.parse reads "1 2" or "99" as dates too.
	if (trimmed.length > 64 || !/[A-Za-z]{3}/.test(trimmed)) return undefined;
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/**
 * An "Email and Password" credential's session. n8n signs in (preAuthentication) whenever
 * `sessionToken` is empty and writes the token into the decrypted credential this client hands to
 * every request. Plazbot answers 401 once the token expires: the client empties it and sends the
 * request again, which makes n8n sign in anew (a 401 was not acted on, so nothing goes out twice).
 * While the token is empty, one request at a time goes out: the others then use its token.
 */
export class Session {
	private signingIn?: Promise<unknown>;
	private refusal?: Outcome;
	/** Every session token a request of this run carried, for redaction. */
	readonly tokensSent = new Set<string>();

	constructor(private readonly credentials: ICredentialDataDecryptedObject) {}

	get usesSignIn(): boolean {
		return this.credentials.authentication === EMAIL_PASSWORD;
	}

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

	/**
	 * After Plazbot refused a session token (401): "signIn" when it was the token held, which is
	 * dropped so that the next try signs in; "renewed" when another request already holds a newer
	 * one (a sign-in revokes older tokens), which the next try carries without signing in.
	 */
	refused(outcome: Outcome, tokenSent: string): 'signIn' | 'renewed' | undefined {
		if (!this.usesSignIn || outcome.kind !== 'response' || outcome.response.statusCode !== 401)
			return undefined;
		if (this.token() !== tokenSent) return 'renewed';
		this.credentials.sessionToken = '';
		return 'signIn';
	}

	/**
	 * The outcome of a try whose sign-in (n8n's preAuthentication) failed: the request never left.
	 * Refused: the error every item of the run gets, without signing in again. Not now (429, 503):
	 * the sign-in's answer, retried as any 429 or 503 is. Undefined for any other failure.
	 */
	signInOutcome(error: unknown, redact: (text: string) => string): Outcome | undefined {
		if (!this.usesSignIn) return undefined;
		const failure = causeChain(error)
			.map(({ message }) => (typeof message === 'string' ? readSignInFailure(message) : undefined))
			.find((found) => found !== undefined);
		if (!failure) return undefined;
		const message = redact(failure.message);
		if (failure.refused) {
			return {
				kind: 'signInRefused',
				wording: {
					message,
					description:
						'Open the Plazbot API credential and check the Email and Password (and the Workspace ID). The node signed in once for this execution and not again for the other items, so that the account is not locked; nothing was sent.',
					httpCode: String(failure.status),
				},
			};
		}
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

	token(): string {
		return String(this.credentials.sessionToken ?? '');
	}
}

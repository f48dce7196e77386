import type { DeliveryPolicy } from './deliveryPolicy';
import type { Outcome } from './response';
import { DROPPED_CONNECTION_CODES, headerValue } from './response';

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const MAX_BACKOFF_MS = 30_000;
/** A Retry-After longer than this is not waited for: the item fails and says so. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** How long to wait before trying again, or undefined when this outcome is final. */
export function retryDelay(policy: DeliveryPolicy, outcome: Outcome, attempt: number): number | undefined {
	if (attempt >= policy.maxAttempts) return undefined;
	const backoff = jitteredBackoff(policy.backoffBaseMs, attempt);
	if (outcome.kind === 'transportError') {
		const dropped = DROPPED_CONNECTION_CODES.has(outcome.code) || outcome.timedOut;
		return dropped && policy.retryOnConnectionDrop ? backoff : undefined;
	}
	const status = outcome.response.statusCode;
	if (!RETRYABLE_STATUSES.has(status)) return undefined;
	const retryAfter = parseRetryAfter(headerValue(outcome.response.headers, 'retry-after'));
	if (retryAfter === undefined) return backoff;
	if (retryAfter > MAX_RETRY_AFTER_MS) return undefined;
	// A little extra on top of Retry-After so that no retry lands before the server allows it.
	return retryAfter + Math.round(Math.random() * 100);
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
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

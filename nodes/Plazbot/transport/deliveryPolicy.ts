/** How one execution delivers its requests: the node's Options, read once per run. */
export interface DeliveryPolicy {
	/** Total tries of one request, the first included. 1 turns retries off. */
	maxAttempts: number;
	/** A dropped connection after sending is ambiguous: the message may have gone out. */
	retryOnConnectionDrop: boolean;
	timeoutMs: number;
	/** Smallest gap between the starts of two requests of this execution (throttling). */
	minSpacingMs: number;
	/** Most requests on the wire at once (the Concurrency option). */
	maxInFlight: number;
	/** First backoff step; doubles on each retry, with jitter. */
	backoffBaseMs: number;
	/** The run ends at the first failed item (Continue On Fail off): send nothing after it. */
	stopAtFirstError: boolean;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
	maxAttempts: 5,
	retryOnConnectionDrop: false,
	timeoutMs: 30_000,
	minSpacingMs: 0,
	maxInFlight: 5,
	backoffBaseMs: 1_000,
	stopAtFirstError: false,
};

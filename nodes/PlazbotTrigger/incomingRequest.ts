import type { IDataObject } from 'n8n-workflow';
import { randomString } from 'n8n-workflow';

/**
 * The query parameter that carries the webhook's secret. Plazbot does not sign its calls, so a
 * URL only Plazbot knows is what tells its calls apart from anyone else's.
 */
export const SECRET_QUERY_PARAMETER = 'token';

/** What the trigger registered for its number, kept in the workflow's static data. */
export interface Registration {
	number: string;
	/** n8n's URL for this node, without the secret. */
	webhookUrl: string;
	secret: string;
}

/** 32 letters and digits from n8n's cryptographic random source: about 190 bits. */
export function newSecret(): string {
	return randomString(32);
}

/** The URL Plazbot is given: n8n's URL for this node with the secret added. */
export function urlWithSecret(webhookUrl: string, secret: string): string {
	const url = new URL(webhookUrl);
	url.searchParams.set(SECRET_QUERY_PARAMETER, secret);
	return url.toString();
}

export function readRegistration(value: unknown): Registration | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const { number, webhookUrl, secret } = value as Record<string, unknown>;
	if (
		typeof number !== 'string' ||
		typeof webhookUrl !== 'string' ||
		typeof secret !== 'string' ||
		secret === ''
	)
		return undefined;
	return { number, webhookUrl, secret };
}

/**
 * Whether what we registered is still what this node needs. Plazbot has no call that reads the
 * registered URL, so the record of our own registration is all there is to go by: anything else
 * (nothing recorded, another number, another URL) means register again.
 */
export function isRegisteredAs(
	registration: Registration | undefined,
	number: string,
	webhookUrl: string,
): boolean {
	return (
		registration !== undefined &&
		registration.number === number &&
		registration.webhookUrl === webhookUrl
	);
}

/**
 * Compares every character whatever the first difference, so that the answer's timing does not
 * reveal how much of a guess was right (node:crypto is not available to community nodes).
 */
export function secretMatches(given: unknown, expected: string | undefined): boolean {
	if (!expected || typeof given !== 'string' || given.length !== expected.length) return false;
	let difference = 0;
	for (let index = 0; index < expected.length; index++)
		difference |= given.charCodeAt(index) ^ expected.charCodeAt(index);
	return difference === 0;
}

export type Verdict =
	| { accept: true; json: IDataObject }
	| { accept: false; status: number; message: string };

export interface IncomingRequest {
	/** The secret query parameter as received (a repeated parameter arrives as a list). */
	givenSecret: unknown;
	/** Undefined when this node has registered nothing: then every call is refused. */
	expectedSecret: string | undefined;
	contentType: string | undefined;
	/** The body's size in bytes as received; undefined when n8n did not keep the raw body. */
	rawLength: number | undefined;
	/** The body as n8n parsed it (JSON for application/json). */
	body: unknown;
}

/**
 * Decides whether a call starts an execution. Refusals name what is wrong without echoing
 * anything the caller sent; the secret is checked first, so that a caller without it learns
 * nothing else about the endpoint.
 */
export function judgeIncomingRequest(request: IncomingRequest): Verdict {
	if (!secretMatches(request.givenSecret, request.expectedSecret)) {
		return {
			accept: false,
			status: 401,
			message:
				'Unauthorized: this URL accepts only calls from Plazbot, which carry the secret it was registered with',
		};
	}
	const mediaType = (request.contentType ?? '').split(';')[0].trim().toLowerCase();
	if (mediaType !== 'application/json') {
		return {
			accept: false,
			status: 415,
			message: `Unsupported content type "${mediaType || 'none'}": the Plazbot Trigger accepts JSON bodies (Content-Type: application/json)`,
		};
	}
	if (request.rawLength === 0) {
		return {
			accept: false,
			status: 400,
			message:
				'The body is empty: the Plazbot Trigger expects a JSON object describing the message',
		};
	}
	const { body } = request;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return {
			accept: false,
			status: 400,
			message:
				'The body is JSON but not an object: the Plazbot Trigger expects a JSON object describing the message',
		};
	}
	return { accept: true, json: body as IDataObject };
}

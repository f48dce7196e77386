import type { IDataObject } from 'n8n-workflow';
import { randomString } from 'n8n-workflow';

import {
	isForAnotherNumber,
	normalizeMessage,
	outputItem,
	readIncomingBody,
} from './incomingPayload';

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
	| { accept: true; items: IDataObject[] }
	| { accept: false; status: number; message: string };

export interface IncomingRequest {
	/** The secret query parameter as received (a repeated parameter arrives as a list). */
	givenSecret: unknown;
	/**
	 * The secrets this node gave Plazbot: the recorded one, and the one of a registration whose
	 * record is not saved yet. None when this node has registered nothing: every call is refused.
	 */
	expectedSecrets: ReadonlyArray<string | undefined>;
	contentType: string | undefined;
	/** The body as received, when n8n kept it. */
	rawText: string | undefined;
	/** The body as n8n parsed it. */
	body: unknown;
	/**
	 * The trigger's WhatsApp number (digits); a message the body says went to another starts nothing.
	 */
	ownNumber: string | undefined;
}

/**
 * Decides whether a call starts an execution, and with which items. Refusals name what is wrong
 * without echoing anything the caller sent; the secret is checked first, so that a caller without
 * it learns nothing else about the endpoint.
 */
export function judgeIncomingRequest(request: IncomingRequest): Verdict {
	if (!request.expectedSecrets.some((expected) => secretMatches(request.givenSecret, expected))) {
		return {
			accept: false,
			status: 401,
			message:
				'Unauthorized: this URL accepts only calls from Plazbot, which carry the secret it was registered with',
		};
	}
	const reading = readIncomingBody(request);
	if (!reading.ok) return { accept: false, status: reading.status, message: reading.message };
	const items: IDataObject[] = [];
	for (const record of reading.records) {
		const message = normalizeMessage(record);
		if (request.ownNumber && isForAnotherNumber(message, request.ownNumber)) continue;
		items.push(outputItem(record, message));
	}
	if (items.length === 0) {
		// A 2xx all the same: the call was Plazbot's and well formed, so it must not be sent again.
		return {
			accept: false,
			status: 200,
			message:
				reading.records.length === 0
					? 'No message in the body: nothing started'
					: 'The message was sent to another WhatsApp number than this trigger’s: nothing started',
		};
	}
	return { accept: true, items };
}

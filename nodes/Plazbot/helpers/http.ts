import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { isRecord } from './records';

/** A header of an answer, whatever the case of its name; the first value of a repeated one. */
export function headerValue(
	headers: IN8nHttpFullResponse['headers'] | undefined,
	name: string,
): string | undefined {
	const value = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
	return Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
}

/**
 * An answer's body as text. The body comes as bytes (the client asks n8n for an arraybuffer) and
 * is decoded by the Content-Type's charset: n8n's text decoding assumes UTF-8 and turns an
 * ISO-8859-1 "Número no válido" into "N�mero no v�lido". Without a charset, UTF-8 when the bytes
 * are valid UTF-8, otherwise Windows-1252 (ISO-8859-1's superset, what such servers send).
 */
export function bodyText(body: unknown, contentType?: string): string {
	if (body === undefined || body === null) return '';
	if (typeof body === 'string') return body;
	const bytes =
		body instanceof ArrayBuffer
			? new Uint8Array(body)
			: ArrayBuffer.isView(body)
				? new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
				: undefined;
	if (!bytes) return JSON.stringify(body);
	const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1];
	if (charset) {
		try {
			return new TextDecoder(charset).decode(bytes);
		} catch {
			// A charset TextDecoder does not know: read as if none was given.
		}
	}
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return new TextDecoder('windows-1252').decode(bytes);
	}
}

export function parseJson(text: string): unknown {
	if (text.trim() === '') return undefined;
	try {
		// Some servers (.NET among them) start JSON with a byte-order mark, which JSON.parse refuses.
		return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
	} catch {
		return undefined;
	}
}

/** An error and its causes, outermost first: n8n wraps what its HTTP helper throws. */
export function causeChain(error: unknown): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	for (let link = error; isRecord(link) && chain.length < 5; link = link.cause) chain.push(link);
	return chain;
}

import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../Plazbot/helpers/records';

/**
 * Plazbot publishes no payload for its incoming-message webhook, so this module reads whatever a
 * sender may post, and finds the few facts every workflow needs in the places the sources show.
 */

/** The output key of the normalised part, next to the body's own fields. */
export const NORMALIZED_KEY = 'normalized';

/** Facts about one incoming message, whatever shape the body had; null where the body has none. */
export interface NormalizedMessage {
	/** The customer's phone, digits only. */
	customerPhone: string | null;
	customerName: string | null;
	text: string | null;
	messageId: string | null;
	/** The workspace's WhatsApp number the customer wrote to, digits only. */
	receivingNumber: string | null;
	/** When the message was sent, as an ISO 8601 date when the body's value can be read as one. */
	time: string | null;
}

/**
 * Where each fact is looked for, first match wins. Sources (see the README, Plazbot Trigger):
 * - `contact.phone`, `contact.name`, `message.text`, `messageId`, `number`, `timestamp`: the shape
 *   this package's stand-in plays and its README has documented since the trigger exists.
 * - `event: "message_received"`, `contact.phone`, `contact.name`, `message.body`, `message.id`, and
 *   the receiving number in `channel.phone`, `channel.number`, `to` or `phone_number` ("PlazBot
 *   puede enviar el número destino en distintos campos según versión de API"): a third-party
 *   NestJS backend that receives Plazbot's webhook (plazbot-api-sources.md §4, "3P").
 * - `from`, `text.body`, `id`, `timestamp` (Unix seconds): the WhatsApp Cloud API message that
 *   Plazbot receives from Meta and may pass on.
 * - `content`, `messageWhatsappId`, `internalWhatsappNumber`, `creationDate`: the field names of
 *   Plazbot's own message and contact records (developer hub: Send Message WhatsApp, Get Contacts).
 * - `cellphone`: Plazbot SDK 2's contact field (`createContact({ name, cellphone, email })`).
 * - flat `phone`, `name`, `text`, `body`, `message`: form fields and hand-made senders.
 */
const PATHS: Record<keyof NormalizedMessage, readonly string[]> = {
	customerPhone: [
		'contact.phone',
		'contact.cellphone',
		'contact.platformSenderPhone',
		'from',
		'phone',
		'cellphone',
		'platformSenderPhone',
	],
	customerName: [
		'contact.name',
		'contact.profile.name',
		'name',
		'platformSenderName',
		'profile.name',
	],
	text: [
		'message.text',
		'message.body',
		'message.content',
		'text.body',
		'text',
		'body',
		'content',
		'message',
	],
	messageId: ['messageId', 'message.id', 'message.messageWhatsappId', 'messageWhatsappId', 'id'],
	receivingNumber: [
		'number',
		'channel.phone',
		'channel.number',
		'to',
		'phone_number',
		'internalWhatsappNumber',
		'contact.internalWhatsappNumber',
	],
	time: ['timestamp', 'message.timestamp', 'date', 'creationDate', 'time'],
};

function at(record: IDataObject, path: string): unknown {
	let value: unknown = record;
	for (const key of path.split('.')) {
		if (!isRecord(value)) return undefined;
		value = value[key];
	}
	return value;
}

/** A text or number value, trimmed; objects, lists, booleans and empty text are not one. */
function scalarText(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	return text === '' ? undefined : text;
}

function firstText(record: IDataObject, paths: readonly string[]): string | undefined {
	for (const path of paths) {
		const text = scalarText(at(record, path));
		if (text !== undefined) return text;
	}
	return undefined;
}

/** Digits only ("+51 987 654 321" → "51987654321"); undefined when there are none. */
function digitsOf(text: string | undefined): string | null {
	const digits = (text ?? '').replace(/\D/g, '');
	return digits === '' ? null : digits;
}

/** Unix seconds (WhatsApp Cloud API), Unix milliseconds or a date text, as ISO 8601. */
function isoTime(text: string | undefined): string | null {
	if (text === undefined) return null;
	if (/^\d+(\.\d+)?$/.test(text)) {
		const number = Number(text);
		// Below 10^11 it is seconds (until the year 5138), above it milliseconds.
		const date = new Date(number < 1e11 ? number * 1000 : number);
		return Number.isNaN(date.getTime()) ? text : date.toISOString();
	}
	const date = new Date(text);
	return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

export function normalizeMessage(record: IDataObject): NormalizedMessage {
	const text = (key: keyof NormalizedMessage) => firstText(record, PATHS[key]);
	return {
		customerPhone: digitsOf(text('customerPhone')),
		customerName: text('customerName') ?? null,
		text: text('text') ?? null,
		messageId: text('messageId') ?? null,
		receivingNumber: digitsOf(text('receivingNumber')),
		time: isoTime(text('time')),
	};
}

/**
 * Whether the body names a receiving number that is not this trigger's. Numbers are compared by
 * their digits; one that is the other without its country code (a sender that leaves it out) is
 * the same number, so a message is never dropped for how its number was written.
 */
export function isForAnotherNumber(message: NormalizedMessage, ownNumber: string): boolean {
	const named = message.receivingNumber;
	if (named === null || named.length < 6) return false;
	return !(named === ownNumber || ownNumber.endsWith(named) || named.endsWith(ownNumber));
}

/**
 * One output item: the body's own fields exactly as sent, plus the normalised part under
 * `normalized` (unless the body has a field of that name itself, which is kept as sent).
 */
export function outputItem(record: IDataObject, message: NormalizedMessage): IDataObject {
	if (NORMALIZED_KEY in record) return record;
	return { ...record, [NORMALIZED_KEY]: { ...message } as unknown as IDataObject };
}

export type BodyReading =
	| { ok: true; records: IDataObject[] }
	| { ok: false; status: number; message: string };

const NOT_READABLE =
	'the Plazbot Trigger accepts a JSON object or array (with any Content-Type, or none) and form fields (application/x-www-form-urlencoded)';

function fromJson(value: unknown): IDataObject[] | undefined {
	if (isRecord(value)) return [value];
	if (Array.isArray(value))
		return value.map((element) => (isRecord(element) ? element : { value: element as string }));
	return undefined;
}

function parseJsonText(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/**
 * Reads the records a call carries: a JSON object is one, a JSON array one per element (a value
 * that is not an object becomes `{ value }`), form fields one. The URL's secret has already said
 * who sent it, so the Content-Type only decides how n8n parsed the body: JSON is also read from
 * the raw text when the sender named another type or none.
 */
export function readIncomingBody(request: {
	contentType: string | undefined;
	/** The body as received, when n8n kept it. */
	rawText: string | undefined;
	/** The body as n8n parsed it for the Content-Type (JSON, form fields; else empty or text). */
	body: unknown;
}): BodyReading {
	const { rawText, body } = request;
	if (rawText !== undefined && rawText.trim() === '') {
		return { ok: false, status: 400, message: `The body is empty: ${NOT_READABLE}` };
	}
	const parsed = fromJson(body);
	if (parsed && Object.keys(body as object).length > 0) return { ok: true, records: parsed };
	const text = rawText ?? (typeof body === 'string' ? body : undefined);
	const fromText = text === undefined ? undefined : fromJson(parseJsonText(text));
	if (fromText) return { ok: true, records: fromText };
	// An empty object as n8n parsed it, without the raw text to tell more.
	if (parsed && text === undefined) return { ok: true, records: parsed };
	const mediaType = (request.contentType ?? '').split(';')[0].trim().toLowerCase();
	return {
		ok: false,
		status: 415,
		message: `The body (Content-Type "${mediaType || 'none'}") is neither JSON nor form fields: ${NOT_READABLE}`,
	};
}

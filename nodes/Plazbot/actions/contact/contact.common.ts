/** What the contact operations share: the contact picker and the reading of Plazbot's answers. */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { PlazbotClient, PlazbotRequest } from '../../transport';
import { contactLocator } from '../common.descriptions';

export const contactLocatorField = contactLocator('The contact, picked from the list or given by its Plazbot ID');

/** Plazbot's channel codes (`platformId`), the same in every version of the docs. */
export const CHANNEL_CODES = {
	webchat: 1,
	whatsapp: 2,
	messenger: 3,
	instagram: 4,
	telegram: 5,
} as const;

export const channelOptions = [
	{ name: 'Instagram', value: CHANNEL_CODES.instagram },
	{ name: 'Messenger', value: CHANNEL_CODES.messenger },
	{ name: 'Telegram', value: CHANNEL_CODES.telegram },
	{ name: 'Webchat', value: CHANNEL_CODES.webchat },
	{ name: 'WhatsApp', value: CHANNEL_CODES.whatsapp },
];

const isRecord = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The contacts in an answer's `data`, whichever of Plazbot's documented shapes it has: the contact
 * itself, `{ contactId, data: [contact, ...] }`, `{ id, contact }` (create and update) or a list.
 */
export function contactsIn(data: unknown): IDataObject[] {
	if (Array.isArray(data)) return data.filter(isRecord);
	if (!isRecord(data)) return [];
	if (Array.isArray(data.data)) return data.data.filter(isRecord);
	if (isRecord(data.contact)) return [data.contact];
	return [data];
}

/**
 * Runs a search that may find several contacts. A search that finds nothing gives no contacts,
 * whether Plazbot answers 404 or an empty list, so the item produces no output, as n8n's own
 * search operations do (Get by ID, which names one record, fails instead).
 */
export async function searchContactsBy(
	client: PlazbotClient,
	request: PlazbotRequest,
	itemIndex: number,
): Promise<IDataObject[]> {
	const data = await client.requestData(request, itemIndex).catch((error: unknown) => {
		if (error instanceof NodeApiError && String(error.httpCode) === '404') return [];
		throw error;
	});
	return contactsIn(data);
}

export const NO_MATCH_NOTE =
	'When no contact matches, this item gives no output; turn on Always Output Data in the node settings to continue with an empty item.';

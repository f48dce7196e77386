/** What the contact operations share: the contact picker and the reading of Plazbot's answers. */
import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../../helpers/records';
import type { PlazbotClient, PlazbotRequest } from '../../transport/client';
import { contactLocator } from '../common.descriptions';

export const contactLocatorField = contactLocator(
	'The contact, picked from the list or given by its Plazbot ID',
);

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

/** Plazbot's answer to a search that found nothing: a result, not a failure of the run. */
const NOT_FOUND = 404;

/**
 * Runs a search that may find several contacts. A search that finds nothing gives no contacts,
 * whether Plazbot answers 404 or an empty list, so the item produces no output, as n8n's own
 * search operations do (Get by ID, which names one record, fails instead). The 404 is declared
 * as an expected answer, so it never counts as an error that stops the run.
 */
export async function searchContactsBy(
	client: PlazbotClient,
	request: PlazbotRequest,
	itemIndex: number,
): Promise<IDataObject[]> {
	const { status, envelope } = await client.answer(
		{ ...request, expectedStatuses: [NOT_FOUND] },
		itemIndex,
	);
	return status === NOT_FOUND ? [] : contactsIn(envelope.data);
}

export const NO_MATCH_NOTE =
	'When no contact matches, this item gives no output; turn on Always Output Data in the node settings to continue with an empty item.';

import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listIn, unreadableList } from '../helpers/records';
import { CONTINUATION_TOKEN_QUERY, NEXT_PAGE_TOKEN_FIELDS } from './apiContract';
import type { PlazbotClient, PlazbotRequest } from './client';

export interface Page {
	records: IDataObject[];
	/** Undefined on the last page. */
	nextToken?: string;
}

/** The records and next-page token (from the innermost object with one) of a list's `data`. */
export function pageOf(data: unknown, what = 'list'): Page {
	const list = listIn(data);
	if (!list) throw unreadableList(data, what);
	const container = list.containers.find((candidate) =>
		NEXT_PAGE_TOKEN_FIELDS.some((field) => field in candidate),
	);
	if (!container) return { records: list.records };
	// The first token field given decides, even null: List Conversation's second is the page's own.
	const tokenField = NEXT_PAGE_TOKEN_FIELDS.find((field) => field in container);
	const token = tokenField ? container[tokenField] : undefined;
	return {
		records: list.records,
		nextToken: typeof token === 'string' && token !== '' ? token : undefined,
	};
}

/** Pages of 20: a million records. A longer list is a server that never stops. */
export const MAX_PAGES = 50_000;

/**
 * Record by record, so that a caller with a limit stops fetching. A page without records ends the
 * list; a repeated token or over MAX_PAGES pages fails: a loop would hold the item for ever.
 */
export async function* followPages(
	fetchPage: (token?: string) => Promise<Page>,
	fail: (message: string, description: string) => Error,
): AsyncGenerator<IDataObject> {
	const seenTokens = new Set<string>();
	let token: string | undefined;
	let records = 0;
	for (let pages = 1; ; pages++) {
		const page = await fetchPage(token);
		for (const record of page.records) yield record;
		records += page.records.length;
		token = page.nextToken;
		if (!token || page.records.length === 0) return;
		if (seenTokens.has(token)) {
			throw fail(
				`Plazbot sent the same next-page token twice (after ${records} records); the list was stopped so that it does not repeat for ever`,
				'Use Limit instead of Return All to take the records you need, and report the list to Plazbot support.',
			);
		}
		if (pages >= MAX_PAGES) {
			throw fail(
				`The list was stopped after ${MAX_PAGES} pages (${records} records): Plazbot kept sending a next-page token`,
				'Use Limit instead of Return All to take the records you need.',
			);
		}
		seenTokens.add(token);
	}
}

/** One page of a continuation-token list; `nextToken` is undefined on the last page. */
export async function listPage(
	client: PlazbotClient,
	request: PlazbotRequest,
	token?: string,
	itemIndex?: number,
): Promise<Page> {
	const qs = { ...(request.qs ?? {}), ...(token ? { [CONTINUATION_TOKEN_QUERY]: token } : {}) };
	return pageOf(await client.requestData({ ...request, qs }, itemIndex));
}

/** Up to `limit` records (all when undefined) of a continuation-token list, fetched as consumed. */
export async function collectList(
	client: PlazbotClient,
	request: PlazbotRequest,
	limit: number | undefined,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	if (limit !== undefined && limit <= 0) return results;
	const records = followPages(
		async (token) => await listPage(client, request, token, itemIndex),
		(message, description) =>
			new NodeOperationError(
				client.node,
				itemIndex === undefined ? message : `${message} [item ${itemIndex}]`,
				{ description, itemIndex },
			),
	);
	for await (const record of records) {
		results.push(record);
		if (limit !== undefined && results.length >= limit) break;
	}
	return results;
}

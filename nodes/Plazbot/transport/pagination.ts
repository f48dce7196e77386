import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { followPages, type Page } from '../helpers/pages';
import { listIn, unreadableList } from '../helpers/records';
import { CONTINUATION_TOKEN_QUERY, NEXT_PAGE_TOKEN_FIELDS } from './apiContract';
import type { PlazbotClient, PlazbotRequest } from './client';

/** The records and next-page token (from the innermost object with one) of a list's `data`. */
export function pageOf(data: unknown, what = 'list'): Page {
	const list = listIn(data);
	if (!list) throw unreadableList(data, what);
	const { records, containers } = list;
	for (const container of containers) {
		// The first token field given decides, even null: List Conversation's second is the page's own.
		const tokenField = NEXT_PAGE_TOKEN_FIELDS.find((field) => field in container);
		if (tokenField === undefined) continue;
		const token = container[tokenField];
		return { records, nextToken: typeof token === 'string' && token !== '' ? token : undefined };
	}
	return { records };
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

import type { IDataObject } from 'n8n-workflow';

import { NEXT_PAGE_TOKEN_FIELDS } from './apiContract';
import { isObject } from './response';

export interface Page {
	records: IDataObject[];
	/** Undefined on the last page. */
	nextToken?: string;
}

/** The records and next-page token in a list answer's `data`. */
export function pageOf(data: unknown): Page {
	if (Array.isArray(data)) return { records: data as IDataObject[] };
	if (!isObject(data)) return { records: [] };
	const container = data as IDataObject;
	const records = Array.isArray(container.data) ? (container.data as IDataObject[]) : [];
	const tokenField = NEXT_PAGE_TOKEN_FIELDS.find((field) => typeof container[field] === 'string' && container[field] !== '');
	return { records, nextToken: tokenField ? (container[tokenField] as string) : undefined };
}

/**
 * Follows continuation tokens, yielding one record at a time so that a caller with a limit stops
 * fetching as soon as it has enough.
 */
export async function* followPages(fetchPage: (token?: string) => Promise<Page>): AsyncGenerator<IDataObject> {
	const seenTokens = new Set<string>();
	let token: string | undefined;
	do {
		const page = await fetchPage(token);
		for (const record of page.records) yield record;
		token = page.nextToken;
		if (token && seenTokens.has(token)) break;
		if (token) seenTokens.add(token);
	} while (token);
}

/** Up to `limit` records (all when undefined). */
export async function collectRecords(records: AsyncIterable<IDataObject>, limit: number | undefined): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	if (limit !== undefined && limit <= 0) return results;
	for await (const record of records) {
		results.push(record);
		if (limit !== undefined && results.length >= limit) break;
	}
	return results;
}

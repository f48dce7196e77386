import type { IDataObject } from 'n8n-workflow';

export interface Page {
	records: IDataObject[];
	/** Undefined on the last page. */
	nextToken?: string;
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

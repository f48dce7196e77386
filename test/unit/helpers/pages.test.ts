/** Following a list's pages: record by record, ending on the last page and on a looping server. */
import { followPages, type Page } from '../../../nodes/Plazbot/helpers/pages';

async function follow(pages: Record<string, Page>): Promise<{ ids: unknown[]; error?: string }> {
	const asked: Array<string | undefined> = [];
	const ids: unknown[] = [];
	const records = followPages(
		async (token) => {
			asked.push(token);
			return pages[token ?? 'first'];
		},
		(message, description) => new Error(`${message} | ${description}`),
	);
	try {
		for await (const record of records) ids.push(record.id);
	} catch (error) {
		return { ids, error: (error as Error).message };
	}
	return { ids };
}

describe('following pages', () => {
	it('asks for each next page with its token and stops on the last', async () => {
		const result = await follow({
			first: { records: [{ id: 1 }], nextToken: 'b' },
			b: { records: [{ id: 2 }] },
		});
		expect(result).toEqual({ ids: [1, 2] });
	});

	it('ends on a page without records, even when it carries a token', async () => {
		const result = await follow({
			first: { records: [{ id: 1 }], nextToken: 'b' },
			b: { records: [], nextToken: 'c' },
		});
		expect(result).toEqual({ ids: [1] });
	});

	it('stops, saying so, when Plazbot sends the same token twice', async () => {
		const result = await follow({
			first: { records: [{ id: 1 }], nextToken: 'b' },
			b: { records: [{ id: 2 }], nextToken: 'b' },
		});
		expect(result).toEqual({
			ids: [1, 2],
			error:
				'Plazbot sent the same next-page token twice (after 2 records); the list was stopped so that it does not repeat for ever | Use Limit instead of Return All to take the records you need, and report the list to Plazbot support.',
		});
	});
});

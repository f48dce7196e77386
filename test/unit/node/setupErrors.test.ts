import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const rows = Array.from({ length: 3 }, (_, index) => ({ phone: `+51 900 000 00${index}` }));
const QUERY_STRING =
	'The Base URL "https://api.plazbot.com/" in the Plazbot API credential has a query string or fragment ("?…" or "#…")';

function run(continueOnFail: boolean) {
	const { fns, requests } = fakeExecuteFunctions({
		items: rows,
		parameters: (_itemIndex, item) => ({
			resource: 'message',
			operation: 'sendConversation',
			template: 'welcome',
			sendType: 'campaign',
			campaignName: 'Setup',
			destination: item.phone,
		}),
		credentials: { ...credentials(), baseUrl: 'https://api.plazbot.com/?region=eu' },
		continueOnFail,
	});
	return { requests, result: router.call(fns) };
}

describe('an error before any item runs (an unusable credential)', () => {
	it('with Continue On Fail, comes out on every input item once, in order, and nothing is sent', async () => {
		const { requests, result } = run(true);
		const [output] = await result;
		expect(output.map((item) => item.pairedItem)).toEqual(rows.map((_, item) => ({ item })));
		for (const item of output) {
			expect(item.json).toEqual({
				error: QUERY_STRING,
				description: expect.stringContaining('Remove everything from the "?" or "#" on'),
			});
		}
		expect(requests).toHaveLength(0);
		expect(standIn().requests).toHaveLength(0);
	});

	it('without Continue On Fail, stops the node with the error', async () => {
		const { requests, result } = run(false);
		await expect(result).rejects.toMatchObject({ message: QUERY_STRING });
		expect(requests).toHaveLength(0);
	});
});

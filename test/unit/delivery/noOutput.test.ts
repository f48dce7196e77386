/**
 * Every path where an item gives no output, run as a user's workflow meets it: more items than
 * request slots (Concurrency 1), Continue On Fail off, the empty items first. An empty result must
 * never count as the error that stops the run, so the items after it still run and still output.
 */
import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { expectedOutput, startStandIn } from '../support/standIn';
import { seedContact } from '../contact/contactTestKit';

const { standIn, credentials } = startStandIn();

const ITEMS = 8;

function run(parameters: (itemIndex: number) => Record<string, unknown>) {
	return fakeExecuteFunctions({
		items: Array.from({ length: ITEMS }, () => ({})),
		parameters: (itemIndex) => ({ ...parameters(itemIndex), options: { concurrency: 1 } }),
		credentials: credentials(),
	});
}

describe(`no-output paths with ${ITEMS} items and 1 request slot`, () => {
	it('Contact → Get by Email: the unmatched items give nothing, the last one its contact', async () => {
		const ana = seedContact(standIn(), { name: 'Ana', email: 'ana@example.com', platformId: 1 });
		const { fns } = run((itemIndex) => ({
			resource: 'contact',
			operation: 'getByEmail',
			email: itemIndex === ITEMS - 1 ? 'ana@example.com' : `nobody${itemIndex}@example.com`,
		}));
		const [output] = await router.call(fns);
		expect(output).toEqual([{ json: expectedOutput(ana), pairedItem: { item: ITEMS - 1 } }]);
		expect(standIn().requestsTo('/api/contact/searchByEmail')).toHaveLength(ITEMS);
	});

	it('Contact → Get by Phone: the unmatched items give nothing, the last one its contact', async () => {
		const ana = seedContact(standIn(), {
			name: 'Ana',
			platformId: 2,
			internalWhatsappNumber: '51900000999',
		});
		const { fns } = run((itemIndex) => ({
			resource: 'contact',
			operation: 'getByPhone',
			phone:
				itemIndex === ITEMS - 1
					? '+51 900 000 999'
					: `+51 900 000 ${String(itemIndex).padStart(3, '0')}`,
		}));
		const [output] = await router.call(fns);
		expect(output).toEqual([{ json: expectedOutput(ana), pairedItem: { item: ITEMS - 1 } }]);
		expect(standIn().requestsTo('/api/contact/searchByCellphone')).toHaveLength(ITEMS);
	});

	it.each([
		['contact', 'getMany', '/api/contact'],
		['opportunity', 'getMany', '/api/opportunity'],
		['message', 'getConversations', '/api/message/conversation'],
	])(
		'%s → %s of an empty workspace: no items, one request per item',
		async (resource, operation, path) => {
			standIn().state.contacts.clear();
			const { fns } = run(() => ({ resource, operation, returnAll: true }));
			const [output] = await router.call(fns);
			expect(output).toEqual([]);
			expect(standIn().requestsTo(path)).toHaveLength(ITEMS);
		},
	);
});

/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * The order in which a campaign's work runs on n8n's single thread: an item's parameters are read
 * only after network work that was already waiting (an answer, a request just given a freed slot),
 * so per-item expression evaluation does not delay requests that are on the wire.
 */
import { mapItemsConcurrently } from '../../../nodes/Plazbot/helpers/runItems';

describe('mapItemsConcurrently', () => {
	it('lets network callbacks that are already due run before the next item starts', async () => {
		const events: string[] = [];
		await mapItemsConcurrently(3, 1, async (itemIndex) => {
			events.push(`item ${itemIndex} starts`);
			// Stands for an answer that arrives while this item is finishing.
			setImmediate(() => events.push(`callback due after item ${itemIndex}`));
			return itemIndex;
		});
		expect(events).toEqual([
			'item 0 starts',
			'callback due after item 0',
			'item 1 starts',
			'callback due after item 1',
			'item 2 starts',
		]);
	});

	it('returns results in item order, whatever order the items finish in', async () => {
		const finishOrder: number[] = [];
		const results = await mapItemsConcurrently(4, 4, async (itemIndex) => {
			await new Promise((resolve) => setTimeout(resolve, (4 - itemIndex) * 5));
			finishOrder.push(itemIndex);
			return `result ${itemIndex}`;
		});
		expect(finishOrder).toEqual([3, 2, 1, 0]);
		expect(results).toEqual(['result 0', 'result 1', 'result 2', 'result 3']);
	});

	it('starts no item once the execution is cancelled', async () => {
		const controller = new AbortController();
		const started: number[] = [];
		const run = mapItemsConcurrently(
			10,
			2,
			async (itemIndex) => {
				started.push(itemIndex);
				if (itemIndex === 1) controller.abort(new Error('The execution was cancelled'));
				return itemIndex;
			},
			controller.signal,
		);
		await expect(run).rejects.toThrow('The execution was cancelled');
		expect(started).toEqual([0, 1]);
	});
});

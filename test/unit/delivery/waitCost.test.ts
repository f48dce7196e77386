/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * A campaign waits once per request (its Timeout) and once per item (a turn of the event loop, so
 * that answers go first), on the event loop that carries the requests in flight. Those waits
 * cost as little as they can: a wait stops its timer with a reason of its own (without one,
 * Node.js builds a DOMException with a stack trace for every abort), and a zero wait has no timer
 * to stop.
 */
import { waitFor, withDeadline } from '../../../nodes/Plazbot/helpers/wait';

/** Every AbortController made while `work` runs. */
async function controllersMadeBy(work: () => Promise<unknown>): Promise<AbortController[]> {
	const made: AbortController[] = [];
	const Original = globalThis.AbortController;
	globalThis.AbortController = class extends Original {
		constructor() {
			super();
			made.push(this);
		}
	};
	try {
		await work();
	} finally {
		globalThis.AbortController = Original;
	}
	return made;
}

describe('the cost of a wait', () => {
	it('a request answered before its Timeout: one timer, stopped without a DOMException', async () => {
		let outcome: unknown;
		const made = await controllersMadeBy(async () => {
			outcome = await withDeadline(
				async () => 'answer',
				60_000,
				'late',
				() => undefined,
			);
		});

		expect(outcome).toBe('answer');
		expect(made).toHaveLength(1);
		expect(made[0].signal.aborted).toBe(true);
		expect(made[0].signal.reason).not.toBeInstanceOf(DOMException);
	});

	it('a wait for the next turn of the event loop makes no timer to stop', async () => {
		const run = new AbortController();
		const made = await controllersMadeBy(async () => await waitFor(0, run.signal));

		expect(made).toHaveLength(0);
		expect(run.signal.aborted).toBe(false);
	});

	it('a wait that ends by its timer stops it without a DOMException', async () => {
		const run = new AbortController();
		const made = await controllersMadeBy(async () => await waitFor(5, run.signal));

		expect(made).toHaveLength(1);
		expect(made[0].signal.reason).not.toBeInstanceOf(DOMException);
		expect(run.signal.aborted).toBe(false);
	});
});

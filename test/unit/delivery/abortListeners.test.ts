/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * A campaign has an item waiting on the run's signal per lane (a request slot, a pacing turn, a
 * Retry-After). Past ten 'abort' listeners on one signal Node.js prints "MaxListenersExceededWarning:
 * Possible EventTarget memory leak detected" into n8n's log, so waits share one listener per signal,
 * and every one of them still ends at once when the run is cancelled.
 */
import { getEventListeners } from 'node:events';

import { waitFor } from '../../../nodes/Plazbot/helpers/wait';
import { RequestSlots } from '../../../nodes/Plazbot/transport/throttle';

describe('waits on the run signal', () => {
	it('fifty waits add one abort listener, and all end with the reason when the run is cancelled', async () => {
		const run = new AbortController();
		const waits = Array.from({ length: 50 }, () =>
			waitFor(60_000, run.signal).then(
				() => 'slept',
				(reason: Error) => reason.message,
			),
		);
		expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
		run.abort(new Error('The execution was cancelled'));
		expect(await Promise.all(waits)).toEqual(Array(50).fill('The execution was cancelled'));
	});

	it('waits that end by their timer stop watching the signal', async () => {
		const run = new AbortController();
		const watchers = (): number => getEventListeners(run.signal, 'abort').length;
		await Promise.all(Array.from({ length: 20 }, () => waitFor(1, run.signal)));
		// The one shared listener stays; it calls nobody when the signal aborts later.
		expect(watchers()).toBeLessThanOrEqual(1);
		run.abort();
	});

	it('fifty items waiting for a request slot add one abort listener; a cancel rejects every waiter and the holder finishes', async () => {
		const run = new AbortController();
		const slots = new RequestSlots(1);
		let releaseHolder: () => void = () => undefined;
		const holder = slots.run(
			async () => await new Promise<string>((resolve) => (releaseHolder = () => resolve('held'))),
			run.signal,
		);
		const waiters = Array.from({ length: 50 }, (_, index) =>
			slots.run(async () => `ran ${index}`, run.signal).catch((reason: Error) => reason.message),
		);
		expect(getEventListeners(run.signal, 'abort')).toHaveLength(1);
		run.abort(new Error('The execution was cancelled'));
		expect(await Promise.all(waiters)).toEqual(Array(50).fill('The execution was cancelled'));
		releaseHolder();
		expect(await holder).toBe('held');
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * n8n-workflow 1.x's `sleep(ms, signal)` ignores its signal. Every wait of the node must still end
 * at once on cancel: here `sleep` is replaced by one that ignores its signal, as on 1.x.
 */
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return {
		...actual,
		// As n8n-workflow 1.x: a plain timer, whatever signal is passed (unref'd only so that jest can
		// exit while the 60 s timers of these tests are still pending).
		sleep: jest.fn(
			async (ms: number) => await new Promise<void>((resolve) => setTimeout(resolve, ms).unref()),
		),
	};
});

import { sleep } from 'n8n-workflow';

import { router } from '../../../nodes/Plazbot/actions/router';
import { waitFor } from '../../../nodes/Plazbot/helpers/wait';
import { campaign } from '../support/campaign';
import { startStandIn } from '../support/standIn';

const { standIn, credentials } = startStandIn();

describe('waits that stop on both n8n lines', () => {
	it('the replaced sleep really ignores its signal, as on 1.x', async () => {
		const controller = new AbortController();
		const slept = sleep(50, controller.signal).then(() => 'slept');
		controller.abort();
		expect(await slept).toBe('slept');
	});

	it('waitFor ends at once on abort, with the reason, and before the timer', async () => {
		const controller = new AbortController();
		const order: string[] = [];
		const waiting = waitFor(60_000, controller.signal).then(
			() => order.push('timer'),
			(reason: Error) => order.push(`aborted: ${reason.message}`),
		);
		order.push('abort');
		controller.abort(new Error('cancelled by the user'));
		await waiting;
		// Reaching this line at all proves it: the test's timeout is far shorter than 60 s.
		expect(order).toEqual(['abort', 'aborted: cancelled by the user']);
	});

	it('a signal aborted before the wait ends it without waiting', async () => {
		await expect(waitFor(60_000, AbortSignal.abort(new Error('already')))).rejects.toThrow(
			'already',
		);
	});

	it('a cancelled execution does not wait out a 30 s Retry-After', async () => {
		standIn().setFaults({ script: { '1': '429' }, retryAfterSeconds: 30 });
		const controller = new AbortController();
		const { fns } = campaign(credentials(), 1, {}, { cancelSignal: controller.signal });

		const run = router.call(fns).then(
			() => 'finished',
			(error: Error) => error.message,
		);
		while (standIn().requestsTo('/api/message/conversation').length < 1)
			await new Promise((resolve) => setTimeout(resolve, 5));
		await new Promise((resolve) => setTimeout(resolve, 50));
		controller.abort();

		expect(await run).not.toBe('finished');
		expect(standIn().requestsTo('/api/message/conversation')).toHaveLength(1);
	}, 10_000);

	it('a run stopping at an error does not wait out the Retry-After of another item', async () => {
		standIn().setFaults({ script: { '1': '429', '2': 'messageObject' }, retryAfterSeconds: 30 });
		const { fns } = campaign(credentials(), 2, { concurrency: 2 });

		const error = await router.call(fns).catch((caught) => caught);

		expect(error.message).toContain('Plazbot error 400');
		expect(standIn().requestsTo('/api/message/conversation')).toHaveLength(2);
	}, 10_000);
});

/**
 * Campaign-scale sending through the router with the node's real defaults (concurrency 5,
 * 5 attempts, 1 s backoff base): under injected 429s and 503s every message is delivered exactly
 * once and the output keeps the input's order and pairing.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { router } from '../../../nodes/Plazbot/actions/router';
import { campaign, destinationOf } from '../support/campaign';
import { onFakeClock, useFakeClock } from '../support/fakeClock';
import { startStandIn } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const SEND_PATH = '/api/message/conversation';

/** Each destination reached the stand-in's handler exactly once, and nothing else did. */
function expectDeliveredExactlyOnce(count: number) {
	const deliveries = standIn().state.deliveries as Map<string, number>;
	expect(deliveries.size).toBe(count);
	const notOnce = [...deliveries].filter(([, times]) => times !== 1);
	expect(notOnce).toEqual([]);
	for (let index = 0; index < count; index++) expect(deliveries.get(destinationOf(index))).toBe(1);
}

/** Output item i is item i's answer: paired to it and carrying the contact of its destination. */
function expectOutputInInputOrder(output: INodeExecutionData[], count: number) {
	expect(output).toHaveLength(count);
	expect(output.map((item) => item.pairedItem)).toEqual(
		Array.from({ length: count }, (_, item) => ({ item })),
	);
	output.forEach((item, index) => {
		expect(item.json.error).toBeUndefined();
		expect(item.json.contactId).toBe(standIn().state.findContactByPhone(destinationOf(index)).id);
	});
}

/** Every faulted request was followed by exactly one more request for the same destination. */
function expectOneRetryPerFault(fault: string, count: number) {
	const received = standIn().requestsTo(SEND_PATH);
	const faulted = received.filter((request) => request.fault === fault);
	expect(faulted.length).toBeGreaterThan(count * 0.05);
	expect(received).toHaveLength(
		count + received.filter((request) => request.fault !== null).length,
	);
	return { received, faulted };
}

describe('200 Send Conversation items under injected faults', () => {
	// Hundreds of real HTTP requests each: CPU-bound, seconds on a loaded machine.
	jest.setTimeout(60_000);
	beforeEach(useFakeClock);
	afterEach(() => jest.useRealTimers());

	it('with 10% 429 (Retry-After: 1) delivers each once, in order, never retrying early', async () => {
		standIn().setFaults({ rate429: 0.1, retryAfterSeconds: 1, seed: 11 });
		const { fns } = campaign(credentials(), 200);

		const [output] = await onFakeClock(standIn(), router.call(fns));

		expectDeliveredExactlyOnce(200);
		expectOutputInInputOrder(output, 200);
		const { received, faulted } = expectOneRetryPerFault('429', 200);
		expect(standIn().earlyRetries).toBe(0);
		for (const answered429 of faulted) {
			const later = received.filter(
				(r) => r.body.destination === answered429.body.destination && r.at > answered429.at,
			);
			expect(later.length).toBeGreaterThanOrEqual(1);
			// The 429 was answered at `at` (no latency), so the retry may come 1 s after that at the earliest.
			expect(later[0].at - answered429.at).toBeGreaterThanOrEqual(1000);
		}
	});

	it('with 10% 503 with Retry-After (not processed) delivers each once, in order, after waiting', async () => {
		standIn().setFaults({ rate5xx: 0.1, status5xx: 503, status5xxRetryAfterSeconds: 1, seed: 23 });
		const { fns } = campaign(credentials(), 200);

		const [output] = await onFakeClock(standIn(), router.call(fns));

		expectDeliveredExactlyOnce(200);
		expectOutputInInputOrder(output, 200);
		const { received, faulted } = expectOneRetryPerFault('5xx', 200);
		for (const answered503 of faulted) {
			const retry = received.find(
				(r) => r.body.destination === answered503.body.destination && r.at > answered503.at,
			);
			// Not before the Retry-After of 1 s.
			expect(retry!.at - answered503.at).toBeGreaterThanOrEqual(1000);
		}
	});

	it('honours Retry-After given as an HTTP date', async () => {
		standIn().setFaults({ rate429: 0.1, retryAfterSeconds: 1, retryAfterAsDate: true, seed: 5 });
		const { fns } = campaign(credentials(), 60);

		const [output] = await onFakeClock(standIn(), router.call(fns));

		expectDeliveredExactlyOnce(60);
		expectOutputInInputOrder(output, 60);
		expectOneRetryPerFault('429', 60);
		expect(standIn().earlyRetries).toBe(0);
	});
});

describe('a campaign that stops on an error (Continue On Fail off)', () => {
	it('sends nothing more once an item has failed, not even the items already waiting for a request slot', async () => {
		standIn().setFaults({ latencyMs: 30, byDestination: { [destinationOf(0)]: 'empty' } });
		const { fns } = campaign(credentials(), 40, { concurrency: 1 });

		const error = await router.call(fns).catch((caught) => caught);

		expect(error.message).toBe('Plazbot answered HTTP 200 with an empty body');
		expect(error.context.itemIndex).toBe(0);
		// The failed item's request is the only one: a message sent after the stop would be missing
		// from the node's output, and sent again when the user re-runs the workflow.
		expect(
			standIn()
				.requestsTo(SEND_PATH)
				.map((request) => request.body.destination),
		).toEqual([destinationOf(0)]);
	});

	it('stops an item that is waiting out a Retry-After when another item fails', async () => {
		standIn().setFaults({
			latencyMs: 30,
			byDestination: { [destinationOf(0)]: '429', [destinationOf(1)]: 'empty' },
			retryAfterSeconds: 30,
		});
		const { fns } = campaign(credentials(), 10, { concurrency: 1 });

		// Settling at all proves the 30 s wait was cut short: the test's timeout is 20 s.
		const error = await router.call(fns).catch((caught) => caught);

		expect(error.context.itemIndex).toBe(1);
		expect(
			standIn()
				.requestsTo(SEND_PATH)
				.map((request) => request.body.destination),
		).toEqual([destinationOf(0), destinationOf(1)]);
	}, 20_000);
});

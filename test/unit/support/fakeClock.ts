/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * Jest's fake timers for tests that run the node against the in-process stand-in: every wait the
 * node makes (Retry-After, pacing, Timeout, polling) and every delay the stand-in adds runs on a
 * fake clock, so that a test of a 30 s Retry-After takes milliseconds and its timestamps are exact.
 * Sockets stay real: nextTick, setImmediate and microtasks are not faked.
 */
import { clientRequestsOpen } from './fakeExecuteFunctions';
import type { StandIn } from './standIn';

let clockInstalls = 0;

export function useFakeClock(): void {
	clockInstalls++;
	jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
}

const QUIET_TURNS = 3;

const realTurn = async () => await new Promise<void>((resolve) => setImmediate(resolve));

/** Requests the stand-in has received and holds unanswered (hang, latency, a trickled answer). */
export const heldByStandIn = (standIn: StandIn) =>
	standIn.requests.filter((request) => request.answeredAt === undefined).length;

/**
 * Runs `work` to its end on the fake clock. Real I/O runs as it comes; the clock moves on to the
 * next timer only when every request the node has open is one the stand-in holds, so that no timer
 * fires early while a request or its answer is on its way. `held` is the stand-in, or a count of
 * the requests the servers of the test hold.
 */
export async function onFakeClock<T>(held: StandIn | (() => number), work: Promise<T>): Promise<T> {
	const heldNow = typeof held === 'function' ? held : () => heldByStandIn(held);
	let settled = false;
	work.then(
		() => (settled = true),
		() => (settled = true),
	);
	let quietTurns = 0;
	const install = clockInstalls;
	for (let turns = 0; !settled; turns++) {
		// The test that started this ended (it timed out): never move a later test's clock.
		if (clockInstalls !== install) return await new Promise<never>(() => undefined);
		if (turns > 1_000_000) throw new Error('onFakeClock: the work never settled');
		await realTurn();
		const quiet = clientRequestsOpen() <= heldNow();
		quietTurns = quiet ? quietTurns + 1 : 0;
		// A few quiet turns in a row: bytes the stand-in already wrote to the loopback socket (half an
		// answer, then a reset) arrive within a poll of the event loop and must be read first.
		if (settled || quietTurns < QUIET_TURNS) continue;
		if (jest.getTimerCount() > 0) await jest.advanceTimersToNextTimerAsync();
		quietTurns = 0;
	}
	return await work;
}

/** Real I/O until `ready` holds, without moving the fake clock. */
export async function untilReal(ready: () => boolean): Promise<void> {
	for (let turns = 0; !ready(); turns++) {
		if (turns > 1_000_000) throw new Error('untilReal: never ready');
		await realTurn();
	}
}

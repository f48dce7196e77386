import { sleep } from 'n8n-workflow';

import { watchAbort } from './abortWatch';

/**
 * The reason a wait stops its own timer with once it has ended: nobody sees it. Without a reason,
 * Node.js builds a DOMException, stack trace included, for every abort: per request and per item
 * of a campaign, on the event loop that also carries the requests in flight.
 */
const WAIT_ENDED = new Error('The wait ended');

/**
 * Waits `ms`, ending at once (rejecting with the signal's reason) when `signal` aborts. n8n's own
 * `sleep` is the timer (shipped code may not call setTimeout), but n8n-workflow 1.x's `sleep`
 * ignores its signal: raced against the signal's abort, a cancelled execution never waits out a
 * 30 s Retry-After on either n8n line. The timer gets a signal of its own, stopped when the wait
 * ends, so that waits add no listener to the run's signal (see watchAbort).
 */
export async function waitFor(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await sleep(ms);
	signal.throwIfAborted();
	// A zero wait's timer fires on the next turn of the event loop anyway: not worth stopping.
	const timer = ms > 0 ? new AbortController() : undefined;
	const slept = sleep(ms, timer?.signal);
	// Rejected only when the wait ended first and the timer was stopped: nobody waits for it then.
	slept.catch(() => undefined);
	let cancel: (reason: unknown) => void = () => undefined;
	const cancelled = new Promise<never>((_resolve, reject) => {
		cancel = reject;
	});
	const stopWatching = watchAbort(signal, () =>
		cancel(signal.reason ?? new Error('The execution was cancelled')),
	);
	try {
		await Promise.race([slept, cancelled]);
	} finally {
		stopWatching();
		timer?.abort(WAIT_ENDED);
	}
}

/**
 * What `start()` gives, or `late` once `ms` have passed. Its work cannot be aborted and runs on:
 * `whenLate` gets it, to wait for its end.
 */
export async function withDeadline<T, L>(
	start: () => Promise<T>,
	ms: number,
	late: L,
	whenLate: (work: Promise<unknown>) => void,
): Promise<T | L> {
	// The deadline's own timer, stopped when the work ends first (n8n-workflow 1.x's sleep ignores
	// the signal and lets the timer run out, as any wait of the node on that line).
	const timer = new AbortController();
	const deadline = sleep(ms, timer.signal).then(
		() => late,
		() => undefined,
	);
	const work = start();
	try {
		const outcome = (await Promise.race([work, deadline])) ?? (await work);
		if (outcome === late) whenLate(work.catch(() => undefined));
		return outcome;
	} finally {
		timer.abort(WAIT_ENDED);
		work.catch(() => undefined); // given up at the deadline: nobody waits for its outcome
	}
}

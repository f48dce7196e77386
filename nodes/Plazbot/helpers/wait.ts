import { sleep } from 'n8n-workflow';

import { watchAbort } from './abortWatch';

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
	const timer = new AbortController();
	const slept = sleep(ms, timer.signal);
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
		timer.abort();
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
	const finished = new AbortController();
	const deadline = waitFor(ms, finished.signal).then(
		() => late,
		() => undefined,
	);
	const work = start();
	try {
		const outcome = (await Promise.race([work, deadline])) ?? (await work);
		if (outcome === late) whenLate(work.catch(() => undefined));
		return outcome;
	} finally {
		finished.abort();
		work.catch(() => undefined); // given up at the deadline: nobody waits for its outcome
	}
}

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

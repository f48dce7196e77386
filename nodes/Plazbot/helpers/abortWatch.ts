/**
 * Calls `callback` when `signal` aborts, and returns a function that stops watching.
 *
 * Every signal gets one 'abort' listener however many waits watch it. A campaign has an item
 * waiting on the run's signal per lane (a request slot, a pacing turn, a Retry-After), and
 * Node.js prints "MaxListenersExceededWarning: Possible EventTarget memory leak detected" into
 * n8n's log past ten listeners on one signal.
 */
export function watchAbort(signal: AbortSignal, callback: () => void): () => void {
	let callbacks = watchers.get(signal);
	if (!callbacks) {
		const registered = new Set<() => void>();
		callbacks = registered;
		watchers.set(signal, registered);
		signal.addEventListener(
			'abort',
			() => {
				const due = [...registered];
				registered.clear();
				for (const call of due) call();
			},
			{ once: true },
		);
	}
	const watching = callbacks;
	watching.add(callback);
	return () => {
		watching.delete(callback);
	};
}

const watchers = new WeakMap<AbortSignal, Set<() => void>>();

'use strict';
/**
 * Ports are chosen free, but another process (another n8n on this machine, started at the same
 * moment) can take one between the choice and n8n binding it. n8n then stops at once, saying so;
 * `withPortRetry` chooses again and starts again instead of failing. Used by `npm start`
 * (test/start.js) and the e2e harness (test/e2e/n8n.ts), for the editor, task-broker and
 * health-check ports.
 */

/** What n8n 1.x and 2.x print when a port it binds is taken (editor, task broker, worker health). */
const PORT_TAKEN = /\bport \d+ is already in use|EADDRINUSE/i;

/** Whether a process's output says that a port it tried to bind was taken. */
function saysPortTaken(output) {
	return PORT_TAKEN.test(output);
}

/** Thrown by an attempt whose process stopped because a port was taken: the ports are chosen again. */
class PortTaken extends Error {}

/**
 * `attempt(await choose())` until it does not throw PortTaken, at most `attempts` times; `onRetry`
 * hears each retry (with the ports that were taken and the error).
 */
async function withPortRetry(choose, attempt, { attempts = 5, onRetry } = {}) {
	for (let attemptNumber = 1; ; attemptNumber++) {
		const ports = await choose(attemptNumber);
		try {
			return await attempt(ports, attemptNumber);
		} catch (error) {
			if (!(error instanceof PortTaken) || attemptNumber >= attempts) throw error;
			onRetry?.(ports, error);
		}
	}
}

module.exports = { PortTaken, saysPortTaken, withPortRetry };

'use strict';
/**
 * Jest's order (failed first, then the longest by the last run's timings, else the largest file),
 * except that the e2e files whose length is n8n's own waiting start first. A fresh clone has no
 * timings, so jest would start triggerRegistration.test.ts (a small file that waits about a minute
 * on n8n 2.x) last, and the line would end a minute after every other file.
 */
const Sequencer = require('@jest/test-sequencer').default;

const WAITING_FILES = ['trigger.test.ts', 'triggerRegistration.test.ts'];

class WaitingFilesFirst extends Sequencer {
	async sort(tests) {
		const sorted = await super.sort(tests);
		const waits = (test) => WAITING_FILES.some((name) => test.path.endsWith(`/e2e/${name}`));
		return [...sorted.filter(waits), ...sorted.filter((test) => !waits(test))];
	}
}

module.exports = WaitingFilesFirst;

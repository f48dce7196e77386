'use strict';
const { relative } = require('node:path');

/**
 * A jest reporter that fails the run when a test did not run: skipped (it.skip, describe.skip, a
 * skip chosen at run time), todo, or left out by a committed `.only`. A test that did not run has
 * proven nothing, so it must not count as a pass. A run filtered by the developer (`-t`) is left
 * alone: the tests it leaves out were not asked for.
 */
class FailSkippedTests {
	constructor(globalConfig) {
		this.filtered = Boolean(globalConfig.testNamePattern);
		this.notRun = [];
	}

	onTestResult(_test, result) {
		for (const assertion of result.testResults) {
			if (assertion.status === 'passed' || assertion.status === 'failed') continue;
			this.notRun.push(
				`${relative(process.cwd(), result.testFilePath)}: ${assertion.fullName} (${assertion.status})`,
			);
		}
	}

	onRunComplete() {
		if (this.filtered || this.notRun.length === 0) return;
		this.error = new Error(
			`${this.notRun.length} test(s) did not run, and a test that did not run is not a pass:\n  ${this.notRun.join('\n  ')}`,
		);
		console.error(`\n${this.error.message}\n`);
	}

	getLastError() {
		return this.error;
	}
}

module.exports = FailSkippedTests;

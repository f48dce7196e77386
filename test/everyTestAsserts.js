'use strict';
/**
 * Every test must make at least one assertion: a test whose expect() sits in a callback that never
 * ran, or behind a condition that was false, fails instead of passing.
 */
beforeEach(() => expect.hasAssertions());

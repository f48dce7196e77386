/**
 * Unit tests run in-process; e2e tests drive real n8n (installed by test/n8n-runtime/ensure.sh);
 * queue tests drive n8n's queue mode with PostgreSQL and Redis (apt-get install redis-server
 * postgresql), apart so that the e2e tests need neither.
 */
const tsJest = ['ts-jest', { tsconfig: 'test/tsconfig.json' }];
// Each n8n line's pins are a package.json with the same name; they are not test code.
const modulePathIgnorePatterns = ['<rootDir>/test/n8n-runtime/'];
// A unit or bench test without an assertion fails (test/everyTestAsserts.js).
const setupFilesAfterEnv = ['<rootDir>/test/everyTestAsserts.js'];

module.exports = {
	reporters: ['default', '<rootDir>/test/failSkippedTests.js'],
	testSequencer: '<rootDir>/test/sequencer.js',
	projects: [
		{
			displayName: 'unit',
			testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
			transform: { '^.+\\.ts$': tsJest },
			testEnvironment: 'node',
			modulePathIgnorePatterns,
			setupFilesAfterEnv,
		},
		{
			displayName: 'e2e',
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			testPathIgnorePatterns: ['<rootDir>/test/e2e/queue/'],
			transform: { '^.+\\.ts$': tsJest },
			testEnvironment: 'node',
			globalSetup: '<rootDir>/test/e2e/globalSetup.js',
			globalTeardown: '<rootDir>/test/e2e/globalTeardown.js',
			slowTestThreshold: 60,
			modulePathIgnorePatterns,
		},
		{
			displayName: 'queue',
			testMatch: ['<rootDir>/test/e2e/queue/**/*.test.ts'],
			transform: { '^.+\\.ts$': tsJest },
			testEnvironment: 'node',
			globalSetup: '<rootDir>/test/e2e/globalSetup.js',
			globalTeardown: '<rootDir>/test/e2e/globalTeardown.js',
			slowTestThreshold: 300,
			modulePathIgnorePatterns,
		},
		{
			// npm run bench: statistical and wall-clock runs (seconds each, bounds over many requests).
			displayName: 'bench',
			testMatch: ['<rootDir>/bench/**/*.test.ts'],
			transform: { '^.+\\.ts$': tsJest },
			testEnvironment: 'node',
			modulePathIgnorePatterns,
			setupFilesAfterEnv,
		},
		{
			// npm run test:live: the real Plazbot API against the stand-in. Never in CI.
			displayName: 'live',
			testMatch: ['<rootDir>/test/live/**/*.test.ts'],
			transform: { '^.+\\.ts$': tsJest },
			testEnvironment: 'node',
		},
	],
};

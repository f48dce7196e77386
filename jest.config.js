/** Unit tests run in-process; e2e tests drive real n8n (installed by test/n8n-runtime/ensure.sh). */
const tsJest = ['ts-jest', { tsconfig: 'test/tsconfig.json' }];

module.exports = {
	projects: [
		{
			displayName: 'unit',
			testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
			transform: { '^.+\\.ts$': tsJest },
			testEnvironment: 'node',
		},
		{
			displayName: 'e2e',
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			transform: { '^.+\\.ts$': tsJest },
			testEnvironment: 'node',
			globalSetup: '<rootDir>/test/e2e/globalSetup.js',
			slowTestThreshold: 60,
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

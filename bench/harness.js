'use strict';
/**
 * The e2e tests' n8n harness (test/e2e/n8n.ts) for the benchmark, so that both drive n8n the same
 * way with one implementation. The benchmark is plain Node.js: the TypeScript is compiled here, the
 * way ts-jest compiles it for the tests (one file at a time, types stripped, no type check: `npm
 * run typecheck` checks it), and the runtime is installed by the e2e tests' globalSetup.
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const HARNESS = path.resolve(__dirname, '..', 'test', 'e2e', 'n8n.ts');

if (!require.extensions['.ts']) {
	require.extensions['.ts'] = (module, filename) => {
		const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
			fileName: filename,
			compilerOptions: {
				module: ts.ModuleKind.CommonJS,
				target: ts.ScriptTarget.ES2021,
				esModuleInterop: true,
			},
		});
		module._compile(outputText, filename);
	};
}

/** Installs the pinned n8n runtime once (cached) and points the harness at it, as `jest` does for e2e. */
async function ensureRuntime() {
	await require(path.resolve(__dirname, '..', 'test', 'e2e', 'globalSetup.js'))();
	return process.env.PLAZBOT_N8N_RUNTIME;
}

module.exports = { ...require(HARNESS), ensureRuntime };

#!/usr/bin/env node
'use strict';
/**
 * Runs the Plazbot stand-in on its own:
 *   node test/stand-in/cli.js [--port 4010] [--workspace ws-demo] [--api-key demo-key]
 *                             [--latency 20] [--accept-any-template] [--token-ttl 3600]
 *                             [--dialect hub|sdk|docs]
 * --dialect picks the published version of Plazbot's API to speak (default hub; see dialects.js).
 * Faults can be switched at run time: POST /__standin/faults {"rate429":0.1,"retryAfterSeconds":1}.
 */
const { createStandIn, DEFAULTS } = require('./server');

function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index > -1 ? process.argv[index + 1] : fallback;
}

async function main() {
	const standIn = createStandIn({
		workspaceId: option('workspace', DEFAULTS.workspaceId),
		apiKey: option('api-key', DEFAULTS.apiKey),
		latencyMs: Number(option('latency', 0)),
		tokenTtlMs: Number(option('token-ttl', DEFAULTS.tokenTtlMs / 1000)) * 1000,
		acceptAnyTemplate: process.argv.includes('--accept-any-template'),
		dialect: option('dialect', DEFAULTS.dialect),
	});
	const url = await standIn.start(Number(option('port', 4010)), option('host', '127.0.0.1'));
	console.log(
		`Plazbot stand-in listening on ${url} (workspace "${standIn.settings.workspaceId}", dialect ${standIn.dialect.name})`,
	);
	const stop = () => standIn.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});

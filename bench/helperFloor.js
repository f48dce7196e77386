#!/usr/bin/env node
'use strict';
/**
 * The floor under any node that sends through n8n: the HTTP function that n8n's
 * `httpRequestWithAuthentication` ends in (@n8n/backend-network's httpRequest), called directly,
 * CONCURRENCY at a time, with the same requests the Plazbot node sends, and nothing else running:
 * no workflow, no expressions, no credential handling. Run by bench/run.js with n8n's own Node.js.
 *
 * With the transport "node" it sends the same requests with plain Node.js http instead, a new
 * connection each (as n8n's helper makes): what loopback and the stand-in allow, under any n8n.
 *
 * Usage: node helperFloor.js <n8n|node> <n8n runtime dir> <stand-in base URL> <items> <concurrency> <workspace id> <api key>
 * Prints { wallMs, cpuMs } as JSON.
 */
const http = require('node:http');
const path = require('node:path');

const [transport, runtime, baseUrl, items, concurrency, workspaceId, apiKey] =
	process.argv.slice(2);
const n8nHttpRequest = () =>
	require(
		path.join(
			runtime,
			'node_modules',
			'@n8n',
			'backend-network',
			'dist',
			'http',
			'axios',
			'request.js',
		),
	).httpRequest;
const httpRequest = transport === 'n8n' ? n8nHttpRequest() : plainHttpRequest;

/** The subset of n8n's request options used below, sent with Node's http module. */
async function plainHttpRequest(options) {
	const payload = JSON.stringify(options.body);
	return await new Promise((resolve, reject) => {
		const request = http.request(
			new URL(options.url, options.baseURL),
			{
				method: options.method,
				agent: false,
				timeout: options.timeout,
				headers: {
					...options.headers,
					Accept: 'application/json',
					'Content-Type': 'application/json',
					'Content-Length': Buffer.byteLength(payload),
				},
			},
			(response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						statusCode: response.statusCode,
						body: Buffer.concat(chunks).toString('utf8'),
					}),
				);
			},
		);
		request.on('error', reject);
		request.end(payload);
	});
}

const N = Number(items);
const destinationOf = (index) => `519${String(index).padStart(8, '0')}`;

async function main() {
	let next = 0;
	const started = performance.now();
	const cpuBefore = process.cpuUsage();
	const lane = async () => {
		while (next < N) {
			const index = next++;
			const response = await httpRequest({
				method: 'POST',
				baseURL: baseUrl,
				url: '/api/message/conversation',
				headers: { 'x-workspace-id': workspaceId, Authorization: `Bearer ${apiKey}` },
				body: {
					workspaceId,
					template: 'promo_campaign',
					destination: destinationOf(index),
					variablesBody: [{ variable: '1', value: `Customer ${index}` }],
					type: '1',
					campaignName: 'Bench',
				},
				json: true,
				encoding: 'text',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				timeout: 30_000,
			});
			if (response.statusCode !== 200)
				throw new Error(`HTTP ${response.statusCode}: ${String(response.body).slice(0, 200)}`);
		}
	};
	await Promise.all(Array.from({ length: Number(concurrency) }, lane));
	const cpu = process.cpuUsage(cpuBefore);
	process.stdout.write(
		JSON.stringify({ wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 }),
	);
}

main().catch((error) => {
	console.error(error.stack ?? error.message);
	process.exit(1);
});

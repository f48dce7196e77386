#!/usr/bin/env node
'use strict';
/**
 * The node's own cost per message as a campaign grows, without n8n, the network or the stand-in:
 * the built router (dist) sends N messages through a fake httpRequestWithAuthentication that
 * answers each request on the next turn of the event loop. Prints CPU and wall time per message and
 * the heap after the run, at each N; `--cpu-prof` / `--heap-prof` on this script profile it.
 *
 *   node bench/routerScaling.js [--items 1000,10000,50000] [--output eachItem|campaignReport]
 */
const path = require('node:path');

const DIST = path.resolve(__dirname, '..', 'dist');
const { router } = require(path.join(DIST, 'nodes/Plazbot/actions/router'));

function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index > -1 ? process.argv[index + 1] : fallback;
}
const COUNTS = option('items', '1000,10000,50000').split(',').map(Number);
const OUTPUT = option('output', 'eachItem');

const ANSWER = Buffer.from(
	JSON.stringify({
		success: true,
		code: 200,
		message: 'Conversation sent successfully.',
		data: { contactId: 'c1' },
	}),
);

function context(count) {
	const items = Array.from({ length: count }, (_, index) => ({
		json: { phone: `5196${String(index).padStart(7, '0')}` },
	}));
	const node = {
		id: 'n1',
		name: 'Plazbot',
		type: 'n8n-nodes-plazbot.plazbot',
		typeVersion: 2,
		position: [0, 0],
		parameters: {},
		credentials: { plazbotApi: { id: 'c1', name: 'Plazbot' } },
	};
	let requests = 0;
	const parameters = (itemIndex) => ({
		resource: 'message',
		operation: 'sendConversation',
		template: { __rl: true, mode: 'name', value: 'promo_campaign' },
		destination: items[itemIndex].json.phone,
		sendType: 'campaign',
		campaignName: 'Scaling',
		output: OUTPUT,
		options: {},
	});
	const fns = {
		getInputData: () => items,
		getNode: () => node,
		getExecutionId: () => 'scaling',
		getWorkflow: () => ({ id: 'w1', name: 'Scaling', active: false }),
		getNodeParameter(name, itemIndex, fallback, options) {
			let value = parameters(itemIndex)[name];
			if (value === undefined) {
				if (arguments.length >= 3) return fallback;
				throw new Error(`Could not get parameter "${name}"`);
			}
			if (options?.extractValue && value && typeof value === 'object' && '__rl' in value)
				value = value.value;
			return value;
		},
		getCredentials: async () => ({
			workspaceId: 'ws-scaling',
			authentication: 'apiKey',
			apiKey: 'scaling-key-7c41',
			baseUrl: 'https://api.plazbot.com',
		}),
		continueOnFail: () => false,
		getTimezone: () => 'UTC',
		getExecutionCancelSignal: () => undefined,
		helpers: {
			httpRequestWithAuthentication: async () => {
				requests++;
				await new Promise((resolve) => setImmediate(resolve));
				return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: ANSWER };
			},
		},
	};
	return { fns, requests: () => requests };
}

async function main() {
	for (const count of COUNTS) {
		global.gc?.();
		const { fns, requests } = context(count);
		const cpu = process.cpuUsage();
		const started = process.hrtime.bigint();
		const [output] = await router.call(fns);
		const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
		const { user, system } = process.cpuUsage(cpu);
		if (requests() !== count) throw new Error(`${requests()} requests for ${count} items`);
		console.log(
			JSON.stringify({
				items: count,
				output: OUTPUT,
				outputItems: output.length,
				wallMsPerItem: +(wallMs / count).toFixed(4),
				cpuMsPerItem: +((user + system) / 1000 / count).toFixed(4),
				heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
			}),
		);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

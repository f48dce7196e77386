/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * The package as users get it: `npm pack` of the build, installed into n8n's user folder the way
 * the Community Nodes panel installs it (no N8N_CUSTOM_EXTENSIONS), then the example campaign
 * (test/e2e/workflows/send-campaign.json) imported unchanged, with the published node type
 * `n8n-nodes-plazbot.plazbot`, and run. On every n8n line (PLAZBOT_N8N_LINE).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

import {
	expectExecutionSucceeded,
	N8N_LINE,
	N8nInstance,
	outputOf,
	packTarball,
	PUBLISHED_NODE_TYPE,
	type ExecutionResult,
} from './n8n';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createStandIn } = require('../stand-in/server');

const WORKSPACE_ID = 'ws-e2e-installed-4c1f';
const API_KEY = 'key-e2e-installed-93ab';
/** The credential the example workflow names, as a user would create it before importing. */
const DEMO_CREDENTIAL = { id: 'plazbot-demo', name: 'Plazbot stand-in (demo)' };

jest.setTimeout(10 * 60_000);

describe(`installed as a community package (${N8N_LINE})`, () => {
	const standIn = createStandIn({ workspaceId: WORKSPACE_ID, apiKey: API_KEY });
	let tarball: string;
	let n8n: N8nInstance;
	let result: ExecutionResult;

	beforeAll(async () => {
		tarball = packTarball();
		n8n = new N8nInstance({ loadedAs: 'community-package', tarball });
		const url = await standIn.start(0);
		await n8n.importCredentials([
			{ ...DEMO_CREDENTIAL, data: { workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl: url } },
		]);
		await n8n.importWorkflows([
			JSON.parse(readFileSync(join(__dirname, 'workflows', 'send-campaign.json'), 'utf8')),
		]);
		// One execution: a CLI process costs less than starting `n8n start` for it.
		result = await n8n.executeInCli('PlzSendCampaign1');
	});

	afterAll(async () => {
		await standIn.stop();
		await n8n?.dispose();
		if (tarball) rmSync(dirname(tarball), { recursive: true, force: true });
	});

	it('is installed where n8n installs community packages, without its peer dependency', () => {
		const installed = join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-plazbot');
		const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
		expect(manifest.peerDependencies).toBeUndefined();
		expect(manifest.dependencies ?? {}).toEqual({});
		// n8n-workflow comes from n8n itself: nothing was installed beside the package.
		expect(existsSync(join(installed, 'node_modules', 'n8n-workflow'))).toBe(false);
		expect(existsSync(join(installed, 'dist', 'nodes', 'Plazbot', 'Plazbot.node.js'))).toBe(true);
		expect(n8n.nodeType).toBe(PUBLISHED_NODE_TYPE);
	});

	it('runs the example campaign unchanged: three messages, each sent once, one output item per customer in order', () => {
		expectExecutionSucceeded(result);
		const requests = standIn.requests.filter(
			(request: any) => request.path === '/api/message/conversation',
		);
		expect(requests.map((request: any) => request.body.destination).sort()).toEqual([
			'51912345678',
			'51955111222',
			'51987654321',
		]);
		const ana = requests.find((request: any) => request.body.destination === '51987654321');
		expect(ana.body.variablesBody).toEqual([
			{ variable: '1', value: 'Ana' },
			{ variable: '2', value: 'A-1001' },
		]);
		const contactOf = (phone: string) =>
			[...standIn.state.contacts.values()].find((c: any) => c.platformSenderPhone === phone)?.id;
		expect(outputOf(result, 'Send Conversation')).toEqual([
			{
				json: {
					contactId: contactOf('51987654321'),
					destination: '51987654321',
					template: 'order_confirmation',
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					contactId: contactOf('51912345678'),
					destination: '51912345678',
					template: 'order_confirmation',
				},
				pairedItem: { item: 1 },
			},
			{
				json: {
					contactId: contactOf('51955111222'),
					destination: '51955111222',
					template: 'order_confirmation',
				},
				pairedItem: { item: 2 },
			},
		]);
		expect(contactOf('51955111222')).toEqual(expect.any(String));
	});
});

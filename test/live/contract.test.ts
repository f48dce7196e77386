/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * The live contract check, for whoever has a Plazbot account: the read-only requests of the node
 * (and one Send Conversation to a number you name) against the real API and against the stand-in,
 * each answer's shape compared, differences printed. It is how the stand-in stays true to Plazbot.
 *
 *   PLAZBOT_LIVE_WORKSPACE_ID=… PLAZBOT_LIVE_API_KEY=… npm run test:live
 *
 * Optional: PLAZBOT_LIVE_BASE_URL (default https://api.plazbot.com; https://apieu.plazbot.com in
 * Europe), PLAZBOT_LIVE_SEND_TO and PLAZBOT_LIVE_TEMPLATE (a number of yours and an approved
 * template: one real message is sent), PLAZBOT_LIVE_STRICT=1 to fail on any difference.
 * Skipped without a workspace ID and key; never run in CI.
 */
import type { IDataObject } from 'n8n-workflow';

import { PlazbotClient, type PlazbotRequest } from '../../nodes/Plazbot/transport/client';
import {
	CONTACT_PATH,
	LIST_CONVERSATIONS_PATH,
	OPPORTUNITY_PATH,
	SEND_CONVERSATION_PATH,
	workspacePath,
} from '../../nodes/Plazbot/transport/apiContract';
import { fakeExecuteFunctions, type FakeCredentials } from '../unit/support/fakeExecuteFunctions';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createStandIn } = require('../stand-in/server');

const live = {
	workspaceId: process.env.PLAZBOT_LIVE_WORKSPACE_ID ?? '',
	apiKey: process.env.PLAZBOT_LIVE_API_KEY ?? '',
	baseUrl: process.env.PLAZBOT_LIVE_BASE_URL ?? 'https://api.plazbot.com',
};
const enabled = live.workspaceId !== '' && live.apiKey !== '';
const STAND_IN = { workspaceId: 'ws-live-check', apiKey: 'key-live-check' };

jest.setTimeout(120_000);

/** The shape of a JSON value: types and keys, with a list described by its first entry. */
export function shapeOf(value: unknown): unknown {
	if (value === null) return 'null';
	if (Array.isArray(value)) return value.length ? [shapeOf(value[0])] : [];
	if (typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value as object)
				.sort()
				.map((key) => [key, shapeOf((value as IDataObject)[key])]),
		);
	}
	return typeof value;
}

/** Where two shapes differ, as "path: live … / stand-in …" lines. Null on one side matches any type. */
export function shapeDifferences(liveShape: unknown, standInShape: unknown, path = '$'): string[] {
	if (liveShape === 'null' || standInShape === 'null') return [];
	if (Array.isArray(liveShape) && Array.isArray(standInShape)) {
		if (!liveShape.length || !standInShape.length) return [];
		return shapeDifferences(liveShape[0], standInShape[0], `${path}[0]`);
	}
	if (
		typeof liveShape === 'object' &&
		typeof standInShape === 'object' &&
		liveShape &&
		standInShape &&
		!Array.isArray(liveShape) &&
		!Array.isArray(standInShape)
	) {
		const keys = new Set([...Object.keys(liveShape), ...Object.keys(standInShape)]);
		return [...keys].flatMap((key) => {
			if (!(key in liveShape)) return [`${path}.${key}: only the stand-in has it`];
			if (!(key in standInShape)) return [`${path}.${key}: only Plazbot has it`];
			return shapeDifferences(
				(liveShape as IDataObject)[key],
				(standInShape as IDataObject)[key],
				`${path}.${key}`,
			);
		});
	}
	return JSON.stringify(liveShape) === JSON.stringify(standInShape)
		? []
		: [`${path}: Plazbot ${JSON.stringify(liveShape)}, stand-in ${JSON.stringify(standInShape)}`];
}

async function answer(
	credentials: FakeCredentials,
	request: (workspaceId: string) => PlazbotRequest,
): Promise<unknown> {
	const { fns } = fakeExecuteFunctions({
		parameters: { resource: 'workspace', operation: 'get' },
		credentials,
	});
	const client = await PlazbotClient.create(fns, { maxAttempts: 2 });
	return await client.request(request(client.workspaceId), 0);
}

const checks: Array<[string, (workspaceId: string) => PlazbotRequest]> = [
	['Workspace by ID', (workspaceId) => ({ method: 'GET', path: workspacePath(workspaceId) })],
	['Get Contacts', (workspaceId) => ({ method: 'GET', path: CONTACT_PATH, qs: { workspaceId } })],
	[
		'Get Opportunities',
		(workspaceId) => ({ method: 'GET', path: OPPORTUNITY_PATH, qs: { workspaceId } }),
	],
	[
		'List Conversation',
		(workspaceId) => ({ method: 'GET', path: LIST_CONVERSATIONS_PATH, qs: { workspaceId } }),
	],
];

(enabled ? describe : describe.skip)('live contract: Plazbot and the stand-in answer alike', () => {
	const standIn = createStandIn({ ...STAND_IN, acceptAnyTemplate: true });
	let standInCredentials: FakeCredentials;
	const differences: string[] = [];

	beforeAll(async () => {
		standInCredentials = { ...STAND_IN, baseUrl: await standIn.start(0) };
	});
	afterAll(async () => {
		await standIn.stop();
		console.log(
			differences.length
				? `Shape differences:\n${differences.join('\n')}`
				: 'No shape differences.',
		);
	});

	it.each(checks)('%s', async (name, request) => {
		const [fromPlazbot, fromStandIn] = [
			await answer(live, request),
			await answer(standInCredentials, request),
		];
		const found = shapeDifferences(shapeOf(fromPlazbot), shapeOf(fromStandIn)).map(
			(line) => `${name} ${line}`,
		);
		differences.push(...found);
		if (process.env.PLAZBOT_LIVE_STRICT === '1') expect(found).toEqual([]);
	});

	const sendTo = process.env.PLAZBOT_LIVE_SEND_TO;
	const template = process.env.PLAZBOT_LIVE_TEMPLATE;
	(sendTo && template ? it : it.skip)(
		'Send Conversation to PLAZBOT_LIVE_SEND_TO (one real message)',
		async () => {
			const request = (workspaceId: string): PlazbotRequest => ({
				method: 'POST',
				path: SEND_CONVERSATION_PATH,
				body: {
					workspaceId,
					template: String(template),
					destination: String(sendTo).replace(/\D/g, ''),
					type: '2',
				},
			});
			const [fromPlazbot, fromStandIn] = [
				await answer(live, request),
				await answer(standInCredentials, request),
			];
			const found = shapeDifferences(shapeOf(fromPlazbot), shapeOf(fromStandIn)).map(
				(line) => `Send Conversation ${line}`,
			);
			differences.push(...found);
			if (process.env.PLAZBOT_LIVE_STRICT === '1') expect(found).toEqual([]);
		},
	);
});

if (!enabled) {
	it('is skipped: set PLAZBOT_LIVE_WORKSPACE_ID and PLAZBOT_LIVE_API_KEY to compare Plazbot with the stand-in', () =>
		undefined);
}

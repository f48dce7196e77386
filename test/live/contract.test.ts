/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * The live contract test, for whoever has a Plazbot account: every read endpoint the node calls,
 * against the real API and against the stand-in in each of its dialects (test/stand-in/dialects.js).
 * A read fails when the node cannot read Plazbot's answer, or when its shape matches no dialect
 * (the differences from the closest one are the failure): the stand-in is then wrong about
 * Plazbot, and so may the node be. A read by ID needs one record of its kind in the account (a
 * contact, an opportunity, a task, an agent, a user): without one, that read fails and says so. A read by ID needs one record of its kind in the account (a
 * contact, an opportunity, a task, an agent, a user): without one, that read fails and says so.
 *
 *   PLAZBOT_LIVE_WORKSPACE_ID=… PLAZBOT_LIVE_API_KEY=… npm run test:live
 *
 * Optional: PLAZBOT_LIVE_BASE_URL (default https://api.plazbot.com; https://apieu.plazbot.com in
 * Europe), PLAZBOT_LIVE_SEND_TO and PLAZBOT_LIVE_TEMPLATE (a number of yours and an approved
 * template with no variables: one real message is sent). Without a workspace ID and key every
 * test is reported skipped (never passed), with the reason; never run in CI.
 */
import type { IDataObject } from 'n8n-workflow';

import { PlazbotClient, type PlazbotRequest } from '../../nodes/Plazbot/transport/client';
import { postConversation } from '../../nodes/Plazbot/actions/message/conversationPath';
import { recordsIn } from '../../nodes/Plazbot/helpers/records';
import { listTemplates } from '../../nodes/Plazbot/methods/templates';
import {
	AGENT_GET_ID_QUERIES,
	AGENT_GET_PATH,
	AGENT_LIST_PATH,
	agentsIn,
	CONTACT_PATH,
	contactPath,
	LIST_CONVERSATIONS_PATH,
	MESSAGE_SEARCH_PATH,
	OPPORTUNITY_PATH,
	recordPath,
	TASK_PATH,
	TASK_PAGE_SIZE,
	USER_BY_EMAIL_PATH,
	workspacePath,
	workspaceUsersPath,
} from '../../nodes/Plazbot/transport/apiContract';
import { pageOf } from '../../nodes/Plazbot/transport/pagination';
import { fakeExecuteFunctions, type FakeCredentials } from '../unit/support/fakeExecuteFunctions';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createStandIn } = require('../stand-in/server');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DIALECT_NAMES } = require('../stand-in/dialects');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildContact } = require('../stand-in/routes/contact');

const live = {
	workspaceId: process.env.PLAZBOT_LIVE_WORKSPACE_ID ?? '',
	apiKey: process.env.PLAZBOT_LIVE_API_KEY ?? '',
	baseUrl: process.env.PLAZBOT_LIVE_BASE_URL ?? 'https://api.plazbot.com',
};
const enabled = live.workspaceId !== '' && live.apiKey !== '';
const SKIPPED_BECAUSE =
	'skipped: PLAZBOT_LIVE_WORKSPACE_ID and PLAZBOT_LIVE_API_KEY are not set, so there is no Plazbot account to compare the stand-in with';
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

type Client = PlazbotClient;

async function clientFor(credentials: FakeCredentials): Promise<Client> {
	const { fns } = fakeExecuteFunctions({
		parameters: { resource: 'workspace', operation: 'get' },
		credentials,
	});
	return await PlazbotClient.create(fns, { maxAttempts: 2 });
}

const get = async (client: Client, request: Omit<PlazbotRequest, 'method'>) =>
	await client.request({ method: 'GET', ...request }, 0);
const ws = (client: Client) => ({ workspaceId: client.workspaceId });
const firstId = (records: IDataObject[]) => {
	const id = records[0]?.id ?? records[0]?._id;
	return id === undefined ? undefined : String(id);
};

/**
 * Each read endpoint, as the node sends it and reads it: the answer for the shape comparison,
 * after the node's own reader has read it (a reader that throws fails the read). A read that needs
 * a record the account does not have answers undefined and is reported skipped.
 */
const reads: Array<[string, (client: Client) => Promise<unknown>]> = [
	['Workspace by ID', async (c) => await get(c, { path: workspacePath(c.workspaceId) })],
	[
		'Get Contacts',
		async (c) => {
			const answer = await get(c, { path: CONTACT_PATH, qs: ws(c) });
			pageOf(answer.data, 'contact list');
			return answer;
		},
	],
	[
		'Get Contact by ID',
		async (c) => {
			const id = firstId(pageOf((await get(c, { path: CONTACT_PATH, qs: ws(c) })).data).records);
			return id && (await get(c, { path: contactPath(id), qs: ws(c) }));
		},
	],
	[
		'Get Opportunities',
		async (c) => {
			const answer = await get(c, { path: OPPORTUNITY_PATH, qs: ws(c) });
			pageOf(answer.data, 'opportunity list');
			return answer;
		},
	],
	[
		'Get Opportunity by ID',
		async (c) => {
			const list = pageOf((await get(c, { path: OPPORTUNITY_PATH, qs: ws(c) })).data);
			const id = firstId(list.records);
			return id && (await get(c, { path: recordPath(OPPORTUNITY_PATH, id), qs: ws(c) }));
		},
	],
	[
		'List Conversation',
		async (c) => {
			const answer = await get(c, { path: LIST_CONVERSATIONS_PATH, qs: ws(c) });
			pageOf(answer.data, 'conversation list');
			return answer;
		},
	],
	[
		'Get Tasks',
		async (c) => {
			const answer = await get(c, {
				path: TASK_PATH,
				qs: { ...ws(c), pageNumber: 1, pageSize: TASK_PAGE_SIZE },
			});
			recordsIn(answer.data, 'task list');
			return answer;
		},
	],
	[
		'Get Task by ID',
		async (c) => {
			const qs = { ...ws(c), pageNumber: 1, pageSize: TASK_PAGE_SIZE };
			const id = firstId(recordsIn((await get(c, { path: TASK_PATH, qs })).data));
			return id && (await get(c, { path: recordPath(TASK_PATH, id), qs: ws(c) }));
		},
	],
	[
		'Get Agents',
		async (c) => {
			const answer = await get(c, { path: AGENT_LIST_PATH, qs: ws(c) });
			agentsIn(answer);
			return answer;
		},
	],
	[
		'Get Agent by ID',
		async (c) => {
			const id = firstId(agentsIn(await get(c, { path: AGENT_LIST_PATH, qs: ws(c) })));
			const qs = { ...ws(c), ...Object.fromEntries(AGENT_GET_ID_QUERIES.map((q) => [q, id])) };
			return id && (await get(c, { path: AGENT_GET_PATH, qs }));
		},
	],
	[
		'Workspace users',
		async (c) => {
			const answer = await get(c, { path: workspaceUsersPath(c.workspaceId) });
			recordsIn(answer.data, 'user list');
			return answer;
		},
	],
	[
		'User by email',
		async (c) => {
			const users = recordsIn((await get(c, { path: workspaceUsersPath(c.workspaceId) })).data);
			const email = users.find((user) => typeof user.email === 'string')?.email;
			return email && (await get(c, { path: USER_BY_EMAIL_PATH, qs: { email } }));
		},
	],
	[
		'Message search',
		async (c) => {
			const answer = await get(c, { path: MESSAGE_SEARCH_PATH, qs: { ...ws(c), query: 'a' } });
			recordsIn(answer.data, 'message search');
			return answer;
		},
	],
	// The template list's path is found as the picker finds it; its records are compared.
	['Templates', async (c) => await listTemplates(c)],
];

/** One record of each kind, so that the stand-in's answers have records to compare with. */
async function seed(standIn: any, client: Client): Promise<void> {
	const contact = buildContact(standIn.state, client.workspaceId, { name: 'Ana' });
	standIn.state.contacts.set(contact.id, contact);
	const post = async (path: string, body: IDataObject) =>
		await client.request({ method: 'POST', path, body: { ...ws(client), ...body } }, 0);
	await post(OPPORTUNITY_PATH, { name: 'Deal', description: 'A deal', amount: 10 });
	await post(TASK_PATH, { name: 'Call', description: 'Call Ana' });
	standIn.state.messages.push({ id: 'm-1', contactId: contact.id, ...ws(client), content: 'hola' });
}

(enabled ? describe : describe.skip)('live contract: Plazbot and the stand-in answer alike', () => {
	const standIns = Object.fromEntries(
		DIALECT_NAMES.map((dialect: string) => [dialect, createStandIn({ ...STAND_IN, dialect })]),
	);
	const clients: Record<string, Client> = {};
	let liveClient: Client;

	beforeAll(async () => {
		liveClient = await clientFor(live);
		for (const [dialect, standIn] of Object.entries(standIns)) {
			clients[dialect] = await clientFor({ ...STAND_IN, baseUrl: await standIn.start(0) });
			await seed(standIn, clients[dialect]);
		}
	});
	afterAll(async () => {
		for (const standIn of Object.values(standIns)) await standIn.stop();
	});

	it.each(reads)(
		'%s: the node reads the answer, and a dialect of the stand-in has its shape',
		async (name, read) => {
			const fromPlazbot = await read(liveClient);
			// No silent pass: a read that cannot be made fails, saying what the account lacks.
			expect({ read: name, accountHasARecordToRead: fromPlazbot !== undefined }).toEqual({
				read: name,
				accountHasARecordToRead: true,
			});
			const differences: Record<string, string[]> = {};
			for (const [dialect, client] of Object.entries(clients))
				differences[dialect] = shapeDifferences(shapeOf(fromPlazbot), shapeOf(await read(client)));
			const [closest, found] = Object.entries(differences).sort(
				(a, b) => a[1].length - b[1].length,
			)[0];
			if (found.length) console.log(`${name}: closest dialect ${closest}\n${found.join('\n')}`);
			expect({ read: name, closest, differences: found }).toEqual({
				read: name,
				closest,
				differences: [],
			});
		},
	);

	const sendTo = process.env.PLAZBOT_LIVE_SEND_TO;
	const template = process.env.PLAZBOT_LIVE_TEMPLATE;
	(sendTo && template ? it : it.skip)(
		'Send Conversation to PLAZBOT_LIVE_SEND_TO (one real message): the path is found and the answer read',
		async () => {
			const body = {
				workspaceId: live.workspaceId,
				template: String(template),
				destination: String(sendTo).replace(/\D/g, ''),
				type: '2',
				sendType: '2',
			};
			const envelope = await postConversation(liveClient, body, 0);
			expect(envelope.data).toEqual(expect.objectContaining({ contactId: expect.any(String) }));
		},
	);
});

if (!enabled) {
	console.warn(`npm run test:live ${SKIPPED_BECAUSE}`);
	// Reported by jest as skipped, with the reason in its name: never as a pass.
	it.skip(SKIPPED_BECAUSE, () => undefined);
}

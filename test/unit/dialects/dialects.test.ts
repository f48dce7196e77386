/**
 * The node against each published dialect of Plazbot's API (test/stand-in/dialects.js): the hub
 * page, the SDK's code, the docs and white-label copy. Each dialect is its own stand-in; the same
 * user actions must give the same results in all three.
 */
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { postConversation } from '../../../nodes/Plazbot/actions/message/conversationPath';
import { router } from '../../../nodes/Plazbot/actions/router';
import { PlazbotClient } from '../../../nodes/Plazbot/transport/client';
import { getTemplateFields } from '../../../nodes/Plazbot/methods/templates';
import { searchTemplates } from '../../../nodes/Plazbot/methods/listSearch';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildContact } = require('../../stand-in/routes/contact');

const HUB_PATH = '/api/message/conversation';
const SDK_PATH = '/api/conversation';
const DESTINATIONS = ['51987000001', '51987000002', '51987000003'];

describe.each(['hub', 'sdk', 'docs'])('against the %s dialect', (dialect) => {
	const { standIn, credentials } = startStandIn({ dialect });

	/** `perItem` gives the parameters that are expressions of the item. */
	const run = (
		parameters: Record<string, unknown>,
		items?: IDataObject[],
		typeVersion = 1,
		perItem: (item: IDataObject) => Record<string, unknown> = () => ({}),
	) => {
		const context = fakeExecuteFunctions({
			items,
			parameters: (_, item) => ({ options: { concurrency: 1 }, ...parameters, ...perItem(item) }),
			credentials: credentials(),
			typeVersion,
			continueOnFail: true,
		});
		return { ...context, result: router.call(context.fns) };
	};
	const loadOptions = (parameters: Record<string, unknown> = {}) =>
		fakeExecuteFunctions({ parameters, credentials: credentials(), typeVersion: 2 })
			.fns as unknown as ILoadOptionsFunctions;
	const sendPaths = () =>
		standIn()
			.requests.filter((request) => request.method === 'POST')
			.map((request) => request.path);
	const listConversations = async () => {
		const [output] = await run({
			resource: 'message',
			operation: 'getConversations',
			returnAll: true,
		}).result;
		return output.map((item) => item.json);
	};

	it('Send Conversation v1: a campaign reaches every destination once, filed as Campaign under its name', async () => {
		const { result } = run(
			{
				resource: 'message',
				operation: 'sendConversation',
				template: 'welcome',
				sendType: 'campaign',
				campaignName: 'Black Friday',
				variablesBody: { variable: [{ variable: '1', value: 'Ana' }] },
			},
			DESTINATIONS.map((phone) => ({ phone })),
			1,
			(item) => ({ destination: item.phone }),
		);
		const [output] = await result;
		expect(output.map((item) => [item.json.destination, typeof item.json.contactId])).toEqual(
			DESTINATIONS.map((phone) => [phone, 'string']),
		);
		// The hub path first; a dialect without it answered a web server's 404 (nothing sent), and
		// the item went on to the path that exists: each destination reached once.
		const paths = sendPaths();
		if (dialect === 'hub') expect(paths).toEqual([HUB_PATH, HUB_PATH, HUB_PATH]);
		else {
			expect(paths.filter((path) => path === SDK_PATH)).toHaveLength(3);
			expect(paths.filter((path) => path === HUB_PATH).length).toBeLessThanOrEqual(3);
		}
		const conversations = await listConversations();
		expect(
			conversations.map((record) => [
				JSON.parse(String(record.requestBody)).destination,
				record.type,
				record.campaignName,
			]),
		).toEqual(DESTINATIONS.map((phone) => [phone, 1, 'Black Friday']));
	});

	it('Send Conversation v2: the picked template, its mapped variables, filed as Individual', async () => {
		const { result } = run(
			{
				resource: 'message',
				operation: 'sendConversation',
				template: { __rl: true, mode: 'list', value: 'order_confirmation' },
				destination: '+51 987 000 009',
				sendType: 'individual',
				templateFields: {
					mappingMode: 'defineBelow',
					value: { 'header:1': 'A-1001', 'body:1': 'Ana', 'body:2': 'A-1001' },
				},
			},
			undefined,
			2,
		);
		const [[item]] = await result;
		expect(item.json).toMatchObject({ destination: '51987000009', template: 'order_confirmation' });
		expect(item.json.error).toBeUndefined();
		const [conversation] = await listConversations();
		expect(conversation.type).toBe(2);
	});

	it('the template picker lists every approved template by its name, never its ID, and its fields load', async () => {
		const { results } = await searchTemplates.call(loadOptions());
		expect(results.map((entry) => entry.value)).toEqual([
			'hello_world',
			'order_confirmation',
			'welcome',
			'appointment_reminder',
			'promo_campaign',
		]);
		const { fields } = await getTemplateFields.call(
			loadOptions({ template: { __rl: true, mode: 'list', value: 'order_confirmation' } }),
		);
		expect(fields.map((field) => field.id)).toEqual(['header:1', 'body:1', 'body:2']);
	});

	it('AI Agent → Get finds the agent', async () => {
		const [[item]] = await run({
			resource: 'agent',
			operation: 'get',
			agentId: { __rl: true, mode: 'id', value: 'agent-demo-1' },
		}).result;
		expect(item.json).toMatchObject({ id: 'agent-demo-1', name: 'Sales assistant' });
	});

	it('Contact → Get Many with Return All gives every contact once', async () => {
		const { state } = standIn();
		for (let i = 0; i < 45; i++) {
			const contact = buildContact(state, WORKSPACE_ID, { name: `Ana ${i}` });
			state.contacts.set(contact.id, contact);
		}
		const [output] = await run({ resource: 'contact', operation: 'getMany', returnAll: true })
			.result;
		expect(output.map((item) => item.json.name)).toEqual(
			Array.from({ length: 45 }, (_, i) => `Ana ${i}`),
		);
	});

	it('Message → Search gives every match', async () => {
		const { state } = standIn();
		const contact = buildContact(state, WORKSPACE_ID, { name: 'Ana' });
		state.contacts.set(contact.id, contact);
		for (const content of ['pricing please', 'hello', 'new pricing?'])
			state.messages.push({
				id: content,
				contactId: contact.id,
				workspaceId: WORKSPACE_ID,
				content,
			});
		const [output] = await run({
			resource: 'message',
			operation: 'search',
			query: 'pricing',
			returnAll: true,
		}).result;
		expect(output.map((item) => item.json.content)).toEqual(['pricing please', 'new pricing?']);
	});

	const seedTasks = (count: number) => {
		const { state } = standIn();
		for (let i = 1; i <= count; i++) {
			const id = `t-${String(i).padStart(3, '0')}`;
			state.tasks.set(id, { id, workspaceId: WORKSPACE_ID, name: `Task ${i}`, contactId: null });
		}
	};
	const taskNames = (output: Array<{ json: IDataObject }>) =>
		output.map((item) => item.json.name ?? item.json.error);

	it('Task → Get Many with Return All gives 30 tasks once each', async () => {
		seedTasks(30);
		const [output] = await run({ resource: 'task', operation: 'getMany', returnAll: true }).result;
		expect(taskNames(output)).toEqual(Array.from({ length: 30 }, (_, i) => `Task ${i + 1}`));
	});

	it('Task → Get Many with Return All over 65 tasks: all of them, or an error that says why not', async () => {
		seedTasks(65);
		const [output] = await run({ resource: 'task', operation: 'getMany', returnAll: true }).result;
		if (dialect === 'sdk') {
			// This dialect answers page 1 for every page number: the rest cannot be read.
			expect(taskNames(output)).toEqual([
				'Plazbot answered page 2 of the task list with the same 50 tasks as page 1: it ignores the page number, so the tasks after the first 50 cannot be read [item 0]',
			]);
		} else {
			expect(taskNames(output)).toEqual(Array.from({ length: 65 }, (_, i) => `Task ${i + 1}`));
		}
		expect(standIn().requestsTo('/api/task').length).toBeLessThanOrEqual(5);
	});

	it('Contact → Delete reports a contact Plazbot did not delete as an error, and deletes one it has', async () => {
		const { state } = standIn();
		const contact = buildContact(state, WORKSPACE_ID, { name: 'Ana' });
		state.contacts.set(contact.id, contact);
		const [output] = await run(
			{ resource: 'contact', operation: 'delete' },
			[{ id: contact.id }, { id: 'c-unknown' }],
			1,
			(item) => ({ contactId: item.id }),
		).result;
		expect(output[0].json).toEqual({ deleted: true, id: contact.id });
		expect(output[1].json.deleted).toBeUndefined();
		expect(String(output[1].json.error)).toMatch(/c-unknown/);
		expect(output[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('Send Conversation and a 404', () => {
	const { standIn, credentials } = startStandIn({ dialect: 'docs' });
	const send = (template: string) =>
		router.call(
			fakeExecuteFunctions({
				parameters: {
					resource: 'message',
					operation: 'sendConversation',
					template,
					destination: '51987000001',
					sendType: 'api',
					variablesBody: { variable: [{ variable: '1', value: 'Ana' }] },
				},
				credentials: credentials(),
				continueOnFail: true,
			}).fns,
		);

	it('without the envelope is tried once per run: once learnt, sends go straight to the path that exists', async () => {
		const { fns } = fakeExecuteFunctions({ parameters: {}, credentials: credentials() });
		const client = await PlazbotClient.create(fns);
		const body = (destination: string) => ({
			workspaceId: WORKSPACE_ID,
			template: 'hello_world',
			destination,
			sendType: '3',
		});
		await postConversation(client, body('51987000001'), 0);
		await postConversation(client, body('51987000002'), 1);
		expect(standIn().requests.map((request) => [request.path, request.body.destination])).toEqual([
			[HUB_PATH, '51987000001'],
			[SDK_PATH, '51987000001'],
			[SDK_PATH, '51987000002'],
		]);
		// Another run (another client) finds the path out again.
		await postConversation(await PlazbotClient.create(fns), body('51987000003'), 0);
		expect(
			standIn()
				.requests.slice(3)
				.map((request) => request.path),
		).toEqual([HUB_PATH, SDK_PATH]);
	});

	it("with Plazbot's envelope (an unknown template) is Plazbot's answer: shown, never sent again", async () => {
		const [[item]] = await send('no_such_template');
		expect(String(item.json.error)).toMatch(/no_such_template/);
		expect(standIn().requests.map((request) => [request.path, request.status])).toEqual([
			[HUB_PATH, 404],
			[SDK_PATH, 404],
		]);
	});

	it("with Plazbot's envelope on the hub path stops there: nothing is sent to the other path", async () => {
		standIn().setFaults({ script: { 1: '404envelope' } });
		const [[item]] = await send('welcome');
		expect(String(item.json.error)).toMatch(/Recurso no encontrado/);
		expect(standIn().requests.map((request) => request.path)).toEqual([HUB_PATH]);
	});

	it('from a web server on both paths is an error naming the 404', async () => {
		standIn().setFaults({ script: { 1: '404html', 2: '404html' } });
		const [[item]] = await send('welcome');
		expect(String(item.json.error)).toMatch(/404/);
		expect(standIn().requests.map((request) => request.path)).toEqual([HUB_PATH, SDK_PATH]);
	});
});

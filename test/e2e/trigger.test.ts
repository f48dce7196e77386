/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * The Plazbot Trigger in real n8n (`n8n start`, REST API as the owner) against the stand-in:
 * activation registers n8n's production URL for the number, a message the stand-in sends starts
 * an execution with that message as output, calls without the secret (or with a body the trigger
 * refuses) start nothing, deactivation removes the URL; "Listen for test event" does the same with
 * the test URL; an n8n restart leaves the number registered and listening.
 *
 * REST calls are n8n 2.x's (POST /workflows/:id/activate and /deactivate, /workflows/:id/run with
 * triggerToStartFrom); on n8n 1.x activation falls back to PATCH /workflows/:id { active }.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { answered, N8nInstance, type N8nServer, parseExecutionData } from './n8n';
import {
	API_KEY,
	eventually,
	NUMBER,
	saveTriggerWorkflow,
	type SavedWorkflow,
	TRIGGER,
	WEBHOOK_PATH,
	WORKSPACE_ID,
} from './triggerStand';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createStandIn } = require('../stand-in/server');

const WEBHOOK_ID = randomUUID();

jest.setTimeout(10 * 60_000);

describe('Plazbot Trigger in real n8n', () => {
	const standIn = createStandIn({ workspaceId: WORKSPACE_ID, apiKey: API_KEY });
	const n8n = new N8nInstance();
	let server: N8nServer;
	let port: number;
	let workflow: SavedWorkflow;
	let credential: { id: string; name: string };

	const webhookRequests = () =>
		standIn.requestsTo(WEBHOOK_PATH).map((r: any) => [r.method, r.body]);
	/** n8n answers an activation or deactivation before it has called the node's webhook methods. */
	const webhookRequestsOnceThere = async (count: number) =>
		await eventually(`${count} webhook request(s) at the stand-in`, async () =>
			webhookRequests().length >= count ? webhookRequests() : undefined,
		);
	const registeredUrl = (): string | undefined => standIn.state.whatsappWebhooks.get(NUMBER);

	/**
	 * n8n 2.x: POST /workflows/:id/activate and /deactivate. n8n 1.x has neither (404): there,
	 * PATCH /workflows/:id { active } with the workflow's current versionId.
	 */
	const setActive = async (target: { id: string; versionId: string }, active: boolean) => {
		const answer = await server
			.rest(
				'POST',
				`/workflows/${target.id}/${active ? 'activate' : 'deactivate'}`,
				active ? { versionId: target.versionId } : {},
			)
			.catch(() => undefined);
		if (answer !== undefined && !(answer.code === 404 && answer.data === undefined))
			return answered(answer, active ? 'activation' : 'deactivation');
		const current = answered(await server.rest('GET', `/workflows/${target.id}`), 'workflow read');
		return answered(
			await server.rest('PATCH', `/workflows/${target.id}`, {
				active,
				versionId: current.versionId,
			}),
			`${active ? 'activation' : 'deactivation'} (1.x)`,
		);
	};
	const activate = async (target = workflow) => await setActive(target, true);
	const deactivate = async (target = workflow) => await setActive(target, false);

	const executions = async (
		target = workflow,
	): Promise<Array<{ id: string; mode: string; status: string }>> => {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: target.id }));
		return answered(
			await server.rest('GET', `/executions?filter=${filter}&limit=100`),
			'execution list',
		).results;
	};
	/**
	 * Waits until at least `count` executions of the workflow exist and none of them is still going,
	 * then gives them all, newest first. (Returning as soon as `count` had finished once gave an
	 * execution still running when a later one was listed first: seen under load in CI.)
	 */
	const finishedExecutions = async (count: number, target = workflow) =>
		await eventually(`${count} finished execution(s)`, async () => {
			const list = await executions(target);
			const going = list.some((execution) =>
				['new', 'running', 'waiting'].includes(execution.status),
			);
			return list.length >= count && !going ? list : undefined;
		});
	const triggerOutput = async (executionId: string): Promise<unknown[]> => {
		const execution = answered(await server.rest('GET', `/executions/${executionId}`), 'execution');
		const data = parseExecutionData(execution.data);
		return data.resultData.runData[TRIGGER][0].data.main[0].map(
			(item: { json: unknown }) => item.json,
		);
	};

	/** Plazbot's side: a customer writes to the number, the stand-in posts to the registered URL. */
	const customerWrites = async (
		text: string,
		from = '+51 987 654 321',
		name = 'Ana Torres',
		extra: { payload?: unknown; contentType?: string | null } = {},
	): Promise<Record<string, any>> => {
		const response = await fetch(`${standIn.url}/__standin/whatsapp/${NUMBER}/incoming`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ text, from, name, ...extra }),
		});
		// `status` and `delivered`: what n8n answered the stand-in; `standInStatus`: the stand-in's own answer.
		return { standInStatus: response.status, ...((await response.json()) as Record<string, any>) };
	};
	/** The trigger's output for one of the stand-in's messages: the body as sent, and the normalised part. */
	const itemOf = (payload: any) => ({
		...payload,
		normalized: {
			customerPhone: payload.contact.phone,
			customerName: payload.contact.name,
			text: payload.message.text,
			messageId: payload.messageId,
			receivingNumber: NUMBER,
			time: payload.timestamp,
		},
	});
	const callDirectly = async (
		url: string,
		body: string | Buffer,
		contentType = 'application/json',
	) => {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': contentType },
			body,
		});
		return { status: response.status, text: await response.text() };
	};
	const withoutSecret = (url: string) => url.replace(/\?token=[^&]*$/, '');

	beforeAll(async () => {
		const standInUrl = await standIn.start(0);
		server = await n8n.startServer();
		port = Number(new URL(server.baseUrl).port);
		({ credential, workflow } = await saveTriggerWorkflow(server, standInUrl, WEBHOOK_ID));
	});

	// A test that fails half-way leaves no active workflow behind for the next one.
	afterEach(async () => {
		standIn.setFaults({});
		await deactivate().catch(() => undefined);
		// n8n removes the URL after it has answered: let that land before the next test resets the stand-in.
		await eventually('the number to be free', async () =>
			registeredUrl() === undefined ? true : undefined,
		).catch(() => undefined);
	});

	afterAll(async () => {
		await server?.stop();
		await standIn.stop();
		await n8n.dispose();
	});

	it('activation registers the production URL with a secret; a message starts an execution with it as output; other calls start nothing; deactivation removes the URL', async () => {
		await activate();

		expect(await webhookRequestsOnceThere(1)).toEqual([['POST', { webhook: expect.any(String) }]]);
		const url = registeredUrl() as string;
		expect(url).toMatch(
			new RegExp(
				`^http://localhost:${port}/webhook/${WEBHOOK_ID}/webhook\\?token=[A-Za-z0-9]{32}$`,
			),
		);
		expect(webhookRequests()[0][1].webhook).toBe(url);

		const delivered = await customerWrites('Hola, ¿tienen envío a Cusco?');
		// n8n answered Plazbot's call at once, with an empty 200.
		expect(delivered).toMatchObject({
			standInStatus: 200,
			status: 200,
			delivered: true,
			response: '',
		});
		const [first] = await finishedExecutions(1);
		expect(first).toMatchObject({ mode: 'webhook', status: 'success' });
		expect(await triggerOutput(first.id)).toEqual([itemOf(delivered.payload)]);

		// Calls that must start nothing, each answered with what is wrong.
		const refused = [
			await callDirectly(withoutSecret(url), JSON.stringify(delivered.payload)),
			await callDirectly(
				`${withoutSecret(url)}?token=${'x'.repeat(32)}`,
				JSON.stringify(delivered.payload),
			),
			await callDirectly(url, 'Hola', 'text/plain'),
			await callDirectly(url, '{"message": '),
			// Larger than n8n accepts (N8N_PAYLOAD_SIZE_MAX, 16 MiB by default): n8n answers 500 itself.
			await callDirectly(url, JSON.stringify({ text: 'x'.repeat(17 * 1024 * 1024) })),
		];
		expect(refused.map((answer) => answer.status)).toEqual([401, 401, 415, 422, 500]);
		expect(JSON.parse(refused[0].text)).toEqual({
			message:
				'Unauthorized: this URL accepts only calls from Plazbot, which carry the secret it was registered with',
		});
		expect(JSON.parse(refused[2].text).message).toMatch(
			/^The body \(Content-Type "text\/plain"\) is neither JSON nor form fields/,
		);
		expect(JSON.parse(refused[3].text).message).toBe('Failed to parse request body');
		// n8n itself refuses a body over its limit before any node runs, in its own words.
		expect(JSON.parse(refused[4].text).message).toBe('There was a problem executing the workflow');
		for (const answer of refused) expect(answer.text).not.toContain(url.split('token=')[1]);

		// Had any refused call started an execution, it would be listed before this message's one.
		const second = await customerWrites('Segundo mensaje');
		const list = await finishedExecutions(2);
		expect(list).toHaveLength(2);
		expect(await triggerOutput(list[0].id)).toEqual([itemOf(second.payload)]);

		await deactivate();
		expect((await webhookRequestsOnceThere(2)).map(([method]: [string]) => method)).toEqual([
			'POST',
			'DELETE',
		]);
		expect(registeredUrl()).toBeUndefined();
		expect(await customerWrites('Nobody listens')).toMatchObject({
			standInStatus: 404,
			error: expect.stringMatching(/^No webhook is registered/),
		});
		expect(await executions()).toHaveLength(2);
	});

	it('"Listen for test event" registers the test URL and removes it after the event', async () => {
		standIn.reset();
		const before = (await executions()).length;
		const run = await server.rest('POST', `/workflows/${workflow.id}/run`, {
			workflowData: workflow,
			triggerToStartFrom: { name: TRIGGER },
		});
		expect(answered(run, 'manual run')).toEqual({ waitingForWebhook: true });

		expect(await webhookRequestsOnceThere(1)).toEqual([['POST', { webhook: expect.any(String) }]]);
		const url = registeredUrl() as string;
		expect(url).toMatch(
			new RegExp(
				`^http://localhost:${port}/webhook-test/${WEBHOOK_ID}/webhook\\?token=[A-Za-z0-9]{32}$`,
			),
		);

		// A call without the secret is refused and the test listener keeps waiting.
		expect((await callDirectly(withoutSecret(url), '{"text":"intruder"}')).status).toBe(401);
		expect(webhookRequests()).toHaveLength(1);

		const delivered = await customerWrites('Mensaje de prueba');
		expect(delivered).toMatchObject({ status: 200, delivered: true });
		const list = await finishedExecutions(before + 1);
		expect(list).toHaveLength(before + 1);
		expect(list[0]).toMatchObject({ mode: 'manual', status: 'success' });
		expect(await triggerOutput(list[0].id)).toEqual([itemOf(delivered.payload)]);

		expect((await webhookRequestsOnceThere(2)).map(([method]: [string]) => method)).toEqual([
			'POST',
			'DELETE',
		]);
		expect(registeredUrl()).toBeUndefined();
	});

	it('accepts a JSON array (one item per element), form fields, and JSON sent with another content type or none; a message to another number starts nothing', async () => {
		standIn.reset();
		const base = (await executions()).length;
		await activate();
		await webhookRequestsOnceThere(1);
		const message = (text: string, to = NUMBER) => ({
			event: 'message_received',
			channel: { phone: to },
			contact: { id: null, name: 'Rosa Quispe', phone: '51955501234' },
			message: { id: `wamid.${text.length}`, body: text },
		});
		const normalizedOf = (text: string) => ({
			customerPhone: '51955501234',
			customerName: 'Rosa Quispe',
			text,
			messageId: `wamid.${text.length}`,
			receivingNumber: NUMBER,
			time: null,
		});

		const batch = [message('Primero'), message('Segundo')];
		expect(
			await customerWrites('', undefined, undefined, { payload: JSON.stringify(batch) }),
		).toMatchObject({ status: 200, delivered: true });
		const [arrayRun] = await finishedExecutions(base + 1);
		expect(await triggerOutput(arrayRun.id)).toEqual([
			{ ...batch[0], normalized: normalizedOf('Primero') },
			{ ...batch[1], normalized: normalizedOf('Segundo') },
		]);

		const form = 'from=%2B51955501234&name=Rosa+Quispe&text=Hola+por+formulario&to=51900000001';
		expect(
			await customerWrites('', undefined, undefined, {
				payload: form,
				contentType: 'application/x-www-form-urlencoded',
			}),
		).toMatchObject({ status: 200, delivered: true });
		const [formRun] = await finishedExecutions(base + 2);
		expect(await triggerOutput(formRun.id)).toEqual([
			{
				from: '+51955501234',
				name: 'Rosa Quispe',
				text: 'Hola por formulario',
				to: NUMBER,
				normalized: {
					customerPhone: '51955501234',
					customerName: 'Rosa Quispe',
					text: 'Hola por formulario',
					messageId: null,
					receivingNumber: NUMBER,
					time: null,
				},
			},
		]);

		for (const contentType of ['text/plain', null]) {
			const sent = message(`Sin JSON declarado ${contentType}`);
			const before = (await executions()).length;
			expect(
				await customerWrites('', undefined, undefined, {
					payload: JSON.stringify(sent),
					contentType,
				}),
			).toMatchObject({ status: 200, delivered: true });
			const [run] = await finishedExecutions(before + 1);
			expect(await triggerOutput(run.id)).toEqual([
				{ ...sent, normalized: normalizedOf(`Sin JSON declarado ${contentType}`) },
			]);
		}

		// Sent to another of the workspace's numbers: answered 2xx (it must not come again), nothing started.
		const elsewhere = await customerWrites('', undefined, undefined, {
			payload: JSON.stringify(message('Para soporte', '51900000002')),
		});
		expect(elsewhere).toMatchObject({ status: 200, delivered: true });
		expect(JSON.parse(elsewhere.response).message).toMatch(/another WhatsApp number/);
		// Had it started one, that execution would be listed before this message's.
		await customerWrites('Después');
		const list = await finishedExecutions(base + 5);
		expect(list).toHaveLength(base + 5);
		expect((await triggerOutput(list[0].id))[0]).toMatchObject({ message: { text: 'Después' } });
	});

	it('after a deactivation whose removal failed ambiguously (504 after Plazbot removed the URL), activating registers again and messages arrive', async () => {
		standIn.reset();
		const base = (await executions()).length;
		await activate();
		await webhookRequestsOnceThere(1);
		// Plazbot removes the URL, then a gateway answers 504, and so does every later try.
		standIn.setFaults({
			byRoute: { [`DELETE ${WEBHOOK_PATH}`]: ['504AfterAccept', '504', '504', '504', '504'] },
		});
		await deactivate();
		await webhookRequestsOnceThere(2);
		// Any further tries n8n makes come within seconds; its static data is saved after the last.
		await new Promise((resolve) => setTimeout(resolve, 8_000));
		const removals = webhookRequests().length - 1;
		expect(registeredUrl()).toBeUndefined();
		standIn.setFaults({});

		await activate();
		const requests = await webhookRequestsOnceThere(2 + removals);
		expect(requests.map(([method]: [string]) => method)).toEqual([
			'POST',
			...Array(removals).fill('DELETE'),
			'POST',
		]);
		expect(registeredUrl()).toBe(requests.at(-1)[1].webhook);
		const delivered = await customerWrites('¿Siguen ahí?');
		expect(delivered).toMatchObject({ status: 200, delivered: true });
		const [run] = await finishedExecutions(base + 1);
		expect(await triggerOutput(run.id)).toEqual([itemOf(delivered.payload)]);
	});

	it('"Listen for test event" on the number the active workflow listens to is refused, naming that workflow, and the active workflow keeps receiving', async () => {
		standIn.reset();
		const base = (await executions()).length;
		await activate();
		await webhookRequestsOnceThere(1);
		const productionUrl = registeredUrl() as string;

		const run = await server.rest('POST', `/workflows/${workflow.id}/run`, {
			workflowData: workflow,
			triggerToStartFrom: { name: TRIGGER },
		});
		expect(run.data).toBeUndefined();
		expect(run.message).toBe(
			`WhatsApp number +${NUMBER} is listened to by the active workflow "e2e Plazbot Trigger" (ID ${workflow.id})`,
		);
		// Nothing registered or removed: the production URL stays, and its messages still start executions.
		expect(webhookRequests()).toHaveLength(1);
		expect(registeredUrl()).toBe(productionUrl);
		const delivered = await customerWrites('Sigo aquí');
		expect(delivered).toMatchObject({ status: 200, delivered: true });
		const [latest] = await finishedExecutions(base + 1);
		expect(latest).toMatchObject({ mode: 'webhook', status: 'success' });
	});

	it('a message Plazbot delivers before it answers the registration starts an execution', async () => {
		standIn.reset();
		const base = (await executions()).length;
		await fetch(`${standIn.url}/__standin/whatsapp/${NUMBER}/deliver-during-registration`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ text: 'Llegué antes', from: '+51 987 654 321' }),
		});
		await activate();
		await webhookRequestsOnceThere(1);
		const [early] = await eventually('the delivery during the registration', async () =>
			standIn.state.deliveriesDuringRegistration.length > 0
				? standIn.state.deliveriesDuringRegistration
				: undefined,
		);
		expect(early).toMatchObject({ status: 200, delivered: true });
		const [run] = await finishedExecutions(base + 1);
		expect(await triggerOutput(run.id)).toEqual([itemOf(early.payload)]);
	});

	/**
	 * n8n 2.x starts active workflows through its publication service, which calls no webhook
	 * method for a webhook its database still lists; with N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false
	 * (and on n8n 1.x) ActiveWorkflowManager.init calls checkExists, which says "registered" only
	 * when the workflow's record matches the number and n8n's current URL, and create otherwise.
	 */
	it('an n8n restart with the workflow active leaves the number registered and listening, on both start paths; at a new address the legacy path registers the new URL', async () => {
		standIn.reset();
		await activate();
		await webhookRequestsOnceThere(1);
		const url = registeredUrl() as string;
		expect(webhookRequests()).toEqual([['POST', { webhook: url }]]);

		const restartThenMessage = async (
			options: { port?: number; env?: Record<string, string> },
			text: string,
		) => {
			await server.stop();
			server = await n8n.startServer(options);
			const before = (await executions()).length;
			// The workflow is activated again while n8n starts; until then the URL answers 404.
			const delivered = await eventually('the restarted n8n to accept the message', async () => {
				const answer = await customerWrites(text);
				return answer.delivered ? answer : undefined;
			});
			const list = await finishedExecutions(before + 1);
			expect(await triggerOutput(list[0].id)).toEqual([itemOf(delivered.payload)]);
		};

		await restartThenMessage({ port }, 'Después del reinicio');
		// Nothing removed at shutdown, nothing registered again at start: same number, URL and secret.
		expect(webhookRequests()).toHaveLength(1);
		expect(registeredUrl()).toBe(url);

		const legacy = { N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' };
		await restartThenMessage({ port, env: legacy }, 'Reinicio por ActiveWorkflowManager');
		expect(webhookRequests()).toHaveLength(1);
		expect(registeredUrl()).toBe(url);

		// n8n's URL changed (another port): the record no longer matches, so start registers the new URL.
		const newPort = await new Promise<number>((resolve) => {
			const probe = createServer();
			probe.listen(0, '127.0.0.1', () => {
				const { port: free } = probe.address() as { port: number };
				probe.close(() => resolve(free));
			});
		});
		await restartThenMessage({ port: newPort, env: legacy }, 'En la nueva dirección');
		const requests = webhookRequests();
		expect(requests).toHaveLength(2);
		expect(requests[1]).toEqual([
			'POST',
			{
				webhook: expect.stringMatching(
					new RegExp(
						`^http://localhost:${newPort}/webhook/${WEBHOOK_ID}/webhook\\?token=[A-Za-z0-9]{32}$`,
					),
				),
			},
		]);
		expect(registeredUrl()).toBe(requests[1][1].webhook);

		await deactivate();
		expect((await webhookRequestsOnceThere(3)).map(([method]: [string]) => method)).toEqual([
			'POST',
			'POST',
			'DELETE',
		]);
	});

	it('the example workflow (incoming-message.json) creates the contact on its first message and records each message as an activity', async () => {
		standIn.reset();
		const text = readFileSync(join(__dirname, 'workflows', 'incoming-message.json'), 'utf8');
		// As users import it: the published node types and npm start's demo credential.
		expect(text).not.toContain('CUSTOM.');
		expect(
			JSON.parse(text)
				.nodes.filter((node: any) => !node.type.startsWith('n8n-nodes-base.'))
				.map((node: any) => [node.type, node.credentials.plazbotApi.id]),
		).toEqual([
			['n8n-nodes-plazbot.plazbotTrigger', 'plazbot-demo'],
			['n8n-nodes-plazbot.plazbot', 'plazbot-demo'],
			['n8n-nodes-plazbot.plazbot', 'plazbot-demo'],
			['n8n-nodes-plazbot.plazbot', 'plazbot-demo'],
		]);
		const example = JSON.parse(
			text
				.split('n8n-nodes-plazbot.plazbot')
				.join('CUSTOM.plazbot')
				.split('"plazbot-demo"')
				.join(JSON.stringify(credential.id)),
		);
		// n8n gives an imported workflow its own ID.
		const fields = { ...example };
		delete fields.id;
		const imported = answered(await server.rest('POST', '/workflows', fields), 'example import');
		await activate(imported);
		await webhookRequestsOnceThere(1);

		const phone = '51955501234';
		const first = await customerWrites('Hola, quiero cotizar 3 cajas', `+${phone}`, 'Rosa Quispe');
		expect(first).toMatchObject({ delivered: true });
		const [run1] = await finishedExecutions(1, imported);
		expect(run1.status).toBe('success');
		const created = [...standIn.state.contacts.values()].filter(
			(contact: any) => contact.internalWhatsappNumber === phone,
		);
		expect(created).toHaveLength(1);
		expect(created[0].name).toBe('Rosa Quispe');
		expect(standIn.state.contactActivities(created[0].id).map((a: any) => a.content)).toEqual([
			'WhatsApp message: Hola, quiero cotizar 3 cajas',
		]);

		// The contact exists now: found by phone, not created again.
		const second = await customerWrites('¿Hacen factura?', `+${phone}`, 'Rosa Quispe');
		expect(second).toMatchObject({ delivered: true, payload: { contact: { id: created[0].id } } });
		const [run2] = await finishedExecutions(2, imported);
		expect(run2.status).toBe('success');
		expect(
			[...standIn.state.contacts.values()].filter(
				(contact: any) => contact.internalWhatsappNumber === phone,
			),
		).toHaveLength(1);
		expect(standIn.state.contactActivities(created[0].id).map((a: any) => a.content)).toEqual([
			'WhatsApp message: Hola, quiero cotizar 3 cajas',
			'WhatsApp message: ¿Hacen factura?',
		]);
		expect(
			standIn.requests.filter((r: any) => r.method === 'POST' && r.path === '/api/contact'),
		).toHaveLength(1);

		await deactivate(imported);
		await webhookRequestsOnceThere(2);
	});
});

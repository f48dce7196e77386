/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * Plazbot Trigger: the webhook lifecycle (checkExists / create / delete) against the stand-in,
 * and what a call to the registered URL does. n8n's side of the lifecycle (when it calls these
 * methods, how static data survives a restart) is proven in real n8n by test/e2e/trigger.test.ts.
 */
import type {
	IDataObject,
	IHookFunctions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { searchWhatsappNumbers } from '../../../nodes/Plazbot/methods/whatsappNumbers';
import { PlazbotTrigger } from '../../../nodes/PlazbotTrigger/PlazbotTrigger.node';
import { useFakeClock, untilReal } from '../support/fakeClock';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const NUMBER = '51900000001';
const WEBHOOK_URL = 'https://n8n.example.com/webhook/5b0c7d1e-4f2a-4c3b-9d8e-7a6b5c4d3e2f/webhook';
const webhookPath = (number: string) =>
	`/api/workspace/${WORKSPACE_ID}/whatsapp/numbers/${number}/webhook`;

const trigger = new PlazbotTrigger();
const hooks = trigger.webhookMethods.default;

interface HookOptions {
	number?: unknown;
	webhookUrl?: string;
	staticData?: IDataObject;
	/** n8n's activation mode: 'init' when it restarts an active workflow, 'manual' for a test run. */
	activation?: string;
	workflow?: { id: string; name: string };
	webhookId?: string;
}

/** n8n's hook context for this node: its parameter, its webhook URL and the workflow's static data. */
function hookContext({
	number = { __rl: true, mode: 'list', value: NUMBER },
	webhookUrl = WEBHOOK_URL,
	staticData = {},
	activation = 'activate',
	workflow = { id: 'wf-unit-1', name: 'Incoming messages' },
	webhookId = '5b0c7d1e-4f2a-4c3b-9d8e-7a6b5c4d3e2f',
}: HookOptions = {}) {
	const { fns, requests } = fakeExecuteFunctions({ parameters: {}, credentials: credentials() });
	const context = {
		...fns,
		getNode: () => ({ ...fns.getNode(), webhookId }),
		getMode: () => (activation === 'manual' ? 'manual' : 'trigger'),
		getActivationMode: () => activation,
		getWorkflow: () => workflow,
		getNodeParameter: (name: string, fallback: unknown, options?: { extractValue?: boolean }) => {
			if (name !== 'whatsappNumber') return fallback;
			const locator = number as { value?: unknown };
			return options?.extractValue && typeof number === 'object' && number !== null
				? locator.value
				: number;
		},
		getNodeWebhookUrl: () => webhookUrl,
		getWorkflowStaticData: () => staticData,
	} as unknown as IHookFunctions;
	return { context, requests, staticData };
}

describe('Plazbot Trigger → registering the webhook', () => {
	it('registers the URL with a secret for the chosen number, exactly as the SDK does, and records it', async () => {
		const { context, staticData } = hookContext();

		expect(await hooks.checkExists.call(context)).toBe(false);
		expect(await hooks.create.call(context)).toBe(true);

		const [request] = standIn().requests;
		expect(standIn().requests).toHaveLength(1);
		expect(request).toMatchObject({ method: 'POST', path: webhookPath(NUMBER) });
		expect(Object.keys(request.body)).toEqual(['webhook']);
		const registered = new URL(request.body.webhook);
		expect(`${registered.origin}${registered.pathname}`).toBe(WEBHOOK_URL);
		const secret = registered.searchParams.get('token');
		expect(secret).toMatch(/^[A-Za-z0-9]{32}$/);
		expect(staticData.registration).toEqual({ number: NUMBER, webhookUrl: WEBHOOK_URL, secret });
		expect(standIn().state.whatsappWebhooks.get(NUMBER)).toBe(request.body.webhook);
	});

	it('normalises a typed number before using it in the path', async () => {
		const { context, staticData } = hookContext({
			number: { __rl: true, mode: 'number', value: ' +51 900-000-001 ' },
		});
		await hooks.create.call(context);
		expect(standIn().requests.map((r) => r.path)).toEqual([webhookPath(NUMBER)]);
		expect((staticData.registration as IDataObject).number).toBe(NUMBER);
	});

	it('uses a new secret for every registration, so a URL given out before stops working', async () => {
		const first = hookContext();
		await hooks.create.call(first.context);
		const second = hookContext();
		await hooks.create.call(second.context);
		const secrets = standIn().requests.map((r) =>
			new URL(r.body.webhook).searchParams.get('token'),
		);
		expect(new Set(secrets).size).toBe(2);
	});

	it('counts as registered only for the number and URL it recorded', async () => {
		const { context, staticData } = hookContext();
		await hooks.create.call(context);
		const recorded = { ...staticData };

		const restart = { activation: 'init' };
		expect(
			await hooks.checkExists.call(
				hookContext({ ...restart, staticData: { ...recorded } }).context,
			),
		).toBe(true);
		// Another number, another n8n address (a test URL, a changed WEBHOOK_URL), or no record: register again.
		expect(
			await hooks.checkExists.call(
				hookContext({ ...restart, staticData: { ...recorded }, number: '51900000002' }).context,
			),
		).toBe(false);
		expect(
			await hooks.checkExists.call(
				hookContext({
					...restart,
					staticData: { ...recorded },
					webhookUrl: WEBHOOK_URL.replace('/webhook/', '/webhook-test/'),
				}).context,
			),
		).toBe(false);
		expect(await hooks.checkExists.call(hookContext({ ...restart, staticData: {} }).context)).toBe(
			false,
		);
		expect(
			await hooks.checkExists.call(
				hookContext({
					...restart,
					staticData: { registration: { number: NUMBER, webhookUrl: WEBHOOK_URL } },
				}).context,
			),
		).toBe(false);
		// checkExists only reads: Plazbot has no call that would tell.
		expect(standIn().requests).toHaveLength(1);
	});

	it('does not trust its record when activated after a deactivation, whose removal may have failed half-way', async () => {
		const { context, staticData } = hookContext();
		await hooks.create.call(context);
		// A removal answered 504 after Plazbot removed the URL: the record stays, the URL is gone.
		standIn().state.whatsappWebhooks.clear();
		for (const activation of ['activate', 'update', 'create'])
			expect(
				await hooks.checkExists.call(
					hookContext({ activation, staticData: { ...staticData } }).context,
				),
			).toBe(false);
		await hooks.create.call(hookContext({ staticData }).context);
		expect(standIn().state.whatsappWebhooks.get(NUMBER)).toMatch(/\?token=/);
		await hooks.delete.call(hookContext({ staticData }).context);
	});

	it('refuses a test run on a number an active workflow listens to, naming it, before any request', async () => {
		const production = hookContext();
		await hooks.create.call(production.context);
		standIn().requests.length = 0;
		const test = hookContext({
			activation: 'manual',
			webhookUrl: WEBHOOK_URL.replace('/webhook/', '/webhook-test/'),
			workflow: { id: 'wf-unit-2', name: 'Another workflow' },
		});

		const failure = hooks.create.call(test.context);
		await expect(failure).rejects.toBeInstanceOf(NodeOperationError);
		await expect(failure).rejects.toThrow(
			`WhatsApp number +${NUMBER} is listened to by the active workflow "Incoming messages" (ID wf-unit-1)`,
		);
		expect(standIn().requests).toHaveLength(0);
		expect(test.staticData).toEqual({});

		// Once that workflow is deactivated, the test run registers its test URL.
		await hooks.delete.call(production.context);
		await hooks.create.call(test.context);
		expect(standIn().requests.map((r) => r.method)).toEqual(['DELETE', 'POST']);
		expect(standIn().state.whatsappWebhooks.get(NUMBER)).toContain('/webhook-test/');
	});

	it('accepts a message Plazbot delivers with the new secret before it has answered the registration', async () => {
		standIn().setFaults({ latencyMs: 400 });
		const staticData: IDataObject = {};
		const registering = hooks.create.call(hookContext({ staticData }).context);
		while (standIn().requests.length === 0) await sleep(20);
		const [request] = standIn().requests;
		const secret = new URL(request.body.webhook).searchParams.get('token');
		// Nothing recorded yet: n8n saves static data only after create() returns.
		const early = incomingCall({ token: secret, body: { text: 'Hola' }, staticData: {} });
		expect(await trigger.webhook.call(early.context)).toMatchObject({
			workflowData: [[{ json: { text: 'Hola' } }]],
		});
		await registering;
		expect((staticData.registration as IDataObject).secret).toBe(secret);
		// A secret given out before stops working once a new registration starts.
		await hooks.create.call(hookContext({ staticData: {} }).context);
		const stale = incomingCall({ token: secret, body: { text: 'Hola' }, staticData: {} });
		expect(await trigger.webhook.call(stale.context)).toEqual({ noWebhookResponse: true });
		expect(stale.answer.status).toBe(401);
	});

	it('gives up on a registration Plazbot never answers after 10 s, naming Plazbot and the number', async () => {
		standIn().setFaults({ byRoute: { [`POST ${webhookPath(NUMBER)}`]: 'hang' } });
		const { context, staticData } = hookContext();
		useFakeClock();
		try {
			let settled = false;
			const registering = hooks.create.call(context);
			registering.then(
				() => (settled = true),
				() => (settled = true),
			);
			await untilReal(() => standIn().requests.length === 1);
			await jest.advanceTimersByTimeAsync(9_999);
			expect(settled).toBe(false);
			await jest.advanceTimersByTimeAsync(1);
			await expect(registering).rejects.toThrow(
				`Registering the webhook of WhatsApp number +${NUMBER} with Plazbot failed: Plazbot did not answer within 10 s`,
			);
		} finally {
			jest.useRealTimers();
		}
		expect(standIn().requests).toHaveLength(1);
		expect(staticData).toEqual({});
	});

	it('refuses a number that is not one, naming the field, before any request', async () => {
		const { context } = hookContext({
			number: { __rl: true, mode: 'number', value: 'sales line' },
		});
		const failure = hooks.create.call(context);
		await expect(failure).rejects.toBeInstanceOf(NodeOperationError);
		await expect(failure).rejects.toThrow(/^WhatsApp Number "sales line" contains "s"/);
		expect(standIn().requests).toHaveLength(0);
	});

	it("fails with Plazbot's reason when the number is not the workspace's, and records nothing", async () => {
		const { context, staticData } = hookContext({ number: '51911111111' });
		await expect(hooks.create.call(context)).rejects.toThrow(
			'Plazbot error 404: El número 51911111111 no pertenece al workspace',
		);
		expect(staticData).toEqual({});
	});
});

describe('Plazbot Trigger → removing the webhook', () => {
	it('removes the number it registered and forgets the record', async () => {
		const { context, staticData } = hookContext();
		await hooks.create.call(context);
		standIn().requests.length = 0;

		expect(await hooks.delete.call(context)).toBe(true);
		expect(standIn().requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['DELETE', webhookPath(NUMBER), null],
		]);
		expect(standIn().state.whatsappWebhooks.has(NUMBER)).toBe(false);
		expect(staticData).toEqual({});
	});

	it('removes the number it registered even when the parameter now names another one', async () => {
		const { context, staticData } = hookContext();
		await hooks.create.call(context);
		standIn().requests.length = 0;

		await hooks.delete.call(hookContext({ staticData, number: '51900000002' }).context);
		expect(standIn().requests.map((r) => r.path)).toEqual([webhookPath(NUMBER)]);
	});

	it('sends nothing when it registered nothing: a URL someone else set is left alone', async () => {
		standIn().state.whatsappWebhooks.set(NUMBER, 'https://hooks.example.com/own-integration');
		expect(await hooks.delete.call(hookContext().context)).toBe(true);
		expect(standIn().requests).toHaveLength(0);
		expect(standIn().state.whatsappWebhooks.get(NUMBER)).toBe(
			'https://hooks.example.com/own-integration',
		);
	});

	it('takes a 404 (no webhook left in Plazbot) as removed', async () => {
		const { context, staticData } = hookContext();
		await hooks.create.call(context);
		standIn().state.whatsappWebhooks.clear();

		expect(await hooks.delete.call(context)).toBe(true);
		expect(standIn().requests.at(-1)).toMatchObject({
			method: 'DELETE',
			path: webhookPath(NUMBER),
		});
		expect(staticData).toEqual({});
	});

	it('keeps the record when Plazbot fails to remove it, and says so', async () => {
		const { context, staticData } = hookContext();
		await hooks.create.call(context);
		standIn().setFaults({ script: { '2': '500', '3': '500', '4': '500' } });

		await expect(hooks.delete.call(context)).rejects.toThrow(
			/^Removing the webhook of WhatsApp number \+51900000001 with Plazbot failed: Plazbot error 500/,
		);
		expect(staticData.registration).toMatchObject({ number: NUMBER });
	});
});

interface CallOptions {
	token?: unknown;
	contentType?: string;
	body?: unknown;
	/** null: n8n kept no raw body. */
	rawBody?: string | null;
	staticData?: IDataObject;
}

/** n8n's webhook context for one incoming call, recording what the node answered. */
function incomingCall({
	token,
	contentType = 'application/json',
	body = {},
	rawBody,
	staticData = {},
}: CallOptions) {
	const answer: { status?: number; json?: unknown } = {};
	const response = {
		status(code: number) {
			answer.status = code;
			return response;
		},
		json(value: unknown) {
			answer.json = value;
			return response;
		},
	};
	const raw = rawBody ?? (typeof body === 'string' ? body : JSON.stringify(body));
	const context = {
		getRequestObject: () => ({
			headers: contentType ? { 'content-type': contentType } : {},
			...(raw === null ? {} : { rawBody: Buffer.from(raw) }),
		}),
		getResponseObject: () => response,
		getQueryData: () => (token === undefined ? {} : { token }),
		getBodyData: () => body,
		getWorkflowStaticData: () => staticData,
		getNode: () => ({ name: 'Plazbot Trigger', webhookId: '5b0c7d1e-4f2a-4c3b-9d8e-7a6b5c4d3e2f' }),
		getNodeParameter: () => NUMBER,
		getMode: () => 'webhook',
		getWorkflow: () => ({ id: 'wf-unit-1', name: 'Incoming messages' }),
	} as unknown as IWebhookFunctions;
	return { context, answer };
}

describe('Plazbot Trigger → a call to the registered URL', () => {
	const SECRET = 'Q3kz8Rw1mN5tY7uP0aS2dF4gH6jK9lZx';
	const registered = () => ({
		registration: { number: NUMBER, webhookUrl: WEBHOOK_URL, secret: SECRET },
	});
	const MESSAGE = {
		event: 'message.received',
		number: NUMBER,
		messageId: 'wamid.HBgLNTE5ODc2NTQzMjEVAgASGBQzQTRBNjU5',
		contact: { id: null, name: 'Ana Torres', phone: '51987654321' },
		message: { type: 'text', text: 'Hola, ¿tienen envío a Cusco?' },
		unexpected: { nested: [1, 'two', { three: null }] },
	};

	const NORMALIZED = {
		customerPhone: '51987654321',
		customerName: 'Ana Torres',
		text: 'Hola, ¿tienen envío a Cusco?',
		messageId: 'wamid.HBgLNTE5ODc2NTQzMjEVAgASGBQzQTRBNjU5',
		receivingNumber: NUMBER,
		time: null,
	};
	const item = (json: IDataObject, normalized: object = NORMALIZED) => ({
		json: { ...json, normalized },
	});

	it('starts an execution with the body exactly as sent, nothing dropped, and the normalised part added', async () => {
		const { context, answer } = incomingCall({
			token: SECRET,
			body: MESSAGE,
			staticData: registered(),
		});
		const result = await trigger.webhook.call(context);
		expect(result).toEqual({ workflowData: [[item(MESSAGE)]] });
		expect(JSON.stringify(result.workflowData?.[0][0].json)).toBe(
			JSON.stringify({ ...MESSAGE, normalized: NORMALIZED }),
		);
		expect(answer.status).toBeUndefined();
	});

	it('starts one item per element of a JSON array, skipping those sent to another number', async () => {
		const other = { ...MESSAGE, number: '51900000002' };
		const { context } = incomingCall({
			token: SECRET,
			body: [MESSAGE, other, 'texto suelto'],
			staticData: registered(),
		});
		expect(await trigger.webhook.call(context)).toEqual({
			workflowData: [
				[
					item(MESSAGE),
					item(
						{ value: 'texto suelto' },
						{
							...NORMALIZED,
							customerPhone: null,
							customerName: null,
							text: null,
							messageId: null,
							receivingNumber: null,
						},
					),
				],
			],
		});
	});

	it('starts nothing, answering 200, for a message the body says went to another number', async () => {
		const { context, answer } = incomingCall({
			token: SECRET,
			body: { ...MESSAGE, number: '+51 900 000 002' },
			staticData: registered(),
		});
		expect(await trigger.webhook.call(context)).toEqual({ noWebhookResponse: true });
		expect(answer).toEqual({
			status: 200,
			json: { message: expect.stringMatching(/another WhatsApp number/) },
		});
	});

	it.each([
		['application/x-www-form-urlencoded', { from: '+51 987 654 321', text: 'hola' }, undefined],
		['', {}, JSON.stringify({ from: '51987654321', text: 'hola' })],
		['text/plain', 'ignored', JSON.stringify({ from: '51987654321', text: 'hola' })],
	])('accepts a "%s" body %p', async (contentType, body, rawBody) => {
		const { context } = incomingCall({
			token: SECRET,
			contentType,
			body,
			rawBody,
			staticData: registered(),
		});
		const result = await trigger.webhook.call(context);
		expect(result.workflowData?.[0][0].json.normalized).toMatchObject({
			customerPhone: '51987654321',
			text: 'hola',
		});
	});

	it.each([
		['without the secret', undefined],
		['with a wrong secret', SECRET.replace(/.$/, 'y')],
		['with a shorter secret', SECRET.slice(0, 31)],
		['with the secret twice', [SECRET, SECRET]],
	])('answers 401 and starts nothing when called %s', async (_label, token) => {
		const { context, answer } = incomingCall({ token, body: MESSAGE, staticData: registered() });
		expect(await trigger.webhook.call(context)).toEqual({ noWebhookResponse: true });
		expect(answer.status).toBe(401);
		expect(JSON.stringify(answer.json)).not.toContain(SECRET);
	});

	it('answers 401 to every call when this workflow registered nothing', async () => {
		const { context, answer } = incomingCall({ token: '', body: MESSAGE, staticData: {} });
		expect(await trigger.webhook.call(context)).toEqual({ noWebhookResponse: true });
		expect(answer.status).toBe(401);
	});

	it.each([
		[
			'text/plain',
			'hola',
			415,
			/^The body \(Content-Type "text\/plain"\) is neither JSON nor form/,
		],
		['', 'hola', 415, /^The body \(Content-Type "none"\) is neither JSON nor form fields/],
		['application/json', 'just text', 415, /is neither JSON nor form fields/],
		['application/json', '42', 415, /is neither JSON nor form fields/],
	])(
		'refuses a "%s" body %p with %i, starting nothing',
		async (contentType, body, status, message) => {
			const { context, answer } = incomingCall({
				token: SECRET,
				contentType,
				body,
				staticData: registered(),
			});
			expect(await trigger.webhook.call(context)).toEqual({ noWebhookResponse: true });
			expect(answer.status).toBe(status);
			expect((answer.json as { message: string }).message).toMatch(message);
		},
	);

	it('refuses an empty body', async () => {
		const { context, answer } = incomingCall({
			token: SECRET,
			body: {},
			rawBody: '',
			staticData: registered(),
		});
		expect(await trigger.webhook.call(context)).toEqual({ noWebhookResponse: true });
		expect(answer).toEqual({
			status: 400,
			json: { message: expect.stringMatching(/^The body is empty/) },
		});
	});

	it('judges by the parsed body when n8n kept no raw body', async () => {
		const { context } = incomingCall({
			token: SECRET,
			body: MESSAGE,
			rawBody: null,
			staticData: registered(),
		});
		expect(await trigger.webhook.call(context)).toEqual({ workflowData: [[item(MESSAGE)]] });
	});

	it('accepts JSON with a charset parameter', async () => {
		const { context } = incomingCall({
			token: SECRET,
			contentType: 'application/json; charset=utf-8',
			body: MESSAGE,
			staticData: registered(),
		});
		expect(await trigger.webhook.call(context)).toEqual({ workflowData: [[item(MESSAGE)]] });
	});
});

describe('WhatsApp number picker (searchWhatsappNumbers)', () => {
	const picker = () => {
		const { fns, requests } = fakeExecuteFunctions({ parameters: {}, credentials: credentials() });
		return { fns: fns as unknown as ILoadOptionsFunctions, requests };
	};

	it("lists the workspace's WhatsApp numbers from Get Workspace's integrations", async () => {
		const { fns, requests } = picker();
		expect(await searchWhatsappNumbers.call(fns)).toEqual({
			results: [
				{ name: 'WhatsApp Sales (+51900000001)', value: '51900000001' },
				{ name: 'WhatsApp Support (+51900000002, disabled)', value: '51900000002' },
			],
		});
		expect(requests.map((r) => [r.method, r.url])).toEqual([
			['GET', `/api/workspace/${WORKSPACE_ID}`],
		]);
	});

	it.each([
		['support', ['51900000002']],
		['+51900000001', ['51900000001']],
		['0002', ['51900000002']],
		['telegram', []],
	])('filters by the text typed, "%s"', async (filter, values) => {
		const { results } = await searchWhatsappNumbers.call(picker().fns, filter);
		expect(results.map((entry) => entry.value)).toEqual(values);
	});
});

describe('Stand-in: WhatsApp number webhooks (as the SDK calls them)', () => {
	const call = async (method: string, path: string, body?: unknown, workspace = WORKSPACE_ID) => {
		const { apiKey } = standIn().settings;
		const response = await fetch(`${standIn().url}${path}`, {
			method,
			headers: {
				'x-workspace-id': workspace,
				authorization: `Bearer ${apiKey}`,
				'content-type': 'application/json',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.status, body: await response.json() };
	};

	it.each([
		[
			'a number outside the workspace',
			webhookPath('51911111111'),
			{ webhook: 'https://n8n.example.com/webhook/x' },
			404,
			'WHATSAPP_NUMBER_NOT_FOUND',
		],
		['no webhook field', webhookPath(NUMBER), {}, 400, 'VALIDATION_ERROR'],
		[
			'a webhook that is not a URL',
			webhookPath(NUMBER),
			{ webhook: 'n8n webhook' },
			400,
			'VALIDATION_ERROR',
		],
		[
			'a webhook that is not http(s)',
			webhookPath(NUMBER),
			{ webhook: 'ftp://n8n.example.com/x' },
			400,
			'VALIDATION_ERROR',
		],
		[
			'another workspace in the path',
			webhookPath(NUMBER).replace(WORKSPACE_ID, 'ws-other'),
			{ webhook: 'https://n8n.example.com/x' },
			404,
			'NOT_FOUND',
		],
	])(
		'refuses a registration with %s, registering nothing',
		async (_label, path, body, status, errorCode) => {
			expect(await call('POST', path, body)).toEqual({
				status,
				body: expect.objectContaining({ success: false, errorCode }),
			});
			expect(standIn().state.whatsappWebhooks.size).toBe(0);
		},
	);

	it('replaces the URL on a second registration, and plays an incoming message to the one registered last', async () => {
		const received: Array<{ url: string; body: any }> = [];
		const { createServer } = await import('node:http');
		const target = createServer((req, res) => {
			let text = '';
			req.on('data', (chunk) => (text += chunk));
			req.on('end', () => {
				received.push({ url: req.url ?? '', body: JSON.parse(text) });
				res.end();
			});
		});
		await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
		const base = `http://127.0.0.1:${(target.address() as { port: number }).port}`;
		try {
			await call('POST', webhookPath(NUMBER), { webhook: `${base}/first` });
			await call('POST', webhookPath(NUMBER), { webhook: `${base}/second?token=abc` });
			const played = await fetch(`${standIn().url}/__standin/whatsapp/${NUMBER}/incoming`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ text: 'Hola', from: '+51 987 654 321' }),
			});
			expect(played.status).toBe(200);
			expect(received).toEqual([
				{
					url: '/second?token=abc',
					body: {
						event: 'message.received',
						channel: 'whatsapp',
						number: NUMBER,
						messageId: expect.stringMatching(/^wamid\./),
						timestamp: expect.any(String),
						contact: { id: null, name: 'Ana Torres', phone: '51987654321' },
						message: { type: 'text', text: 'Hola' },
					},
				},
			]);
		} finally {
			target.close();
		}
	});
});

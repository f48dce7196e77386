/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * The credential's API key and workspace ID must never show up where a user, a log or another
 * workflow can read them: output items, errors (message, description, JSON, stack, context), or
 * the request options the node hands to n8n (the key is added by the credential's authenticate,
 * after those options are built). Runs every failure path of the troubleshooting table, a path
 * where Plazbot echoes the credentials back, and a success path.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IHttpRequestOptions } from 'n8n-workflow';

import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { heldByStandIn } from '../support/fakeClock';
import { startStandIn } from '../support/standIn';
import {
	CASES,
	DESTINATIONS,
	SEND_PATH,
	WRONG_API_KEY,
	WRONG_WORKSPACE_ID,
	parametersOf,
	runCase,
	startOddServers,
	type CaseEnv,
	type CaseRun,
	type TroubleshootingCase,
} from './cases';

jest.setTimeout(20_000);

const SECRET_WORKSPACE_ID = 'ws-SECRET-a91f3e77';
const SECRET_API_KEY = 'sk-SECRET-4c2b8d19e6';
const SECRETS = [SECRET_WORKSPACE_ID, SECRET_API_KEY, WRONG_API_KEY, WRONG_WORKSPACE_ID];
const API_KEYS = [SECRET_API_KEY, WRONG_API_KEY];

const { standIn } = startStandIn({ workspaceId: SECRET_WORKSPACE_ID, apiKey: SECRET_API_KEY });
const credentials = () => ({
	workspaceId: SECRET_WORKSPACE_ID,
	apiKey: SECRET_API_KEY,
	baseUrl: standIn().url,
});
const oddServers = startOddServers();
const env = (): CaseEnv => ({
	...oddServers(),
	standInUrl: standIn().url,
	held: () => heldByStandIn(standIn()) + oddServers().heldByOddServer(),
});

/** Answers with the credentials it received inside its error, as a careless API might. */
let echoServer: http.Server;
let echoUrl = '';
beforeAll(async () => {
	echoServer = http.createServer((req, res) => {
		req.resume();
		const said = `Token ${req.headers.authorization} no válido para el workspace ${req.headers['x-workspace-id']}`;
		if (req.url?.startsWith('/text')) {
			res.writeHead(500, { 'Content-Type': 'text/plain' });
			res.end(said);
			return;
		}
		if (req.url?.startsWith('/html')) {
			res.writeHead(200, { 'Content-Type': 'text/html' });
			res.end(`<html><head><title>${said}</title></head></html>`);
			return;
		}
		const status = req.url?.startsWith('/in-200') ? 200 : 400;
		res.writeHead(status, { 'Content-Type': 'application/json' });
		res.end(
			JSON.stringify({
				success: false,
				code: 400,
				errorCode: `BAD_${req.headers['x-workspace-id']}`,
				message: said,
				data: null,
			}),
		);
	});
	await new Promise<void>((resolve) => echoServer.listen(0, '127.0.0.1', resolve));
	echoUrl = `http://127.0.0.1:${(echoServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
	echoServer.closeAllConnections();
	await new Promise((resolve) => echoServer.close(resolve));
});

/** Everything about a run that someone could read afterwards. */
function observable(run: CaseRun): Record<string, string> {
	const { error } = run;
	return {
		output: JSON.stringify(run.output ?? null),
		...(error
			? {
					message: String(error.message),
					description: String(error.description),
					json: JSON.stringify(error),
					stack: String(error.stack),
					context: JSON.stringify(error.context ?? null),
					messages: JSON.stringify(error.messages ?? null),
					cause: JSON.stringify(error.cause ?? null),
				}
			: {}),
	};
}

function expectNoSecrets(run: CaseRun) {
	for (const [where, text] of Object.entries(observable(run))) {
		for (const secret of SECRETS) {
			if (text.includes(secret))
				throw new Error(`${where} contains the secret "${secret}": ${text.slice(0, 300)}`);
		}
	}
}

/**
 * The options the node asked n8n to send: no key anywhere, no auth headers (the credential adds
 * them), and the workspace ID only where Plazbot's API takes it (body or query `workspaceId`).
 */
function expectCleanOptions(requests: IHttpRequestOptions[], workspaceId: string) {
	for (const options of requests) {
		const headers = Object.keys((options.headers as Record<string, unknown>) ?? {}).map((name) =>
			name.toLowerCase(),
		);
		expect(headers).not.toContain('authorization');
		expect(headers).not.toContain('x-workspace-id');
		const text = JSON.stringify(options);
		for (const key of API_KEYS) expect(text).not.toContain(key);

		const rest = JSON.parse(text) as {
			body?: Record<string, unknown>;
			qs?: Record<string, unknown>;
		};
		if (rest.body?.workspaceId !== undefined) {
			expect(rest.body.workspaceId).toBe(workspaceId);
			delete rest.body.workspaceId;
		}
		if (rest.qs?.workspaceId !== undefined) {
			expect(rest.qs.workspaceId).toBe(workspaceId);
			delete rest.qs.workspaceId;
		}
		for (const secret of SECRETS) expect(JSON.stringify(rest)).not.toContain(secret);
	}
}

describe.each(CASES.map((testCase) => [testCase.id, testCase] as const))(
	'failure path %s',
	(_id, testCase) => {
		it.each([false, true])('shows no secret (Continue On Fail %s)', async (continueOnFail) => {
			if (testCase.faults) standIn().setFaults(testCase.faults);

			const run = await runCase(testCase, env(), credentials(), continueOnFail);

			// The path really failed as the table says, so this checks the error a user would see.
			const failure = continueOnFail ? run.output?.[1].json.error : run.error?.message;
			expect(failure).toBe(testCase.message(env()));
			expectNoSecrets(run);
			const workspaceId = testCase.credentials?.(env()).workspaceId ?? SECRET_WORKSPACE_ID;
			expectCleanOptions(run.requests, workspaceId);
		});
	},
);

describe('Plazbot echoing the credentials back', () => {
	const echoCase = (id: string, path: string, message: string): TroubleshootingCase => ({
		id,
		group: 'Plazbot answer',
		title: id,
		failing: 'all',
		parameters: { options: { maxAttempts: 1 } },
		credentials: () => ({ baseUrl: `${echoUrl}${path}` }),
		message: () => message,
		fix: '',
	});

	it.each([
		echoCase(
			'in an error envelope',
			'/400',
			'Plazbot error 400: Token Bearer *** no válido para el workspace ***',
		),
		echoCase(
			'in success:false inside a 200',
			'/in-200',
			'Plazbot error: Token Bearer *** no válido para el workspace ***',
		),
		echoCase(
			'in a plain-text 500',
			'/text',
			'Plazbot answered HTTP 500: "Token Bearer *** no válido para el workspace ***"',
		),
		echoCase(
			'in an HTML page',
			'/html',
			'Plazbot answered HTTP 200 with an HTML page instead of JSON: "Token Bearer *** no válido para el workspace ***"',
		),
	])('$id: redacted everywhere', async (testCase) => {
		for (const continueOnFail of [false, true]) {
			const run = await runCase(testCase, env(), credentials(), continueOnFail);
			const failure = continueOnFail ? run.output?.[1].json.error : run.error?.message;
			expect(failure).toBe(testCase.message(env()));
			expectNoSecrets(run);
			expectCleanOptions(run.requests, SECRET_WORKSPACE_ID);
		}
	});
});

describe('a successful send', () => {
	it('outputs no secret, and only the credential adds the key to the request', async () => {
		const success: TroubleshootingCase = {
			id: 'ok',
			group: 'Input',
			title: 'ok',
			failing: 'middle',
			message: () => '',
			fix: '',
		};
		const run = await runCase(success, env(), credentials(), false);

		expect(run.error).toBeUndefined();
		expect(run.output?.map((item) => Object.keys(item.json))).toEqual(
			Array(3).fill(['contactId', 'destination', 'template']),
		);
		expectNoSecrets(run);
		expectCleanOptions(run.requests, SECRET_WORKSPACE_ID);
		const received = standIn().requestsTo(SEND_PATH);
		expect(received).toHaveLength(3);
		for (const request of received) {
			expect(request.headers.authorization).toBe(`Bearer ${SECRET_API_KEY}`);
			expect(request.headers['x-workspace-id']).toBe(SECRET_WORKSPACE_ID);
		}
	});
});

describe('credential values that could change the request', () => {
	const sendWith = (override: Record<string, string>, continueOnFail = false) =>
		fakeExecuteFunctions({
			items: DESTINATIONS.map((phone) => ({ phone })),
			parameters: (itemIndex) =>
				parametersOf({ failing: 'middle' } as TroubleshootingCase, itemIndex),
			credentials: { ...credentials(), ...override },
			continueOnFail,
		});

	it.each([
		['Workspace ID', { workspaceId: `${SECRET_WORKSPACE_ID}\r\nX-Injected: 1` }],
		['API Key', { apiKey: `${SECRET_API_KEY}\nX-Injected: 1` }],
	])(
		'a line break in the %s is refused before any request, without echoing the value',
		async (label, override) => {
			const message = `The ${label} in the Plazbot API credential contains a line break or another control character`;
			const description = `Open the Plazbot API credential, paste the ${label} again without line breaks, and save it.`;
			for (const continueOnFail of [false, true]) {
				const { fns, requests } = sendWith(override, continueOnFail);
				const answer = await router.call(fns).then(
					([output]) => ({ output }),
					(error) => ({ error }),
				);

				if (continueOnFail) {
					// Every input item comes out with the error, in order.
					expect(answer).toEqual({
						output: DESTINATIONS.map((_, item) => ({
							json: { error: message, description },
							pairedItem: { item },
						})),
					});
				} else {
					expect(answer).toEqual({ error: expect.objectContaining({ message, description }) });
				}
				expect(requests).toHaveLength(0);
				expect(standIn().requests).toHaveLength(0);
				expectNoSecrets({ fns, requests, ...answer });
				expect(JSON.stringify(answer)).not.toContain('X-Injected');
			}
		},
	);

	it('refuses a Base URL with plain http to another host, before any request', async () => {
		const { fns, requests } = sendWith({ baseUrl: 'http://api.example.com' });
		const error = await router.call(fns).catch((caught) => caught);

		expect(error.message).toBe(
			'The Base URL "http://api.example.com" in the Plazbot API credential must start with https://',
		);
		expect(error.description).toBe(
			'Plain http is accepted only for a server on this machine (localhost, ::1 or an address 127.x.x.x), such as the Plazbot stand-in.',
		);
		expect(requests).toHaveLength(0);
		expectNoSecrets({ fns, requests, error });
	});

	it('accepts plain http to 127.0.0.1', async () => {
		expect(standIn().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const { fns, requests } = sendWith({ baseUrl: standIn().url });
		const [output] = await router.call(fns);

		expect(output).toHaveLength(3);
		expect(requests.map((options) => options.baseURL)).toEqual([
			standIn().url,
			standIn().url,
			standIn().url,
		]);
		expect(standIn().requestsTo(SEND_PATH)).toHaveLength(3);
	});
});

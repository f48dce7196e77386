/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/require-node-api-error, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * The troubleshooting table: every way a run of the node can go wrong that a user will meet, what
 * the user then sees, and the fix the error's description must point at. troubleshooting.test.ts
 * runs each case with Continue On Fail off and on, secrets.test.ts runs the failures again looking
 * for leaked credentials, and the README's Troubleshooting section is rendered from it
 * (`troubleshootingMarkdown`).
 *
 * Odd answers the stand-in has no fault for come from a tiny server started here (`oddUrl`):
 * its first path segment picks the behaviour, so a Base URL of `<oddUrl>/slow` answers slowly.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import { router } from '../../../nodes/Plazbot/actions/router';
import { onFakeClock, untilReal, useFakeClock } from '../support/fakeClock';
import {
	clientRequestsOpen,
	fakeExecuteFunctions,
	type FakeContext,
	type FakeCredentials,
} from '../support/fakeExecuteFunctions';

export const SEND_PATH = '/api/message/conversation';

/** Credential values the wrong-key and wrong-workspace cases use; distinctive, so a leak is found. */
export const WRONG_API_KEY = 'sk-wrong-Q7vX2hL9';
export const WRONG_WORKSPACE_ID = 'ws-wrong-M4kP9zT1';

/** One destination per input item; all valid, so only what a case changes can fail. */
export const DESTINATIONS = ['51900000001', '51900000002', '51900000003'];

export const BASE_PARAMETERS: Record<string, unknown> = {
	resource: 'message',
	operation: 'sendConversation',
	template: 'order_confirmation',
	sendType: 'individual',
	options: {},
};

export interface CaseEnv {
	standInUrl: string;
	/** The ad-hoc server for answers the stand-in does not give. */
	oddUrl: string;
	/** A port nothing listens on. */
	closedUrl: string;
	/** An https server with a self-signed certificate (made with openssl). */
	tlsUrl?: string;
	/** Requests the stand-in and the ad-hoc server hold unanswered, for the fake clock. */
	held: () => number;
}

export interface TroubleshootingCase {
	id: string;
	/** README row group. */
	group: 'Input' | 'Plazbot answer' | 'Connection';
	/** What the user did or what happened, in the user's words. */
	title: string;
	/** Which input items fail: the middle one (the others succeed), or all three. */
	failing: 'middle' | 'all';
	/** Parameters of every item, on top of BASE_PARAMETERS. */
	parameters?: Record<string, unknown>;
	/** Parameters of the failing item only (middle cases). `undefined` values mean "not set". */
	failingParameters?: Record<string, unknown>;
	credentials?: (env: CaseEnv) => Partial<FakeCredentials>;
	/** Stand-in faults for the run. */
	faults?: Record<string, unknown>;
	/** Whether the failing item is refused before anything is sent. */
	refusedBeforeSending?: boolean;
	/** The exact error message (input errors end with the item: "[item 1]"). */
	message: (env: CaseEnv) => string;
	/** Text the error's description must contain: how to fix it. Also the README's fix column. */
	fix: string;
	httpCode?: string;
	/** The case waits on timers (a Retry-After, the Timeout): it runs on the fake clock. */
	waits?: boolean;
}

const hostOf = (url: string) => new URL(url).host;
const variable = (value: unknown, name: unknown = '1') => ({
	variablesBody: { variable: [{ variable: name, value }] },
});

export const CASES: TroubleshootingCase[] = [
	{
		id: 'template-missing',
		group: 'Input',
		title: 'Template Name not set (for example removed from the workflow JSON)',
		failing: 'middle',
		failingParameters: { template: undefined },
		refusedBeforeSending: true,
		message: () => 'Template Name is empty [item 1]',
		fix: 'Enter the name of an approved WhatsApp template.',
	},
	{
		id: 'template-blank',
		group: 'Input',
		title: 'Template Name is blank, or its expression gives only spaces',
		failing: 'middle',
		failingParameters: { template: '   ' },
		refusedBeforeSending: true,
		message: () => 'Template Name is empty [item 1]',
		fix: 'Enter the name of an approved WhatsApp template.',
	},
	{
		id: 'destination-blank',
		group: 'Input',
		title: 'Destination is blank (the mapped field is empty for this item)',
		failing: 'middle',
		failingParameters: { destination: ' ' },
		refusedBeforeSending: true,
		message: () => 'Destination is empty [item 1]',
		fix: 'Give the number with its country code, for example +51 987 654 321.',
	},
	{
		id: 'destination-letters',
		group: 'Input',
		title: 'Destination contains letters',
		failing: 'middle',
		failingParameters: { destination: '+51 98765 CALL' },
		refusedBeforeSending: true,
		message: () =>
			'Destination "+51 98765 CALL" contains "C" (U+0043), which is not part of a phone number [item 1]',
		fix: 'Give the number with its country code, for example +51 987 654 321.',
	},
	{
		id: 'destination-short',
		group: 'Input',
		title: 'Destination too short (no country code)',
		failing: 'middle',
		failingParameters: { destination: '987 654' },
		refusedBeforeSending: true,
		message: () =>
			'Destination "987 654" has 6 digits; a WhatsApp number with country code has 8 to 15 [item 1]',
		fix: 'Give the number with its country code, for example +51 987 654 321.',
	},
	{
		id: 'destination-long',
		group: 'Input',
		title: 'Destination too long (two numbers in one field)',
		failing: 'middle',
		failingParameters: { destination: '51987654321 51987654322' },
		refusedBeforeSending: true,
		message: () =>
			'Destination "51987654321 51987654322" has 22 digits; a WhatsApp number with country code has 8 to 15 [item 1]',
		fix: 'Give the number with its country code, for example +51 987 654 321.',
	},
	{
		id: 'variable-without-name',
		group: 'Input',
		title: 'A template variable has a value but no name',
		failing: 'middle',
		failingParameters: variable('Ana', ''),
		refusedBeforeSending: true,
		message: () => 'Body Variables #1 has a value but no name [item 1]',
		fix: 'Give the variable its name from the template, for example 1.',
	},
	{
		id: 'variable-object',
		group: 'Input',
		title:
			"A variable's expression gives an object, e.g. {{ $json.customer }} instead of {{ $json.customer.name }}",
		failing: 'middle',
		failingParameters: variable({ name: 'Ana' }),
		refusedBeforeSending: true,
		message: () => 'Body Variables "1" must be text, but the expression gave an object [item 1]',
		fix: 'Map a single text value, for example {{ $json.name }}.',
	},
	{
		id: 'variable-null',
		group: 'Input',
		title: "A variable's expression gives null (the field is missing in this item)",
		failing: 'middle',
		failingParameters: variable(null),
		refusedBeforeSending: true,
		message: () => 'Body Variables "1" has no value (the expression gave null) [item 1]',
		fix: 'Map a value, or remove the variable.',
	},
	{
		id: 'variable-too-long',
		group: 'Input',
		title: "A variable's value is absurdly long (5000 characters)",
		failing: 'middle',
		failingParameters: variable('x'.repeat(5000)),
		refusedBeforeSending: true,
		message: () =>
			'Body Variables "1" is 5000 characters long; WhatsApp accepts at most 1024 in this variable [item 1]',
		fix: 'Shorten the value.',
	},
	{
		id: 'send-type-unknown',
		group: 'Input',
		title: 'Unknown Send Type in the workflow JSON ("bulk")',
		failing: 'middle',
		failingParameters: { sendType: 'bulk' },
		refusedBeforeSending: true,
		message: () => 'Send Type "bulk" is not one of campaign, individual, api [item 1]',
		fix: 'Choose Campaign, Individual or API.',
	},
	{
		id: 'api-key-wrong',
		group: 'Plazbot answer',
		title: 'Wrong API Key in the credential (HTTP 401)',
		failing: 'all',
		credentials: () => ({ apiKey: WRONG_API_KEY }),
		message: () => 'Plazbot error 401: Token inválido o expirado',
		fix: 'Check the API Key in the Plazbot API credential.',
		httpCode: '401',
	},
	{
		id: 'workspace-wrong',
		group: 'Plazbot answer',
		title: 'Wrong Workspace ID in the credential (HTTP 403)',
		failing: 'all',
		credentials: () => ({ workspaceId: WRONG_WORKSPACE_ID }),
		message: () => 'Plazbot error 403: No tiene acceso a este workspace',
		fix: 'Check the Workspace ID in the Plazbot API credential and that the API key belongs to it.',
		httpCode: '403',
	},
	{
		id: 'workspace-not-found',
		group: 'Plazbot answer',
		title: 'Workspace → Get with a workspace ID that does not exist (HTTP 404)',
		failing: 'all',
		parameters: { resource: 'workspace', operation: 'get', workspaceId: 'ws-does-not-exist' },
		message: () => 'Plazbot error 404: Workspace no encontrado',
		fix: 'Check the ID you gave and the Workspace ID in the Plazbot API credential.',
		httpCode: '404',
	},
	{
		id: 'bad-request',
		group: 'Plazbot answer',
		title:
			'Plazbot refuses a value, e.g. a template that does not exist or is not approved (HTTP 400)',
		failing: 'middle',
		failingParameters: { template: 'no_such_template' },
		message: () => 'Plazbot error 400: La plantilla no_such_template no existe o no está aprobada',
		fix: 'correct the value its message names, then run the item again.',
		httpCode: '400',
	},
	{
		id: 'success-false',
		group: 'Plazbot answer',
		title: 'Plazbot answers HTTP 200 but with "success": false',
		failing: 'all',
		credentials: (env) => ({ baseUrl: `${env.oddUrl}/success-false` }),
		message: () => 'Plazbot error: El contacto está bloqueado',
		fix: 'Plazbot refused the request.',
		httpCode: '400',
	},
	{
		id: 'server-error',
		group: 'Plazbot answer',
		title: 'Plazbot fails with an internal error (HTTP 500)',
		failing: 'all',
		faults: { script: { '1': '500', '2': '500', '3': '500' } },
		message: () => 'Plazbot error 500: Servicio no disponible temporalmente',
		fix: 'Try again later; if it persists, contact Plazbot support.',
		httpCode: '500',
	},
	{
		id: 'send-bare-503',
		group: 'Plazbot answer',
		title: 'A send answered a bare 503 (no Retry-After)',
		failing: 'all',
		faults: { script: { '1': '503AfterAccept', '2': '503AfterAccept', '3': '503AfterAccept' } },
		message: () => 'Plazbot error 503: Servicio no disponible temporalmente',
		fix: 'so it was not repeated automatically',
		httpCode: '503',
	},
	{
		id: 'latin1-error',
		group: 'Plazbot answer',
		title: 'An error body in ISO-8859-1',
		failing: 'all',
		faults: { script: { '1': 'latin1Error', '2': 'latin1Error', '3': 'latin1Error' } },
		message: () => 'Plazbot error 400: Número no válido',
		fix: 'correct the value its message names, then run the item again.',
		httpCode: '400',
	},
	{
		id: 'sign-in-refused',
		group: 'Plazbot answer',
		title: 'Email and Password credential with a wrong password',
		failing: 'all',
		credentials: (env) => ({
			baseUrl: env.standInUrl,
			authentication: 'emailPassword',
			email: 'ana@example.com',
			password: 'not-the-password',
			apiKey: '',
		}),
		message: () =>
			'Plazbot refused the sign-in (HTTP 401: Credenciales inválidas): check the Email and Password in the Plazbot API credential',
		fix: 'Email and Password',
		httpCode: '401',
	},
	{
		id: 'rate-limited',
		group: 'Plazbot answer',
		title: 'Plazbot keeps rate limiting (HTTP 429) until Max Attempts runs out',
		failing: 'all',
		parameters: { options: { maxAttempts: 2 } },
		faults: { rate429: 1, retryAfterSeconds: 1 },
		waits: true,
		message: () =>
			'Plazbot error 429: Demasiadas solicitudes, intente más tarde (gave up after 2 attempts)',
		fix: 'Lower the request rate in the node Options, or raise Max Attempts.',
		httpCode: '429',
	},
	{
		id: 'html-error-page',
		group: 'Plazbot answer',
		title: 'A proxy in front of Plazbot answers a send with an HTML error page (HTTP 502)',
		failing: 'all',
		faults: { script: { '1': 'html', '2': 'html', '3': 'html' } },
		message: () => 'Plazbot answered HTTP 502 with an HTML page instead of JSON: "502 Bad Gateway"',
		fix: 'check in Plazbot whether it went through before sending again',
		httpCode: '502',
	},
	{
		id: 'html-200',
		group: 'Plazbot answer',
		title: 'The Base URL points at a website, not the API (HTML with HTTP 200)',
		failing: 'all',
		faults: { script: { '1': 'html200', '2': 'html200', '3': 'html200' } },
		message: () =>
			'Plazbot answered HTTP 200 with an HTML page instead of JSON: "Welcome to nginx!"',
		fix: 'Check that the Base URL in the Plazbot API credential points at the Plazbot API',
		httpCode: '200',
	},
	{
		id: 'empty-body',
		group: 'Plazbot answer',
		title: 'Plazbot answers with an empty body',
		failing: 'all',
		faults: { script: { '1': 'empty', '2': 'empty', '3': 'empty' } },
		message: () => 'Plazbot answered HTTP 200 with an empty body',
		fix: 'Check that the Base URL in the Plazbot API credential points at the Plazbot API',
		httpCode: '200',
	},
	{
		id: 'not-json',
		group: 'Plazbot answer',
		title: 'Plazbot answers HTTP 200 with a body that is not JSON (cut off)',
		failing: 'all',
		credentials: (env) => ({ baseUrl: `${env.oddUrl}/truncated` }),
		message: () =>
			'Plazbot answered HTTP 200 with a body that is not JSON: "{"success":true,"data":{"contactId""',
		fix: 'Check that the Base URL in the Plazbot API credential points at the Plazbot API',
		httpCode: '200',
	},
	{
		id: 'timeout',
		group: 'Connection',
		title: 'Plazbot does not answer within the Timeout option (here 1 s)',
		failing: 'all',
		parameters: { options: { timeout: 1000 } },
		credentials: (env) => ({ baseUrl: `${env.oddUrl}/slow` }),
		waits: true,
		message: () => 'Plazbot did not answer within 1 s',
		fix: 'The request may still have been processed. Raise the Timeout option, or check Plazbot before sending again.',
	},
	{
		id: 'reset-after-accept',
		group: 'Connection',
		title: 'The connection is reset after Plazbot accepted a send (the answer is cut off)',
		failing: 'all',
		faults: {
			script: { '1': 'resetAfterAccept', '2': 'resetAfterAccept', '3': 'resetAfterAccept' },
		},
		message: (env) =>
			`The connection to Plazbot at ${hostOf(env.standInUrl)} was dropped before an answer arrived`,
		fix: 'Plazbot may have received the request: the message may have been sent.',
	},
	{
		id: 'connection-refused',
		group: 'Connection',
		title: 'Nothing listens at the Base URL (connection refused)',
		failing: 'all',
		credentials: (env) => ({ baseUrl: env.closedUrl }),
		message: (env) =>
			`Could not connect to Plazbot at ${hostOf(env.closedUrl)}: the connection was refused`,
		fix: 'Check the Base URL in the Plazbot API credential and that the server is running.',
	},
	{
		id: 'dns-failure',
		group: 'Connection',
		title: "The Base URL's host name does not resolve (typo, DNS)",
		failing: 'all',
		credentials: () => ({ baseUrl: 'https://plazbot.invalid' }),
		message: () => 'Could not find the Plazbot server plazbot.invalid: the name does not resolve',
		fix: 'Check the Base URL in the Plazbot API credential for typos, and the DNS of the n8n host.',
	},
	{
		id: 'tls-failure',
		group: 'Connection',
		title: "The server's TLS certificate is not trusted (self-signed, or a proxy replaces it)",
		failing: 'all',
		credentials: (env) => ({ baseUrl: env.tlsUrl ?? 'https://127.0.0.1:1' }),
		message: (env) =>
			`Could not establish a secure connection to ${hostOf(env.tlsUrl ?? 'https://127.0.0.1:1')}: the TLS certificate was not accepted`,
		fix: 'Check that the Base URL uses the Plazbot host name and that no proxy replaces its certificate.',
	},
];

/** Not a failure: a number from an expression is sent as text, as Plazbot wants. */
export const NUMBER_VARIABLE_PARAMETERS = variable(42);

export function parametersOf(
	testCase: TroubleshootingCase,
	itemIndex: number,
): Record<string, unknown> {
	const failingHere = testCase.failing === 'all' || itemIndex === 1;
	return {
		...BASE_PARAMETERS,
		destination: DESTINATIONS[itemIndex],
		...(testCase.parameters ?? {}),
		...(failingHere ? (testCase.failingParameters ?? {}) : {}),
	};
}

export interface CaseRun extends FakeContext {
	/** The output when the run succeeded (Continue On Fail on), else undefined. */
	output?: INodeExecutionData[];
	/** The thrown error (Continue On Fail off), else undefined. */
	error?: any;
}

export async function runCase(
	testCase: TroubleshootingCase,
	env: CaseEnv,
	credentials: FakeCredentials,
	continueOnFail: boolean,
): Promise<CaseRun> {
	const context = fakeExecuteFunctions({
		items: DESTINATIONS.map((phone) => ({ phone })),
		parameters: (itemIndex) => parametersOf(testCase, itemIndex),
		credentials: { ...credentials, ...(testCase.credentials?.(env) ?? {}) },
		continueOnFail,
	});
	if (testCase.waits) useFakeClock();
	try {
		const running = router.call(context.fns);
		const [output] = testCase.waits ? await onFakeClock(env.held, running) : await running;
		return { ...context, output };
	} catch (error) {
		return { ...context, error };
	} finally {
		if (testCase.waits) {
			// The slow server's late answers: no request of this case stays open into the next.
			jest.runOnlyPendingTimers();
			await untilReal(() => clientRequestsOpen() === 0);
			jest.useRealTimers();
		}
	}
}

/**
 * Starts the ad-hoc servers for a test file and reserves a closed port. The https server needs a
 * certificate, which Node cannot make on its own: openssl makes one if it is installed.
 */
export function startOddServers(): () => Omit<CaseEnv, 'standInUrl' | 'held'> & {
	heldByOddServer: () => number;
} {
	const timers = new Set<NodeJS.Timeout>();
	const env = {
		oddUrl: '',
		closedUrl: '',
		tlsUrl: undefined as string | undefined,
		heldByOddServer: () => timers.size,
	};
	let odd: http.Server;
	let tls: https.Server | undefined;

	beforeAll(async () => {
		odd = http.createServer((req, res) => {
			req.resume();
			const mode = (req.url ?? '').split('/')[1];
			if (mode === 'success-false') {
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(
					JSON.stringify({
						success: false,
						code: 400,
						errorCode: 'CONTACT_BLOCKED',
						message: 'El contacto está bloqueado',
						data: null,
					}),
				);
			} else if (mode === 'truncated') {
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end('{"success":true,"data":{"contactId"');
			} else if (mode === 'slow') {
				const timer = setTimeout(() => {
					timers.delete(timer);
					res.writeHead(200, { 'Content-Type': 'application/json' });
					res.end(
						JSON.stringify({
							success: true,
							code: 200,
							message: 'late',
							data: { contactId: 'c-late' },
						}),
					);
				}, 3000);
				timers.add(timer);
			} else {
				res.writeHead(404, { 'Content-Type': 'application/json' });
				res.end(
					JSON.stringify({ success: false, code: 404, message: 'unknown test route', data: null }),
				);
			}
		});
		env.oddUrl = `http://127.0.0.1:${await listen(odd)}`;

		const closed = http.createServer();
		const closedPort = await listen(closed);
		await new Promise((resolve) => closed.close(resolve));
		env.closedUrl = `http://127.0.0.1:${closedPort}`;

		tls = https.createServer(selfSignedCertificate(), (_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ success: true, code: 200, message: 'Ok', data: {} }));
		});
		env.tlsUrl = `https://127.0.0.1:${await listen(tls)}`;
	});

	afterAll(async () => {
		for (const timer of timers) clearTimeout(timer);
		for (const server of [odd, tls]) {
			if (!server) continue;
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	return () => env;
}

function listen(server: http.Server | https.Server): Promise<number> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
	});
}

/** A certificate for 127.0.0.1 that no one trusts. Without openssl the TLS case fails: it never skips. */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
	const dir = mkdtempSync(join(tmpdir(), 'plazbot-tls-'));
	try {
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-days',
				'1',
				'-subj',
				'/CN=127.0.0.1',
				'-keyout',
				join(dir, 'key.pem'),
				'-out',
				join(dir, 'cert.pem'),
			],
			{ stdio: 'ignore', timeout: 20_000 },
		);
		return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
	} catch (error) {
		throw new Error(
			`The TLS troubleshooting case needs openssl to make a self-signed certificate: ${(error as Error).message.split('\n')[0]}`,
		);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Text that must never reach a user in an error. */
export const FORBIDDEN_IN_MESSAGES = ['undefined', '[object Object]', '    at '];

/** The environment the README shows: the real API's address. */
export const README_ENV: CaseEnv = {
	standInUrl: 'https://api.plazbot.com',
	oddUrl: 'https://api.plazbot.com',
	closedUrl: 'https://api.plazbot.com',
	tlsUrl: 'https://api.plazbot.com',
	held: () => 0,
};

/** The README's Troubleshooting section, one row per case. */
export function troubleshootingMarkdown(): string {
	const cell = (text: string) => text.replace(/\|/g, '\\|');
	const lines = [
		'## Troubleshooting',
		'',
		'Every row below is a case of the test suite in `test/unit/troubleshooting/`, run with Continue On Fail on and off.',
		'',
		'Errors name the field and the input item (`[item 1]` is the second item; n8n counts from 0).',
		'With **Continue On Fail** (Settings → On Error → Continue) every input item still gives exactly one',
		'output item, in order; a failed one carries `error`, `description` (the fix) and, for answers',
		'from Plazbot, `httpCode`. Input errors are caught before anything is sent. Plazbot writes its own',
		'messages in Spanish; the node adds the status and an English description.',
		'',
	];
	for (const group of ['Input', 'Plazbot answer', 'Connection'] as const) {
		lines.push(
			`### ${group === 'Input' ? 'Input errors' : group === 'Plazbot answer' ? 'Errors from Plazbot' : 'Connection errors'}`,
			'',
		);
		lines.push('| When | You see | Fix |', '| --- | --- | --- |');
		// Cases that show the same message share a row.
		const rows = new Map<string, { titles: string[]; fix: string }>();
		for (const testCase of CASES.filter((entry) => entry.group === group)) {
			const message = testCase.message(README_ENV);
			const row = rows.get(message) ?? { titles: [], fix: README_FIX[testCase.id] ?? testCase.fix };
			row.titles.push(testCase.title);
			rows.set(message, row);
		}
		for (const [message, row] of rows) {
			lines.push(
				`| ${cell(row.titles.join('; '))} | \`${message.replace(/`/g, "'")}\` | ${cell(row.fix)} |`,
			);
		}
		lines.push('');
	}
	lines.push(
		'Numbers from expressions are fine: `{{ 42 }}` in a variable is sent as the text `"42"`. Requests',
		'that time out, lose their connection, get a gateway error (502/504) or a bare 503 after they were',
		'sent are not repeated unless you turn on **Retry on Connection Drop** (the message may already',
		'have gone out); reads are. A request given up at the Timeout keeps its place among the',
		'Concurrency requests until Plazbot really ends it, so a slow server never has more than',
		'Concurrency requests of the execution open at once. 429 answers, and 503 answers with',
		'Retry-After, are retried up to **Max Attempts**, waiting as Plazbot asks (up to 5 minutes; a',
		'longer wait fails the item and says how long Plazbot asked for). A redirect in answer to a send',
		'is an error: nothing was sent.',
		'',
		'When the node stops at an error (Continue On Fail off), it first waits for the requests already on',
		"their way, and the error's description names the items that completed before it: they reached",
		'Plazbot, so do not send them again.',
		'',
		'Before anything is sent, the credential is checked too: a Base URL with plain `http://` is refused',
		'unless it points at this machine (`localhost`, `::1` or an address `127.x.x.x`, for the stand-in), a',
		'Base URL with a query string or fragment is refused, and a Workspace ID or API Key containing a line',
		'break (a copy-paste slip) is refused with a message that says which field.',
		'',
		'The node never outputs the API key, the password or the session token, in any form (inside text,',
		'URL-encoded, another letter case, base64): they read `***`, in errors and in output. The Workspace',
		'ID is removed from errors in the same forms; in output, a field whose whole value is the Workspace',
		'ID reads `***`, and text that merely contains it (a stored request body) is your data and is output',
		'as Plazbot sent it.',
		'',
		'',
	);
	return lines.join('\n');
}

/** Where the description's fix needs a word more for someone reading the README. */
const README_FIX: Record<string, string> = {
	'template-missing': 'Enter the name of an approved WhatsApp template (as shown in Plazbot).',
	'bad-request':
		"Correct the value Plazbot's message names (here: use an approved template's exact name).",
	'success-false': "Plazbot refused the request; its message says why. Correct the item's values.",
	'html-200': 'Point the Base URL at the API (`https://api.plazbot.com`), not a website or proxy.',
	'empty-body':
		'Point the Base URL at the API (`https://api.plazbot.com`); if it is right, try again later.',
	'not-json': 'Point the Base URL at the API; if it is right, try again later.',
	'send-bare-503':
		'It may have been processed, so it was not repeated: check in Plazbot before sending again (or turn on Retry on Connection Drop).',
	'latin1-error':
		"Plazbot's message, read by the charset of its Content-Type (UTF-8, else Windows-1252, when none is given). Correct the value it names.",
	'sign-in-refused':
		'Correct the Email and Password. The node signed in once for the execution, not once per item.',
	'reset-after-accept':
		'Plazbot may have received the request: the message may have been sent. Check in Plazbot before sending it again.',
	'html-error-page':
		'The message may have gone out before the gateway failed: check in Plazbot before sending it again (or turn on Retry on Connection Drop).',
};

export function isInputCase(testCase: TroubleshootingCase): boolean {
	return testCase.group === 'Input';
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * Issue 10, against the stand-in: nothing sent twice, nothing reported as sent that was not,
 * nothing lost, nothing hung, no secret shown, parameters read as n8n hands them over.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { router } from '../../../nodes/Plazbot/actions/router';
import { htmlPageText } from '../../../nodes/Plazbot/helpers/serverText';
import { campaign, destinationOf } from '../support/campaign';
import { onFakeClock, untilReal, useFakeClock } from '../support/fakeClock';
import { clientRequestsOpen, fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { API_KEY, startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn({ latencyMs: 0 });

const SEND_PATH = '/api/message/conversation';
const deliveries = (destination: string) =>
	(standIn().state.deliveries as Map<string, number>).get(destination) ?? 0;

describe('redirects in answer to a send', () => {
	it.each(['redirect301', 'redirect302', 'redirect303'])(
		'%s is an error, never a success: nothing was sent',
		async (fault) => {
			standIn().setFaults({ script: { '1': fault } });
			const { fns } = campaign(credentials(), 1);

			const error = await router.call(fns).catch((caught) => caught);

			expect(error.message).toBe(
				`Plazbot answered HTTP ${fault.slice(-3)}, a redirect to "${SEND_PATH}?redirected=1"; the POST request was not repeated there, so nothing was sent`,
			);
			expect(error.description).toContain('Base URL');
			// The redirect was not followed: no GET to the list endpoint passed for a delivery.
			expect(standIn().requests.map((request) => request.method)).toEqual(['POST']);
			expect(deliveries(destinationOf(0))).toBe(0);
		},
	);
});

describe('stopping at an error (Continue On Fail off)', () => {
	it('waits for the requests on the wire and names exactly the items that were delivered', async () => {
		standIn().setFaults({ latencyMs: 30, byDestination: { [destinationOf(4)]: 'messageObject' } });
		const { fns } = campaign(credentials(), 12, { concurrency: 3 });

		const error = await router.call(fns).catch((caught) => caught);

		expect(error.context.itemIndex).toBe(4);
		const delivered = Array.from({ length: 12 }, (_, index) => index).filter(
			(index) => deliveries(destinationOf(index)) === 1,
		);
		expect(delivered).toContain(0);
		expect(delivered).not.toContain(4);
		// Every request that started was answered before the error surfaced.
		expect(standIn().requests.every((request: any) => request.answeredAt !== undefined)).toBe(true);
		const runs: string[] = [];
		for (let start = 0; start < delivered.length; ) {
			let end = start;
			while (end + 1 < delivered.length && delivered[end + 1] === delivered[end] + 1) end++;
			runs.push(end === start ? String(delivered[start]) : `${delivered[start]}–${delivered[end]}`);
			start = end + 1;
		}
		const list =
			runs.length > 1 ? `${runs.slice(0, -1).join(', ')} and ${runs[runs.length - 1]}` : runs[0];
		expect(error.description).toContain(
			`Before it, ${delivered.length} of 12 items completed and reached Plazbot (they are not in the output because the node failed): items ${list}. Do not send them again`,
		);
		expect(standIn().requestsTo(SEND_PATH).length).toBeLessThan(12);
	});
});

describe('lookups that find nothing', () => {
	it.each([
		['getByEmail', { email: 'nobody@example.com' }, '/api/contact/searchByEmail'],
		['getByPhone', { phone: '+51 999 999 999' }, '/api/contact/searchByCellphone'],
	])(
		'Contact → %s answered 404 is a result: the following items still run, with more items than request slots',
		async (operation, parameters, path) => {
			const { fns } = fakeExecuteFunctions({
				items: Array.from({ length: 6 }, () => ({})),
				parameters: { resource: 'contact', operation, ...parameters, options: { concurrency: 1 } },
				credentials: credentials(),
			});

			const [output] = await router.call(fns);

			expect(output).toEqual([]);
			expect(standIn().requestsTo(path)).toHaveLength(6);
		},
	);
});

describe('Timeout bounds the whole request', () => {
	beforeEach(useFakeClock);
	afterEach(() => jest.useRealTimers());

	it('a server that trickles its answer cannot hold the item longer than Timeout', async () => {
		// About 150 bytes at one byte every 200 ms: 30 s to answer.
		standIn().setFaults({ script: { '1': 'trickle' }, trickleIntervalMs: 200 });
		const { fns } = campaign(credentials(), 1, { timeout: 800 });
		const startedAt = Date.now();

		const error = await onFakeClock(standIn(), router.call(fns)).catch((caught) => caught);

		expect(error.message).toBe('Plazbot did not answer within 800 ms');
		expect(error.description).toContain('The request may still have been processed');
		expect(standIn().requestsTo(SEND_PATH)).toHaveLength(1);
		// On the fake clock: given up at the Timeout, not when the answer would have ended.
		expect(Date.now() - startedAt).toBeLessThan(1_000);
		// The request given up trickles on: it ends here, on this test's clock, not in the next test,
		// whose fake clock would wait for it (onFakeClock counts every request still open).
		await onFakeClock(
			standIn(),
			untilReal(() => clientRequestsOpen() === 0),
		);
		expect(clientRequestsOpen()).toBe(0);
	});
});

describe('a request given up at the Timeout', () => {
	beforeEach(useFakeClock);
	afterEach(() => jest.useRealTimers());

	it('keeps its request slot until it really ends: no more than Concurrency requests open at once', async () => {
		// Each answer trickles for about 3 s, far beyond the Timeout of 300 ms.
		standIn().setFaults({ script: { '1': 'trickle', '2': 'trickle' }, trickleIntervalMs: 30 });
		const { fns } = campaign(
			credentials(),
			2,
			{ timeout: 300, concurrency: 1 },
			{
				continueOnFail: true,
			},
		);

		const [output] = await onFakeClock(standIn(), router.call(fns));

		expect(output.map((item) => item.json.error)).toEqual([
			'Plazbot did not answer within 300 ms',
			'Plazbot did not answer within 300 ms',
		]);
		expect(standIn().requestsTo(SEND_PATH)).toHaveLength(2);
		// The first answer takes about 3 s to trickle in: the second request left once it had ended,
		// not at the first's Timeout (300 ms), when two would have been open at once.
		const [first, second] = standIn().requestsTo(SEND_PATH);
		expect(second.at - first.at).toBeGreaterThan(2_000);
	});
});

describe('server text', () => {
	it('a 1 MB hostile HTML error page is read no further than its first 64 KB, in one pass', () => {
		const unit = '<title <h1 <script <a <b x ';
		const page = `<!DOCTYPE html><html><head>${unit.repeat(40_000)}`;
		expect(page.length).toBeGreaterThan(1_000_000);
		// The same answer as for its first 64 KB: the rest is never read. The quadratic reading this
		// replaces took 12 s for 640 KB; this test's 5 s timeout is the bound.
		expect(htmlPageText(page)).toBe(htmlPageText(page.slice(0, 64 * 1024)));
		for (let repeat = 0; repeat < 20; repeat++) htmlPageText(page);
	}, 5_000);

	it('through the node: the hostile page fails the item with a short message', async () => {
		standIn().setFaults({ script: { '1': 'hugeHtml' } });
		const { fns } = campaign(credentials(), 1);
		const error = await router.call(fns).catch((caught) => caught);
		expect(error.message).toMatch(/^Plazbot answered HTTP 502 with an HTML page instead of JSON/);
		expect(error.message.length).toBeLessThan(300);
	});

	it("shows an object or list in Plazbot's message as readable text", async () => {
		standIn().setFaults({ script: { '1': 'messageObject' } });
		const { fns } = campaign(credentials(), 1);
		const error = await router.call(fns).catch((caught) => caught);
		expect(error.message).toBe(
			'Plazbot error 400: destination: El campo destination es requerido; template: El campo template es requerido',
		);
	});
});

describe('Retry-After longer than the node waits', () => {
	it('fails at once, saying how long Plazbot asked to wait', async () => {
		standIn().setFaults({ script: { '1': 'longRetryAfter' }, longRetryAfterSeconds: 3600 });
		const { fns } = campaign(credentials(), 1);

		const error = await router.call(fns).catch((caught) => caught);

		expect(error.message).toBe(
			'Plazbot error 429: Demasiadas solicitudes, intente más tarde. Plazbot asked to wait 60 min before trying again (Retry-After); the node waits at most 5 min',
		);
		expect(error.description).toContain('Plazbot asked to wait 60 min');
		expect(standIn().requestsTo(SEND_PATH)).toHaveLength(1);
	});
});

describe('answers without the envelope', () => {
	it('a 204 on a delete is a success', async () => {
		const { fns: create } = fakeExecuteFunctions({
			parameters: {
				resource: 'opportunity',
				operation: 'create',
				name: 'Deal',
				description: 'd',
				amount: 10,
			},
			credentials: credentials(),
		});
		const [[created]] = await router.call(create);
		standIn().setFaults({ script: { [String(standIn().requests.length + 1)]: '204' } });
		const { fns } = fakeExecuteFunctions({
			parameters: {
				resource: 'opportunity',
				operation: 'delete',
				opportunityId: String(created.json.id),
			},
			credentials: credentials(),
		});
		const [output] = await router.call(fns);
		expect(output).toEqual([
			{ json: { deleted: true, id: created.json.id }, pairedItem: { item: 0 } },
		]);
	});

	it('a bare JSON object is the data', async () => {
		standIn().setFaults({ script: { '1': 'bare' } });
		const { fns } = campaign(credentials(), 1);
		const [output] = await router.call(fns);
		expect(output).toEqual([
			{
				json: {
					contactId: expect.any(String),
					destination: expect.any(String),
					template: expect.any(String),
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('secrets', () => {
	it('output keeps text that merely contains the workspace ID; a field that is the ID reads ***', async () => {
		const { fns } = fakeExecuteFunctions({
			parameters: {
				resource: 'opportunity',
				operation: 'create',
				name: 'Invoice',
				description: `https://cdn.plazbot.com/${WORKSPACE_ID}/invoice.pdf`,
				amount: 1,
			},
			credentials: credentials(),
		});
		const [[item]] = await router.call(fns);
		const opportunity = item.json.opportunity as Record<string, unknown>;
		expect(opportunity.description).toBe(`https://cdn.plazbot.com/${WORKSPACE_ID}/invoice.pdf`);
		expect(opportunity.workspaceId).toBe('***');
	});

	it('an error is redacted before it is shortened: no part of the key shows', async () => {
		const server = http.createServer((req, res) => {
			res.writeHead(500, { 'Content-Type': 'text/plain' });
			res.end(`${'E'.repeat(100)} ${String(req.headers.authorization)} and more text after it`);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const { fns } = campaign(
				{ ...credentials(), baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
				1,
				{
					maxAttempts: 1,
				},
			);
			const error = await router.call(fns).catch((caught) => caught);
			expect(error.message).toMatch(/^Plazbot answered HTTP 500: "E+ Bearer \*\*\*/);
			expect(
				JSON.stringify({ message: error.message, description: error.description }),
			).not.toContain(API_KEY.slice(0, 5));
		} finally {
			server.close();
		}
	});
});

describe('parameters as n8n hands them over from expressions', () => {
	it('Retry on Connection Drop = "false" is off: a dropped send is not repeated', async () => {
		standIn().setFaults({ script: { '1': 'drop' } });
		const { fns } = campaign(credentials(), 1, { retryOnConnectionDrop: 'false' });
		await expect(router.call(fns)).rejects.toThrow('was dropped before an answer arrived');
		expect(standIn().requestsTo(SEND_PATH)).toHaveLength(1);
	});

	it('Return All = "false" with Limit = "25" returns 25', async () => {
		for (let index = 0; index < 30; index++) {
			standIn().state.contacts.set(`c-${index}`, {
				id: `c-${index}`,
				workspaceId: WORKSPACE_ID,
				name: `N${index}`,
			});
		}
		const { fns } = fakeExecuteFunctions({
			parameters: {
				resource: 'contact',
				operation: 'getMany',
				returnAll: () => 'false',
				limit: '25',
			},
			credentials: credentials(),
		});
		const [output] = await router.call(fns);
		expect(output).toHaveLength(25);
	});

	it('a number option that is not a number fails naming the field, before anything is sent', async () => {
		const { fns } = campaign(credentials(), 2, { concurrency: 'five' });
		const error = await router.call(fns).catch((caught) => caught);
		expect(error.message).toContain('Concurrency');
		expect(error.message).toContain('[item 0]');
		expect(standIn().requests).toHaveLength(0);
	});

	it('an expression that throws names the field and the item', async () => {
		const { fns } = fakeExecuteFunctions({
			items: [{}, {}],
			parameters: (itemIndex) => ({
				resource: 'message',
				operation: 'sendConversation',
				template: 'promo_campaign',
				destination:
					itemIndex === 1
						? () => {
								throw new TypeError("Cannot read properties of undefined (reading 'phone')");
							}
						: '+51 911 111 111',
				sendType: 'individual',
			}),
			credentials: credentials(),
		});
		const error = await router.call(fns).catch((caught) => caught);
		expect(error.message).toBe(
			"Destination: Cannot read properties of undefined (reading 'phone') [item 1]",
		);
		expect(error.context.itemIndex).toBe(1);
	});
});

describe("WhatsApp's rules, before sending", () => {
	const send = (
		variables: Record<string, unknown>,
		destination: unknown = '+51 911 111 111',
		additionalFields = {},
	) =>
		fakeExecuteFunctions({
			parameters: {
				resource: 'message',
				operation: 'sendConversation',
				template: 'promo_campaign',
				destination,
				sendType: 'individual',
				...variables,
				additionalFields,
			},
			credentials: credentials(),
		});

	it.each([
		['a line break', 'Hola\nAna', 'contains a line break (U+000A)'],
		['a tab', 'Hola\tAna', 'contains a tab (U+0009)'],
		['five spaces', 'Hola     Ana', 'has 5 spaces in a row'],
	])('refuses a body variable with %s, naming it', async (_what, value, problem) => {
		const { fns, requests } = send({ variablesBody: { variable: [{ variable: '1', value }] } });
		const error = await router.call(fns).catch((caught) => caught);
		expect(error.message).toContain(`Body Variables "1" ${problem}`);
		expect(error.message).toContain('[item 0]');
		expect(requests).toHaveLength(0);
	});

	it('counts characters, not UTF-16 units: 1024 emoji are accepted in a body variable, 61 characters are refused in a header', async () => {
		const emoji = '😀'.repeat(1024);
		const { fns, requests } = send({
			variablesBody: { variable: [{ variable: '1', value: emoji }] },
			variablesHeader: { variable: [{ variable: '1', value: 'é'.repeat(61) }] },
		});
		const error = await router.call(fns).catch((caught) => caught);
		expect(error.message).toBe(
			'Header Variables "1" is 61 characters long; WhatsApp accepts at most 60 in this variable [item 0]',
		);
		expect(requests).toHaveLength(0);

		const { fns: ok } = send({ variablesBody: { variable: [{ variable: '1', value: emoji }] } });
		await expect(router.call(ok)).resolves.toHaveLength(1);
	});

	it('the 1024 limit is for template variables only: a long File URL is sent', async () => {
		const fileUrl = `https://cdn.example.com/${'a'.repeat(1500)}.pdf`;
		const { fns, requests } = send({}, '+51 911 111 111', { fileUrl });
		await router.call(fns);
		expect((requests[0].body as { file: { fileUrl: string } }).file.fileUrl).toBe(fileUrl);
	});

	it.each([
		['0987654321', 'starts with 0, a national trunk prefix: the number has no country code'],
		['+51 98x 654 321', 'contains "x" (U+0078), which is not part of a phone number'],
	])('refuses the number %s, saying why', async (destination, problem) => {
		const { fns, requests } = send({}, destination);
		const error = await router.call(fns).catch((caught) => caught);
		expect(error.message).toBe(`Destination "${destination}" ${problem} [item 0]`);
		expect(requests).toHaveLength(0);
	});

	it.each([
		['+44 (0)20 7946 0958', '442079460958'],
		['+51\u200b987\u200e654\u2060321', '51987654321'],
		['\ufeff+51 987–654–321', '51987654321'],
		['＋５１ ９８７ ６５４ ３２１', '51987654321'],
	])('sends %j as %s', async (destination, digits) => {
		const { fns, requests } = send({}, destination);
		await router.call(fns);
		expect((requests[0].body as { destination: string }).destination).toBe(digits);
	});
});

describe('lists', () => {
	it('stop with a clear message when Plazbot repeats a next-page token', async () => {
		const server = http.createServer((_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(
				JSON.stringify({
					success: true,
					data: { data: [{ id: 'c-1' }], continuationToken: 'same' },
				}),
			);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const { fns, requests } = fakeExecuteFunctions({
				parameters: { resource: 'contact', operation: 'getMany', returnAll: true },
				credentials: {
					...credentials(),
					baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
				},
			});
			const error = await router.call(fns).catch((caught) => caught);
			expect(error.message).toBe(
				'Plazbot sent the same next-page token twice (after 2 records); the list was stopped so that it does not repeat for ever [item 0]',
			);
			expect(requests).toHaveLength(2);
		} finally {
			server.close();
		}
	});

	it('stop at an empty page, whatever token it carries', async () => {
		let calls = 0;
		const server = http.createServer((_req, res) => {
			calls++;
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(
				JSON.stringify({
					success: true,
					data: { data: calls === 1 ? [{ id: 'c-1' }] : [], continuationToken: `t${calls}` },
				}),
			);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const { fns } = fakeExecuteFunctions({
				parameters: { resource: 'contact', operation: 'getMany', returnAll: true },
				credentials: {
					...credentials(),
					baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
				},
			});
			const [output] = await router.call(fns);
			expect(output.map((item) => item.json.id)).toEqual(['c-1']);
			expect(calls).toBe(2);
		} finally {
			server.close();
		}
	});
});

describe('plain http', () => {
	it.each([
		'http://127.0.0.1.example.com',
		'http://127.evil.test:8080',
		'http://localhost.example.com',
	])('is refused for %s, a host on the internet', async (baseUrl) => {
		const { fns, requests } = campaign({ ...credentials(), baseUrl }, 1);
		const error = await router.call(fns).catch((caught) => caught);
		expect(error.message).toContain('must start with https://');
		expect(requests).toHaveLength(0);
	});
});

describe('odd answers and credential values', () => {
	async function answeredWith(body: string, status = 200) {
		const server = http.createServer((_req, res) => {
			res.writeHead(status, { 'Content-Type': 'application/json' });
			res.end(body);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const { fns } = campaign(
				{ ...credentials(), baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
				1,
			);
			return await router.call(fns).catch((caught) => caught);
		} finally {
			server.close();
		}
	}

	it('JSON that starts with a byte-order mark is read', async () => {
		const output = await answeredWith(
			'\ufeff{"success":true,"code":200,"data":{"contactId":"c-bom"}}',
		);
		expect(output).toEqual([
			[
				{
					json: { contactId: 'c-bom', destination: '51900000000', template: 'promo_campaign' },
					pairedItem: { item: 0 },
				},
			],
		]);
	});

	it.each(['"false"', '0', '"FALSE"'])(
		'success: %s is a refusal, not a delivery',
		async (success) => {
			const error = await answeredWith(
				`{"success":${success},"code":{"odd":true},"message":"Plantilla rechazada"}`,
			);
			expect(error.message).toBe('Plazbot error: Plantilla rechazada');
			expect(error.httpCode).toBe('200');
		},
	);

	it.each([
		['a zero-width space', `${WORKSPACE_ID}\u200b`, '"\u200b" (U+200B)'],
		['a curly quote', `${WORKSPACE_ID}\u201d`, '"\u201d" (U+201D)'],
	])(
		'a Workspace ID with %s is refused before any request, naming the character',
		async (_what, workspaceId, named) => {
			const { fns, requests } = campaign({ ...credentials(), workspaceId }, 1);
			const error = await router.call(fns).catch((caught) => caught);
			expect(error.message).toBe(
				`The Workspace ID in the Plazbot API credential contains ${named}, which cannot be sent in a request header`,
			);
			expect(requests).toHaveLength(0);
		},
	);
});

/**
 * What happens when retrying does not help: the attempt budget runs out, or the connection drops
 * after the request may already have been processed.
 */
import { router } from '../../../nodes/Plazbot/actions/router';
import { PlazbotClient } from '../../../nodes/Plazbot/transport/client';
import { parseRetryAfter } from '../../../nodes/Plazbot/helpers/http';
import { retryAfterOf } from '../../../nodes/Plazbot/transport/policy';
import { onFakeClock, useFakeClock } from '../support/fakeClock';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn } from '../support/standIn';

const { standIn, credentials } = startStandIn();

beforeEach(useFakeClock);
afterEach(() => jest.useRealTimers());

const SEND_PATH = '/api/message/conversation';
const destinations = ['51911111111', '51922222222', '51933333333'];

function sendTo(phones: string[], options: Record<string, unknown> = {}, continueOnFail = false) {
	return fakeExecuteFunctions({
		items: phones.map((phone) => ({ phone })),
		parameters: (_i, item) => ({
			resource: 'message',
			operation: 'sendConversation',
			template: 'hello_world',
			destination: item.phone,
			sendType: 'individual',
			options,
		}),
		credentials: credentials(),
		continueOnFail,
	});
}

async function directClient(policy: Parameters<typeof PlazbotClient.create>[1]) {
	const { fns, requests } = sendTo([destinations[0]]);
	return { client: await PlazbotClient.create(fns, policy), requests };
}

const sendOne = (client: PlazbotClient, destination = destinations[0]) =>
	client.request(
		{
			method: 'POST',
			path: SEND_PATH,
			body: { workspaceId: client.workspaceId, template: 'hello_world', destination },
		},
		0,
	);

const deliveries = (destination: string) =>
	(standIn().state.deliveries as Map<string, number>).get(destination) ?? 0;

describe('attempt budget', () => {
	it('gives up after Max Attempts and says how many attempts were made', async () => {
		standIn().setFaults({
			script: { 1: '503RetryAfter', 2: '503RetryAfter', 3: '503RetryAfter', 4: '503RetryAfter' },
			retryAfterSeconds: 0,
		});
		const { client } = await directClient({ maxAttempts: 4, backoffBaseMs: 5 });

		await expect(onFakeClock(standIn(), sendOne(client))).rejects.toMatchObject({
			message: 'Plazbot error 503: Servicio no disponible temporalmente (gave up after 4 attempts)',
			httpCode: '503',
		});
		expect(standIn().requestsTo(SEND_PATH)).toHaveLength(4);
	});

	it('retries a read answered with a 502 HTML error page, 503 and 504, then succeeds once', async () => {
		standIn().setFaults({ script: { '1': 'html', '2': '503', '3': '504' } });
		const { client } = await directClient({ backoffBaseMs: 5 });

		await expect(
			onFakeClock(
				standIn(),
				client.request(
					{ method: 'GET', path: SEND_PATH, qs: { workspaceId: client.workspaceId } },
					0,
				),
			),
		).resolves.toMatchObject({
			success: true,
		});
		expect(
			standIn()
				.requestsTo(SEND_PATH)
				.map((r) => [r.method, r.fault]),
		).toEqual([
			['GET', 'html'],
			['GET', '503'],
			['GET', '504'],
			['GET', null],
		]);
	});

	it('retries a send answered 503 with Retry-After (not processed), then succeeds once', async () => {
		standIn().setFaults({
			script: { '1': '503RetryAfter', '2': '503RetryAfter' },
			retryAfterSeconds: 0,
		});
		const { client } = await directClient({ backoffBaseMs: 5 });

		await expect(onFakeClock(standIn(), sendOne(client))).resolves.toMatchObject({
			success: true,
			data: { contactId: expect.any(String) },
		});
		expect(
			standIn()
				.requestsTo(SEND_PATH)
				.map((r) => r.fault),
		).toEqual(['503RetryAfter', '503RetryAfter', null]);
		expect(deliveries(destinations[0])).toBe(1);
	});

	it('does not repeat a send answered a bare 503 (no Retry-After): it may have been processed', async () => {
		standIn().setFaults({ script: { '1': '503AfterAccept' } });
		const { client } = await directClient({ backoffBaseMs: 5 });

		const error = await onFakeClock(standIn(), sendOne(client)).catch((caught) => caught);

		expect(error.message).toBe('Plazbot error 503: Servicio no disponible temporalmente');
		expect(error.description).toContain('it was not repeated automatically');
		expect(error.description).toContain('Retry on Connection Drop');
		expect(standIn().requestsTo(SEND_PATH)).toHaveLength(1);
		expect(deliveries(destinations[0])).toBe(1);
	});

	it('says that a send cut by a connection reset after Plazbot accepted it may have been sent', async () => {
		standIn().setFaults({ script: { '1': 'resetAfterAccept' } });
		const { client } = await directClient({ backoffBaseMs: 5 });

		const error = await onFakeClock(standIn(), sendOne(client)).catch((caught) => caught);

		expect(error.message).toMatch(
			/^The connection to Plazbot at 127\.0\.0\.1:\d+ was dropped before an answer arrived$/,
		);
		expect(error.description).toMatch(
			/^Plazbot may have received the request: the message may have been sent/,
		);
		expect(error.description).not.toContain('Base URL');
		expect(standIn().requestsTo(SEND_PATH)).toHaveLength(1);
		expect(deliveries(destinations[0])).toBe(1);
	});

	it.each([
		['with its charset', 'latin1Error'],
		['without a charset', 'latin1ErrorNoCharset'],
	])('reads an error body in ISO-8859-1 %s', async (_case, fault) => {
		standIn().setFaults({ script: { '1': fault } });
		const { client } = await directClient({ backoffBaseMs: 5 });

		await expect(onFakeClock(standIn(), sendOne(client))).rejects.toMatchObject({
			message: 'Plazbot error 400: Número no válido',
		});
	});

	it.each(['502AfterAccept', '504AfterAccept'])(
		'does not repeat a send answered %s by default: it was delivered once, and the error says it may have gone out',
		async (fault) => {
			standIn().setFaults({ script: { '1': fault } });
			const { client } = await directClient({ backoffBaseMs: 5 });

			const error = await onFakeClock(standIn(), sendOne(client)).catch((caught) => caught);

			expect(error.message).toBe(
				`Plazbot answered HTTP ${fault.slice(0, 3)} with an HTML page instead of JSON: "${fault.slice(0, 3)} Gateway Error"`,
			);
			expect(error.description).toContain('it was not repeated automatically');
			expect(error.description).toContain('Retry on Connection Drop');
			expect(standIn().requestsTo(SEND_PATH)).toHaveLength(1);
			expect(deliveries(destinations[0])).toBe(1);
		},
	);

	it('repeats a send answered 502 only with Retry on Connection Drop (which can send it twice)', async () => {
		standIn().setFaults({ script: { '1': '502AfterAccept' } });
		const { client } = await directClient({ backoffBaseMs: 5, retryOnConnectionDrop: true });

		await expect(onFakeClock(standIn(), sendOne(client))).resolves.toMatchObject({ success: true });
		expect(
			standIn()
				.requestsTo(SEND_PATH)
				.map((r) => r.fault),
		).toEqual(['502AfterAccept', null]);
		expect(deliveries(destinations[0])).toBe(2);
	});

	it('Max Attempts 1 turns retries off', async () => {
		standIn().setFaults({ script: { '1': '429' } });
		const { client } = await directClient({ maxAttempts: 1 });

		await expect(onFakeClock(standIn(), sendOne(client))).rejects.toMatchObject({
			message: 'Plazbot error 429: Demasiadas solicitudes, intente más tarde',
		});
		expect(standIn().requestsTo(SEND_PATH)).toHaveLength(1);
	});

	it('through the node: stops the run with the final 429 error after Max Attempts', async () => {
		standIn().setFaults({ script: { '1': '429', '2': '429' }, retryAfterSeconds: 1 });
		const { fns } = sendTo([destinations[0]], { maxAttempts: 2 });

		const error = await onFakeClock(standIn(), router.call(fns)).catch((caught) => caught);

		expect(error.message).toBe(
			'Plazbot error 429: Demasiadas solicitudes, intente más tarde (gave up after 2 attempts)',
		);
		expect(error.httpCode).toBe('429');
		expect(error.description).toContain('Plazbot is rate limiting this workspace');
		expect(error.context.itemIndex).toBe(0);
		expect(standIn().earlyRetries).toBe(0);
		expect(deliveries(destinations[0])).toBe(0);
	});

	it('through the node with Continue On Fail: an error item in place, the others delivered', async () => {
		standIn().setFaults({ byDestination: { [destinations[0]]: '429' }, retryAfterSeconds: 1 });
		const { fns } = sendTo(destinations, { maxAttempts: 2, concurrency: 1 }, true);

		const [output] = await onFakeClock(standIn(), router.call(fns));

		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toEqual({
			error:
				'Plazbot error 429: Demasiadas solicitudes, intente más tarde (gave up after 2 attempts)',
			description: expect.stringContaining('Plazbot is rate limiting this workspace'),
			httpCode: '429',
		});
		expect(output[1].json.contactId).toBe(standIn().state.findContactByPhone(destinations[1]).id);
		expect(output[2].json.contactId).toBe(standIn().state.findContactByPhone(destinations[2]).id);
		expect(destinations.map(deliveries)).toEqual([0, 1, 1]);
	});
	it('an item waiting out its Retry-After frees its request slot: the next items are sent meanwhile', async () => {
		standIn().setFaults({ script: { '1': '429' }, retryAfterSeconds: 1 });
		const { fns } = sendTo(destinations, { concurrency: 1 });

		const [output] = await onFakeClock(standIn(), router.call(fns));

		const arrivals = standIn()
			.requestsTo('/api/message/conversation')
			.map((r) => r.body.destination);
		expect(arrivals).toEqual([destinations[0], destinations[1], destinations[2], destinations[0]]);
		expect(standIn().maxInFlight).toBe(1);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output.map((item) => item.json.contactId)).toEqual(
			destinations.map((phone) => standIn().state.findContactByPhone(phone).id),
		);
	});
});

describe('Retry-After', () => {
	it('reads delay-seconds and HTTP dates', () => {
		const now = Date.parse('Tue, 02 Dec 2025 10:00:00 GMT');
		expect(parseRetryAfter('1', now)).toBe(1000);
		expect(parseRetryAfter(' 2.5 ', now)).toBe(2500);
		expect(parseRetryAfter('Tue, 02 Dec 2025 10:00:03 GMT', now)).toBe(3000);
		expect(parseRetryAfter('Tue, 02 Dec 2025 09:59:00 GMT', now)).toBe(0);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
	});

	it('is read only from answers that may be tried again', () => {
		const answer = (statusCode: number) =>
			({
				kind: 'response',
				response: { statusCode, headers: { 'Retry-After': '2' }, body: '' },
			}) as const;
		expect([429, 502, 503, 504].map((status) => retryAfterOf(answer(status)))).toEqual([
			2000, 2000, 2000, 2000,
		]);
		expect([200, 400, 500].map((status) => retryAfterOf(answer(status)))).toEqual([
			undefined,
			undefined,
			undefined,
		]);
	});

	it('waits until the HTTP date before the retry', async () => {
		standIn().setFaults({ script: { '1': '429' }, retryAfterSeconds: 1, retryAfterAsDate: true });
		const { client } = await directClient({ backoffBaseMs: 5 });

		await onFakeClock(standIn(), sendOne(client));

		const [limited, retry] = standIn().requestsTo(SEND_PATH);
		expect(limited.fault).toBe('429');
		expect(retry.at - limited.at).toBeGreaterThanOrEqual(1000);
		expect(standIn().earlyRetries).toBe(0);
		expect(deliveries(destinations[0])).toBe(1);
	});
});

describe('dropped connections', () => {
	it('are not retried by default: the message may have gone out, and the error says so', async () => {
		standIn().setFaults({ script: { '1': 'drop' }, dropAfterProcessing: true });
		const { client } = await directClient({ backoffBaseMs: 5 });

		const error = await onFakeClock(standIn(), sendOne(client)).catch((caught) => caught);

		expect(error.message).toBe(
			`The connection to Plazbot at ${new URL(standIn().url).host} was dropped before an answer arrived`,
		);
		expect(error.description).toContain(
			'Plazbot may have received the request: the message may have been sent. It was not repeated automatically',
		);
		expect(error.description).toContain('Retry on Connection Drop');
		expect(standIn().requestsTo(SEND_PATH)).toHaveLength(1);
		// It was delivered although the node could not know: this is why it is not repeated.
		expect(deliveries(destinations[0])).toBe(1);
	});

	it('through the node: the item fails naming the drop, and nothing is sent twice', async () => {
		standIn().setFaults({ script: { '1': 'drop' } });
		const { fns } = sendTo([destinations[0]]);

		await expect(onFakeClock(standIn(), router.call(fns))).rejects.toMatchObject({
			message: expect.stringContaining('was dropped before an answer arrived'),
			context: expect.objectContaining({ itemIndex: 0 }),
		});
		expect(standIn().requestsTo(SEND_PATH)).toHaveLength(1);
		expect(deliveries(destinations[0])).toBe(0);
	});

	it('are retried with Retry on Connection Drop', async () => {
		standIn().setFaults({ script: { '1': 'drop' } });
		const { fns } = sendTo([destinations[0]], { retryOnConnectionDrop: true });

		const [output] = await onFakeClock(standIn(), router.call(fns));

		expect(
			standIn()
				.requestsTo(SEND_PATH)
				.map((r) => r.fault),
		).toEqual(['drop', null]);
		expect(output).toEqual([
			{
				json: {
					contactId: expect.any(String),
					destination: destinations[0],
					template: 'hello_world',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(deliveries(destinations[0])).toBe(1);
	});

	it('with Retry on Connection Drop still give up after Max Attempts, saying so', async () => {
		standIn().setFaults({ rateDrop: 1 });
		const { client } = await directClient({
			retryOnConnectionDrop: true,
			maxAttempts: 3,
			backoffBaseMs: 5,
		});

		await expect(onFakeClock(standIn(), sendOne(client))).rejects.toMatchObject({
			message: `The connection to Plazbot at ${new URL(standIn().url).host} was dropped before an answer arrived (gave up after 3 attempts)`,
		});
		expect(standIn().requestsTo(SEND_PATH)).toHaveLength(3);
	});
});

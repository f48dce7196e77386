/**
 * Plazbot Trigger: reading an incoming body (pure helpers). Plazbot publishes no payload, so each
 * shape below is one a source shows (see incomingPayload.ts, PATHS).
 */
import {
	isForAnotherNumber,
	normalizeMessage,
	outputItem,
	readIncomingBody,
} from '../../../nodes/PlazbotTrigger/incomingPayload';

const NONE = {
	customerPhone: null,
	customerName: null,
	text: null,
	messageId: null,
	receivingNumber: null,
	time: null,
};

describe('normalizeMessage', () => {
	it.each([
		[
			"the stand-in's shape (README since the trigger exists)",
			{
				event: 'message.received',
				number: '51900000001',
				messageId: 'wamid.A1',
				timestamp: '2026-03-01T10:00:00.000Z',
				contact: { id: null, name: 'Ana Torres', phone: '51987654321' },
				message: { type: 'text', text: 'Hola' },
			},
			{
				customerPhone: '51987654321',
				customerName: 'Ana Torres',
				text: 'Hola',
				messageId: 'wamid.A1',
				receivingNumber: '51900000001',
				time: '2026-03-01T10:00:00.000Z',
			},
		],
		[
			"a third party's (message.body, message.id, channel.phone)",
			{
				event: 'message_received',
				workspace_id: 'ws-1',
				channel: { phone: '+51 900 000 001' },
				contact: { id: 'c-1', name: 'Rosa', phone: '+51 955 501 234' },
				message: { id: 'm-7', body: '¿Tienen stock?' },
			},
			{
				customerPhone: '51955501234',
				customerName: 'Rosa',
				text: '¿Tienen stock?',
				messageId: 'm-7',
				receivingNumber: '51900000001',
				time: null,
			},
		],
		[
			'the receiving number in `to` or `phone_number`, or `channel.number`',
			{ to: '51900000001', from: '51987654321', text: 'a' },
			{ ...NONE, customerPhone: '51987654321', text: 'a', receivingNumber: '51900000001' },
		],
		[
			'a WhatsApp Cloud API message (from, text.body, id, Unix seconds)',
			{
				from: '51987654321',
				id: 'wamid.B2',
				timestamp: '1772359200',
				text: { body: 'Buenos días' },
				type: 'text',
			},
			{
				...NONE,
				customerPhone: '51987654321',
				text: 'Buenos días',
				messageId: 'wamid.B2',
				time: '2026-03-01T10:00:00.000Z',
			},
		],
		[
			"Plazbot's own message record fields (content, messageWhatsappId, internalWhatsappNumber)",
			{
				content: 'Gracias',
				messageWhatsappId: 'wamid.C3',
				internalWhatsappNumber: '51900000001',
				creationDate: '2026-03-01T10:00:00Z',
				contact: { cellphone: '51987654321' },
			},
			{
				customerPhone: '51987654321',
				customerName: null,
				text: 'Gracias',
				messageId: 'wamid.C3',
				receivingNumber: '51900000001',
				time: '2026-03-01T10:00:00.000Z',
			},
		],
		['an empty object', {}, NONE],
	])('reads %s', (_label, body, expected) => {
		expect(normalizeMessage(body)).toEqual(expected);
	});

	it('takes the first variant that holds text, skipping objects, lists and empty text', () => {
		expect(
			normalizeMessage({ message: { text: '  ', body: 'Segundo' }, contact: { phone: ['x'] } }),
		).toMatchObject({ text: 'Segundo', customerPhone: null });
		// `message` as plain text (a hand-made sender); a number as a message ID.
		expect(normalizeMessage({ message: 'Hola', id: 12345 })).toMatchObject({
			text: 'Hola',
			messageId: '12345',
		});
	});

	it('gives times it cannot read as they were sent, and Unix milliseconds as ISO', () => {
		expect(normalizeMessage({ timestamp: 'ayer' }).time).toBe('ayer');
		expect(normalizeMessage({ timestamp: 1772359200000 }).time).toBe('2026-03-01T10:00:00.000Z');
	});
});

describe('isForAnotherNumber', () => {
	const to = (receivingNumber: string | null) => ({ ...NONE, receivingNumber });
	it.each([
		[null, false],
		['51900000001', false],
		// Written without the country code: still this number.
		['900000001', false],
		['51900000002', true],
		// Too short to be a number: not trusted to drop a message.
		['12', false],
	])('receiving number %p → %p', (number, expected) => {
		expect(isForAnotherNumber(to(number), '51900000001')).toBe(expected);
	});
});

describe('outputItem', () => {
	it("adds the normalised part after the body's own fields, and keeps a body's own `normalized`", () => {
		const message = normalizeMessage({ text: 'a' });
		expect(Object.keys(outputItem({ text: 'a', b: 1 }, message))).toEqual([
			'text',
			'b',
			'normalized',
		]);
		expect(outputItem({ normalized: 'theirs' }, message)).toEqual({ normalized: 'theirs' });
	});
});

describe('readIncomingBody', () => {
	const read = (contentType: string | undefined, rawText: string | undefined, body: unknown) =>
		readIncomingBody({ contentType, rawText, body });

	it('reads a JSON object n8n parsed, and an array as one record per element', () => {
		expect(read('application/json', '{"a":1}', { a: 1 })).toEqual({
			ok: true,
			records: [{ a: 1 }],
		});
		expect(read('application/json', '[{"a":1},2]', [{ a: 1 }, 2])).toEqual({
			ok: true,
			records: [{ a: 1 }, { value: 2 }],
		});
		expect(read('application/json', '[]', [])).toEqual({ ok: true, records: [] });
	});

	it('reads JSON from the raw text whatever the content type says, or when there is none', () => {
		for (const type of [undefined, 'text/plain', 'application/octet-stream'])
			expect(read(type, '{"a":1}', {})).toEqual({ ok: true, records: [{ a: 1 }] });
	});

	it('reads form fields as n8n parsed them', () => {
		expect(read('application/x-www-form-urlencoded', 'a=1&b=2', { a: '1', b: '2' })).toEqual({
			ok: true,
			records: [{ a: '1', b: '2' }],
		});
	});

	it('refuses an empty body, and one that is neither JSON nor form fields', () => {
		expect(read('application/json', '', {})).toMatchObject({ ok: false, status: 400 });
		expect(read('text/plain', 'hola', 'hola')).toMatchObject({
			ok: false,
			status: 415,
			message: expect.stringMatching(/^The body \(Content-Type "text\/plain"\)/),
		});
		expect(read(undefined, '"hola"', {})).toMatchObject({ ok: false, status: 415 });
	});
});

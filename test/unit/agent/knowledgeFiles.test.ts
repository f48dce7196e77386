import type { IBinaryKeyData, IDataObject } from 'n8n-workflow';

import { router } from '../../../nodes/Plazbot/actions/router';
import { onFakeClock, useFakeClock } from '../support/fakeClock';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn();

// Polling intervals and Retry-After waits run on a fake clock (test/unit/support/fakeClock.ts).
beforeEach(useFakeClock);
afterEach(() => jest.useRealTimers());

const AGENT = 'agent-demo-1';
const rl = (value: string) => ({ __rl: true, mode: 'list', value });

/** Bytes that are not valid UTF-8, so that a body read as text would change them. */
const PDF = Buffer.from([
	0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0xff, 0x00, 0xe2, 0x0d, 0x0a,
]);
const binaryOf = (bytes: Buffer, fileName: string, mimeType: string): IBinaryKeyData => ({
	data: {
		data: bytes.toString('base64'),
		fileName,
		mimeType,
		fileExtension: fileName.split('.').pop(),
	},
});

function run(
	parameters:
		| Record<string, unknown>
		| ((itemIndex: number, item: IDataObject) => Record<string, unknown>),
	extra: {
		items?: IDataObject[];
		binary?: Array<IBinaryKeyData | undefined>;
		continueOnFail?: boolean;
	} = {},
) {
	const context = fakeExecuteFunctions({
		parameters:
			typeof parameters === 'function'
				? (i, item) => ({ resource: 'agent', ...parameters(i, item) })
				: { resource: 'agent', ...parameters },
		credentials: credentials(),
		...extra,
	});
	return { ...context, result: onFakeClock(standIn(), router.call(context.fns)) };
}

describe('AI Agent → Add File (binary)', () => {
	it("uploads each item's file as multipart (file, agentId, workspaceId) with its exact bytes, name and type", async () => {
		const second = Buffer.from('Preguntas frecuentes\n');
		const { requests, binaryReads, result } = run(
			{
				operation: 'addFile',
				agentId: rl(AGENT),
				fileSource: 'binary',
				binaryPropertyName: 'data',
			},
			{
				items: [{}, {}],
				binary: [
					binaryOf(PDF, 'precios 2026.pdf', 'application/pdf'),
					binaryOf(second, 'faq.txt', 'text/plain'),
				],
			},
		);
		const [output] = await result;
		// What the node asked n8n to send.
		expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
			[
				'POST',
				'/api/agent/add-file-direct',
				{
					formData: [
						['file', { fileName: 'precios 2026.pdf', type: 'application/pdf', size: PDF.length }],
						['agentId', AGENT],
						['workspaceId', WORKSPACE_ID],
					],
				},
			],
			[
				'POST',
				'/api/agent/add-file-direct',
				{
					formData: [
						['file', { fileName: 'faq.txt', type: 'text/plain', size: second.length }],
						['agentId', AGENT],
						['workspaceId', WORKSPACE_ID],
					],
				},
			],
		]);
		// What arrived on the wire, parsed as multipart.
		const received = standIn().requestsTo('/api/agent/add-file-direct');
		expect(received.map((r) => r.headers['content-type'])).toEqual([
			expect.stringMatching(/^multipart\/form-data; boundary=/),
			expect.stringMatching(/^multipart\/form-data; boundary=/),
		]);
		expect(received.map((r) => r.body)).toEqual([
			{
				agentId: AGENT,
				workspaceId: WORKSPACE_ID,
				file: {
					fileName: 'precios 2026.pdf',
					contentType: 'application/pdf',
					size: PDF.length,
					base64: PDF.toString('base64'),
				},
			},
			{
				agentId: AGENT,
				workspaceId: WORKSPACE_ID,
				file: {
					fileName: 'faq.txt',
					contentType: 'text/plain',
					size: second.length,
					base64: second.toString('base64'),
				},
			},
		]);
		expect(binaryReads).toEqual([
			[0, 'data'],
			[1, 'data'],
		]);
		expect(output.map((item) => item.json)).toEqual([
			{
				fileId: expect.stringMatching(/^fl/),
				agentId: AGENT,
				fileName: 'precios 2026.pdf',
				mimeType: 'application/pdf',
				fileSize: PDF.length,
			},
			{
				fileId: expect.stringMatching(/^fl/),
				agentId: AGENT,
				fileName: 'faq.txt',
				mimeType: 'text/plain',
				fileSize: second.length,
			},
		]);
		expect(output[0].json.fileId).not.toBe(output[1].json.fileId);
	});

	it('refuses an item without the binary property, naming it and the item, and goes on with Continue On Fail', async () => {
		const { requests, binaryReads, result } = run(
			{
				operation: 'addFile',
				agentId: rl(AGENT),
				fileSource: 'binary',
				binaryPropertyName: 'document',
			},
			{
				items: [{}, {}],
				binary: [
					{ document: binaryOf(PDF, 'a.pdf', 'application/pdf').data },
					binaryOf(PDF, 'b.pdf', 'application/pdf'),
				],
				continueOnFail: true,
			},
		);
		const [output] = await result;
		expect(requests).toHaveLength(1);
		expect(binaryReads).toEqual([[0, 'document']]);
		expect(output[0].json.fileName).toBe('a.pdf');
		expect(output[1]).toEqual({
			json: {
				error:
					'Input Binary Field names the binary property "document", which item 1 does not have [item 1]',
				description: "This item's binary properties: data. Put one of them in Input Binary Field.",
			},
			pairedItem: { item: 1 },
		});
	});
});

describe('AI Agent → Add File (URL)', () => {
	it("sends the SDK's capitalised keys and outputs the file ID", async () => {
		const { requests, result } = run({
			operation: 'addFile',
			agentId: rl(AGENT),
			fileSource: 'url',
			fileUrl: ' https://example.com/prices.pdf ',
			reference: 'Price list',
			tags: 'prices, 2026',
		});
		const [output] = await result;
		expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
			[
				'POST',
				'/api/agent/add-file',
				{
					WorkspaceId: WORKSPACE_ID,
					FileUrl: 'https://example.com/prices.pdf',
					Reference: 'Price list',
					AgentId: AGENT,
					Tags: ['prices', '2026'],
				},
			],
		]);
		expect(output[0].json).toEqual({
			fileId: expect.stringMatching(/^fl/),
			agentId: AGENT,
			fileUrl: 'https://example.com/prices.pdf',
			reference: 'Price list',
			tags: ['prices', '2026'],
		});
	});
});

describe('AI Agent → Get File Status, Delete File', () => {
	async function addedFileId(): Promise<string> {
		const { result } = run({
			operation: 'addFile',
			agentId: rl(AGENT),
			fileSource: 'url',
			fileUrl: 'https://example.com/a.pdf',
			reference: 'A',
		});
		const [output] = await result;
		return output[0].json.fileId as string;
	}

	it('checks once without waiting', async () => {
		const fileId = await addedFileId();
		const { requests, result } = run({ operation: 'getFileStatus', fileId });
		const [output] = await result;
		expect(requests.map((r) => [r.method, r.url, r.qs])).toEqual([
			['GET', '/api/agent/validate-file', { WorkspaceId: WORKSPACE_ID, FileId: fileId }],
		]);
		expect(output[0].json).toEqual({
			fileId,
			status: 'processing',
			processed: false,
			checks: 1,
			waitedSeconds: 0,
			statuses: ['processing'],
		});
	});

	it('waits until processed, checking again after each interval, with the progress in the output', async () => {
		const fileId = await addedFileId();
		const { requests, result } = run({
			operation: 'getFileStatus',
			fileId,
			waitUntilProcessed: true,
			maxWaitSeconds: 60,
			pollIntervalSeconds: 1,
		});
		const [output] = await result;
		expect(requests).toHaveLength(3);
		// On the fake clock: each check came one Poll Interval after the one before.
		const checks = standIn().requestsTo('/api/agent/validate-file');
		expect(checks.map((check, index) => check.at - checks[Math.max(0, index - 1)].at)).toEqual([
			0, 1000, 1000,
		]);
		expect(output[0].json).toEqual({
			fileId,
			status: 'processed',
			processed: true,
			checks: 3,
			waitedSeconds: 2,
			statuses: ['processing', 'processed'],
		});
	});

	it('fails the item when the file is still processing after Max Wait', async () => {
		const fileId = await addedFileId();
		const { requests, result } = run({
			operation: 'getFileStatus',
			fileId,
			waitUntilProcessed: true,
			maxWaitSeconds: 1,
			pollIntervalSeconds: 1,
		});
		await expect(result).rejects.toThrow(
			`The file "${fileId}" was still "processing" after 1 seconds [item 0]`,
		);
		expect(requests).toHaveLength(2);
	});

	it('deletes with the body {WorkspaceId, AgentId, FileId}', async () => {
		const fileId = await addedFileId();
		const { requests, result } = run({ operation: 'deleteFile', agentId: rl(AGENT), fileId });
		const [output] = await result;
		expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
			[
				'DELETE',
				'/api/agent/delete-file',
				{ WorkspaceId: WORKSPACE_ID, AgentId: AGENT, FileId: fileId },
			],
		]);
		expect(output[0].json).toEqual({ deleted: true, agentId: AGENT, fileId });
	});
});

describe('AI Agent → Add File, many items', () => {
	it('reads a file only when its request may go out: with Concurrency 1, one file in memory at a time', async () => {
		const { events, result } = run(
			{
				operation: 'addFile',
				agentId: rl(AGENT),
				fileSource: 'binary',
				binaryPropertyName: 'data',
				options: { concurrency: 1 },
			},
			{
				items: [{}, {}, {}],
				binary: [0, 1, 2].map((n) => binaryOf(PDF, `f${n}.pdf`, 'application/pdf')),
			},
		);
		const [output] = await result;
		const upload = '/api/agent/add-file-direct';
		expect(events).toEqual(
			[0, 1, 2].flatMap((n) => [`read item ${n}`, `request ${upload}`, `answer ${upload}`]),
		);
		expect(output.map((item) => item.json.fileName)).toEqual(['f0.pdf', 'f1.pdf', 'f2.pdf']);
	});
});

describe('AI Agent → Add File, answered 429 first', () => {
	it('sends the same multipart body again after the Retry-After, bytes intact', async () => {
		standIn().setFaults({ script: { '1': '429' }, retryAfterSeconds: 1 });
		const { result } = run(
			{
				operation: 'addFile',
				agentId: rl(AGENT),
				fileSource: 'binary',
				binaryPropertyName: 'data',
			},
			{ binary: [binaryOf(PDF, 'precios.pdf', 'application/pdf')] },
		);
		const [output] = await result;
		const received = standIn().requestsTo('/api/agent/add-file-direct');
		expect(received.map((r) => (r as unknown as { status: number }).status)).toEqual([429, 200]);
		expect(received[1].at - received[0].at).toBeGreaterThanOrEqual(1000);
		expect(received[1].body).toEqual(received[0].body);
		expect(received[1].body.file.base64).toBe(PDF.toString('base64'));
		expect(output).toHaveLength(1);
	});
});

describe('The stand-in, as an upload endpoint', () => {
	const post = async (contentType: string, body: string) => {
		const response = await fetch(`${standIn().url}/api/agent/add-file-direct`, {
			method: 'POST',
			headers: {
				'content-type': contentType,
				'x-workspace-id': WORKSPACE_ID,
				authorization: `Bearer ${credentials().apiKey}`,
			},
			body,
		});
		return { status: response.status, body: (await response.json()) as IDataObject };
	};

	it('refuses a malformed multipart body: no boundary, no closing delimiter, a part without a name', async () => {
		const part = (disposition: string) =>
			`--b0undary\r\nContent-Disposition: ${disposition}\r\n\r\nvalue\r\n`;
		const answers = await Promise.all([
			post('multipart/form-data', `${part('form-data; name="agentId"')}--b0undary--\r\n`),
			post('multipart/form-data; boundary=b0undary', part('form-data; name="agentId"')),
			post('multipart/form-data; boundary=b0undary', `${part('form-data')}--b0undary--\r\n`),
		]);
		expect(answers.map((answer) => [answer.status, answer.body.errorCode])).toEqual([
			[400, 'INVALID_MULTIPART'],
			[400, 'INVALID_MULTIPART'],
			[400, 'INVALID_MULTIPART'],
		]);
	});
});

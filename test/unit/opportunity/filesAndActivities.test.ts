import type { IBinaryKeyData, IDataObject } from 'n8n-workflow';

import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';
import { createOpportunities } from './seed';

const { standIn, credentials } = startStandIn();

const rl = (value: string) => ({ __rl: true, mode: 'list', value });

function run(parameters: Record<string, unknown>, binary?: IBinaryKeyData[]) {
	const context = fakeExecuteFunctions({
		parameters: { resource: 'opportunity', ...parameters },
		credentials: credentials(),
		binary,
	});
	return { ...context, result: router.call(context.fns) };
}

describe('Opportunity → Get Activities', () => {
	it('reads the activities Add Activity recorded, one item per activity, to the Limit', async () => {
		const [deal] = await createOpportunities(credentials(), 1);
		for (const content of ['Called', 'Met']) {
			await run({
				operation: 'addActivity',
				opportunityId: rl(deal.id as string),
				content,
				category: 'Calls',
				additionalFields: { date: '2026-05-01T10:00:00Z' },
			}).result;
		}
		const { requests, result } = run({
			operation: 'getActivities',
			opportunityId: rl(deal.id as string),
			returnAll: false,
			limit: 1,
		});
		const [output] = await result;
		expect(requests.map((r) => [r.method, r.url, r.qs])).toEqual([
			[
				'GET',
				`/api/opportunity/${deal.id as string}/agent/activities`,
				{ workspaceId: WORKSPACE_ID },
			],
		]);
		expect(output).toEqual([
			{
				json: {
					id: expect.any(String),
					content: 'Called',
					date: '2026-05-01T10:00:00.000Z',
					categoryType: 'Calls',
					userId: null,
					creationDate: expect.any(String),
					opportunityId: deal.id,
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('Opportunity → Add File', () => {
	it('uploads the binary as multipart (file, workspaceId) to /api/opportunity/{id}/files', async () => {
		const [deal] = await createOpportunities(credentials(), 1);
		const bytes = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0x00, 0x0a]);
		const { requests, result } = run(
			{ operation: 'addFile', opportunityId: rl(deal.id as string), binaryPropertyName: 'quote' },
			[
				{
					quote: {
						data: bytes.toString('base64'),
						fileName: 'quote.docx',
						mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
					},
				},
			],
		);
		const [output] = await result;
		const path = `/api/opportunity/${deal.id as string}/files`;
		const mimeType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
		expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
			[
				'POST',
				path,
				{
					formData: [
						['file', { fileName: 'quote.docx', type: mimeType, size: 6 }],
						['workspaceId', WORKSPACE_ID],
					],
				},
			],
		]);
		expect(
			standIn()
				.requestsTo(path)
				.map((r) => r.body),
		).toEqual([
			{
				workspaceId: WORKSPACE_ID,
				file: {
					fileName: 'quote.docx',
					contentType: mimeType,
					size: 6,
					base64: bytes.toString('base64'),
				},
			},
		]);
		expect(output[0].json).toMatchObject({
			name: 'quote.docx',
			size: 6,
			opportunityId: deal.id,
			fileName: 'quote.docx',
			mimeType,
			fileSize: 6,
		});
	});
});

describe('Opportunity → Update → Custom Fields', () => {
	it('sends customFields as [{ name, value }], leaving out rows without a name', async () => {
		const [deal] = await createOpportunities(credentials(), 1);
		const { requests, result } = run({
			operation: 'update',
			opportunityId: rl(deal.id as string),
			updateFields: {
				customFields: {
					field: [
						{ name: ' source ', value: 'WhatsApp' },
						{ name: '', value: 'ignored' },
						{ name: 'score', value: 7 },
					],
				},
			},
		});
		const [output] = await result;
		const customFields = [
			{ name: 'source', value: 'WhatsApp' },
			{ name: 'score', value: 7 },
		];
		expect(requests.map((r) => r.body)).toEqual([{ customFields }]);
		expect((output[0].json as IDataObject).customFields).toEqual(customFields);
	});
});

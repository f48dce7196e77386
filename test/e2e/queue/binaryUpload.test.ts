/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * AI Agent → Add File on n8n's queue mode, where binary data lives in the database: a worker's
 * Read/Write Files from Disk stores each PDF there, and Add File reads it back through n8n's
 * binary helpers. The stand-in must receive each file's exact bytes and name.
 *
 * n8n 2.x only, as the other queue-mode tests.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CREDENTIAL_TYPE, N8N_LINE, NODE_TYPE, type CredentialSpec } from '../n8n';
import {
	executionsRunBy,
	finishedExecutions,
	postWebhook,
	startQueueStand,
	WORKSPACE_ID,
	type QueueStand,
} from './stand';

jest.setTimeout(10 * 60_000);

const WORKFLOW = 'wfQueueFiles';
const PATH = 'plazbot-queue-files';
const PDFS: Record<string, Buffer> = {
	'manual.pdf': Buffer.concat([
		Buffer.from('%PDF-1.7\n'),
		Buffer.from(Array.from({ length: 512 }, (_, index) => (index * 37) % 256)),
		Buffer.from('\n%%EOF\n'),
	]),
	'precios.pdf': Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from([0xff, 0xfe, 0x00, 0x80])]),
};

function filesWorkflow(credential: CredentialSpec, fileSelector: string): object {
	const credentials = { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } };
	const nodes = [
		{
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: `${WORKFLOW}-hook`,
			parameters: { httpMethod: 'POST', path: PATH, responseMode: 'onReceived', options: {} },
		},
		{
			name: 'Read PDFs',
			type: 'n8n-nodes-base.readWriteFile',
			typeVersion: 1,
			parameters: { operation: 'read', fileSelector, options: {} },
		},
		{
			name: 'Add File to Agent',
			type: NODE_TYPE,
			typeVersion: 2,
			parameters: {
				resource: 'agent',
				operation: 'addFile',
				agentId: { __rl: true, mode: 'id', value: 'agent-demo-1' },
				fileSource: 'binary',
				binaryPropertyName: 'data',
			},
			credentials,
		},
	];
	return {
		id: WORKFLOW,
		name: `queue ${WORKFLOW}`,
		active: false,
		nodes: nodes.map((node, index) => ({
			id: `${WORKFLOW}-${index}`,
			position: [index * 220, 0],
			...node,
		})),
		connections: {
			Webhook: { main: [[{ node: 'Read PDFs', type: 'main', index: 0 }]] },
			'Read PDFs': { main: [[{ node: 'Add File to Agent', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

const describeOnN8n2 = N8N_LINE === 'n8n-2' ? describe : describe.skip;

describeOnN8n2('AI Agent → Add File on n8n queue mode (binary data in the database)', () => {
	const allowed = mkdtempSync(join(tmpdir(), 'plazbot-queue-files-'));
	const folder = join(allowed, 'knowledge');
	let stand: QueueStand;

	beforeAll(async () => {
		mkdirSync(folder, { recursive: true });
		for (const [name, bytes] of Object.entries(PDFS)) writeFileSync(join(folder, name), bytes);
		stand = await startQueueStand(
			(credential) => [filesWorkflow(credential, join(folder, '*.pdf'))],
			{
				workerCount: 1,
				env: { N8N_RESTRICT_FILE_ACCESS_TO: allowed, N8N_DEFAULT_BINARY_DATA_MODE: 'database' },
			},
		);
	});

	afterAll(async () => {
		await stand?.stop();
		rmSync(allowed, { recursive: true, force: true });
	});

	it("a worker uploads each PDF with its exact bytes and name, read back from n8n's database", async () => {
		await postWebhook(stand.server, PATH, {});
		const [execution] = await finishedExecutions(stand.server, WORKFLOW, 1);
		expect(execution.status).toBe('success');
		// Run by the worker, not main: the file went through n8n's database between the two nodes.
		expect(executionsRunBy(stand.workers[0])).toContain(execution.id);
		const byName = (a: any, b: any) => a.file.fileName.localeCompare(b.file.fileName);
		expect(
			stand.standIn
				.requestsTo('/api/agent/add-file-direct')
				.map((r: any) => r.body)
				.sort(byName),
		).toEqual(
			Object.entries(PDFS)
				.map(([fileName, bytes]) => ({
					agentId: 'agent-demo-1',
					workspaceId: WORKSPACE_ID,
					file: {
						fileName,
						contentType: 'application/pdf',
						size: bytes.length,
						base64: bytes.toString('base64'),
					},
				}))
				.sort(byName),
		);
	});
});

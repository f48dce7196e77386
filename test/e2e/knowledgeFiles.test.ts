/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-hardcoded-secrets, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * AI Agent → Add File from a binary that n8n's own Read/Write Files from Disk node read, in real
 * n8n (both lines), through the example workflow pdfs-to-agent-knowledge.json: the stand-in must
 * receive each file's exact bytes and name as multipart/form-data, and Get File Status must wait
 * through "processing" until "processed".
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
	exampleWorkflow,
	expectExecutionSucceeded,
	N8nInstance,
	outputOf,
	type CredentialSpec,
	type ExecutionResult,
} from './n8n';
import { PDFS, expectedUploadBodies, uploadBodies } from './pdfs';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createStandIn } = require('../stand-in/server');

const WORKSPACE_ID = 'ws-e2e-files-41b7';
const API_KEY = 'key-e2e-files-8c03d2';
const WORKFLOW = 'PlzPdfsToAgent1';

jest.setTimeout(10 * 60_000);

/** n8n's binary data modes this machine can run: its default (memory on 1.x) and filesystem. */
const BINARY_MODES: Array<[string, Record<string, string>]> = [
	["n8n's default binary mode", {}],
	['binary data on the filesystem', { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' }],
];

describe.each(BINARY_MODES)(
	'AI Agent → Add File from Read/Write Files from Disk, in real n8n (%s)',
	(_mode, binaryEnv) => {
		const standIn = createStandIn({ workspaceId: WORKSPACE_ID, apiKey: API_KEY });
		// The folder n8n may read files from, set explicitly: n8n 2.x restricts file access to
		// ~/.n8n-files by default, n8n 1.x not at all.
		const allowed = mkdtempSync(join(tmpdir(), 'plazbot-files-'));
		const folder = join(allowed, 'knowledge');
		const n8n = new N8nInstance({ env: { N8N_RESTRICT_FILE_ACCESS_TO: allowed, ...binaryEnv } });
		let result: ExecutionResult;

		beforeAll(async () => {
			const url = await standIn.start(0);
			mkdirSync(folder, { recursive: true });
			for (const [name, bytes] of Object.entries(PDFS)) writeFileSync(join(folder, name), bytes);
			writeFileSync(join(folder, 'notes.txt'), 'not a PDF: the workflow reads *.pdf only');
			const credential: CredentialSpec = {
				id: 'cred-files',
				name: 'Plazbot stand-in',
				data: { workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl: url },
			};
			await n8n.importCredentials([credential]);
			const workflow = exampleWorkflow('pdfs-to-agent-knowledge.json', credential, n8n.nodeType);
			const read = workflow.nodes.find((node: any) => node.name === 'Read PDFs');
			read.parameters.fileSelector = join(folder, '*.pdf');
			// A shorter interval than the example's 5 s: the stand-in answers "processing" twice per file.
			workflow.nodes.find(
				(node: any) => node.name === 'Wait Until Processed',
			).parameters.pollIntervalSeconds = 1;
			await n8n.importWorkflows([workflow]);
			// One execution: a CLI process costs less than starting `n8n start` for it.
			result = await n8n.executeInCli(WORKFLOW);
		});

		afterAll(async () => {
			await standIn.stop();
			await n8n.dispose();
			rmSync(allowed, { recursive: true, force: true });
		});

		it('runs to the end', () => {
			expectExecutionSucceeded(result);
		});

		it('uploads each PDF as multipart/form-data with its exact bytes, name and type', () => {
			const uploads = standIn.requestsTo('/api/agent/add-file-direct');
			expect(uploads.map((r: any) => r.headers['content-type'])).toEqual(
				Object.keys(PDFS).map(() => expect.stringMatching(/^multipart\/form-data; boundary=/)),
			);
			expect(uploadBodies(uploads)).toEqual(expectedUploadBodies('agent-demo-1', WORKSPACE_ID));
		});

		it('outputs one item per file with its file ID, then waits until each is processed', () => {
			const added = outputOf(result, 'Add File to Agent').map((item) => item.json);
			expect(added.map((json) => json.fileName).sort()).toEqual(Object.keys(PDFS).sort());
			const statuses = outputOf(result, 'Wait Until Processed').map((item) => item.json);
			expect(statuses).toEqual(
				added.map((json) => ({
					fileId: json.fileId,
					status: 'processed',
					processed: true,
					checks: 3,
					waitedSeconds: 2,
					statuses: ['processing', 'processed'],
				})),
			);
			// Each file was checked exactly three times: twice "processing", then "processed".
			const checks = standIn.requestsTo('/api/agent/validate-file');
			expect(checks).toHaveLength(3 * added.length);
			for (const { fileId } of added)
				expect(checks.filter((r: any) => r.query.FileId === fileId)).toHaveLength(3);
		});
	},
);

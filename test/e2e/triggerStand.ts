/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-hardcoded-secrets, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * What the Plazbot Trigger's e2e files share: the stand-in's workspace and number, a workflow with
 * the trigger saved over n8n's REST API, waiting for n8n's background work, and reading an
 * activation's error as the editor shows it.
 */
import { answered, type N8nServer } from './n8n';

export const WORKSPACE_ID = 'ws-e2e-trigger-3c9a';
export const API_KEY = 'key-e2e-trigger-71be04';
export const NUMBER = '51900000001';
export const TRIGGER = 'Plazbot Trigger';
export const WEBHOOK_PATH = `/api/workspace/${WORKSPACE_ID}/whatsapp/numbers/${NUMBER}/webhook`;

export interface SavedWorkflow {
	id: string;
	versionId: string;
	[key: string]: unknown;
}

/** Waits for a condition with a generous deadline: n8n runs webhook executions in the background. */
export async function eventually<T>(
	what: string,
	probe: () => Promise<T | undefined>,
	deadlineMs = 90_000,
): Promise<T> {
	const started = Date.now();
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() - started > deadlineMs) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
}

/** The stand-in's credential and an inactive workflow whose trigger listens to NUMBER. */
export async function saveTriggerWorkflow(
	server: N8nServer,
	standInUrl: string,
	webhookId: string,
): Promise<{ credential: { id: string; name: string }; workflow: SavedWorkflow }> {
	const credential = answered(
		await server.rest('POST', '/credentials', {
			name: 'Plazbot',
			type: 'plazbotApi',
			data: { workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl: standInUrl },
		}),
		'credential creation',
	);
	const workflow = answered(
		await server.rest('POST', '/workflows', {
			name: 'e2e Plazbot Trigger',
			active: false,
			nodes: [
				{
					id: 'plazbot-trigger-node',
					name: TRIGGER,
					type: 'CUSTOM.plazbotTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters: {
						whatsappNumber: {
							__rl: true,
							mode: 'list',
							value: NUMBER,
							cachedResultName: 'WhatsApp Sales (+51900000001)',
						},
					},
					credentials: { plazbotApi: { id: credential.id, name: credential.name } },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		}),
		'workflow creation',
	);
	return { credential, workflow };
}

/**
 * The activation's error as the editor shows it: n8n 1.x answers the activation with it; n8n
 * 2.x's publication service activates in the background and reports it in the workflow's
 * publication status.
 */
export async function activationError(server: N8nServer, target: SavedWorkflow): Promise<string> {
	const answer = await server
		.rest('POST', `/workflows/${target.id}/activate`, { versionId: target.versionId })
		.catch(() => undefined);
	// n8n 1.x has no such route (an HTML page, or 404): it activates with PATCH.
	if (answer === undefined || (answer.code === 404 && answer.data === undefined)) {
		const current = answered(await server.rest('GET', `/workflows/${target.id}`), 'workflow read');
		const patched = await server.rest('PATCH', `/workflows/${target.id}`, {
			active: true,
			versionId: current.versionId,
		});
		if (patched.data !== undefined) throw new Error('n8n 1.x activated the workflow');
		return String(patched.message);
	}
	// Without the publication service (N8N_USE_WORKFLOW_PUBLICATION_SERVICE=false) n8n 2.x
	// activates before answering, and answers with the error.
	if (answer.data === undefined) return String(answer.message);
	let last: unknown;
	return await eventually(
		'the publication to fail',
		async () => {
			const status = (await server.rest('GET', `/workflows/${target.id}/publication-status`)).data;
			last = status;
			const errors = (status?.triggers ?? [])
				.map((trigger: any) => trigger.errorMessage)
				.filter(Boolean);
			return errors.length > 0 ? errors.join('\n') : undefined;
		},
		120_000,
	).catch((error) => {
		throw new Error(`${error.message}; last publication status: ${JSON.stringify(last)}`);
	});
}

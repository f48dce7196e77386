import { NodeApiError } from 'n8n-workflow';

import { WEBHOOK_URL_BODY_FIELD, whatsappNumberWebhookPath } from './apiContract';
import type { PlazbotClient } from './index';

/** Points the number's incoming messages at `url`, replacing any URL set before. */
export async function registerWhatsappWebhook(client: PlazbotClient, number: string, url: string): Promise<void> {
	await client.request({
		method: 'POST',
		path: whatsappNumberWebhookPath(client.workspaceId, number),
		body: { [WEBHOOK_URL_BODY_FIELD]: url },
	});
}

/**
 * Removes the number's webhook. A 404 means there is none (already removed in Plazbot, or the
 * number left the workspace): the goal is reached, so it is not an error.
 */
export async function removeWhatsappWebhook(client: PlazbotClient, number: string): Promise<'removed' | 'absent'> {
	return await client
		.request({ method: 'DELETE', path: whatsappNumberWebhookPath(client.workspaceId, number) })
		.then(() => 'removed' as const)
		.catch((error: unknown) => {
			if (error instanceof NodeApiError && String(error.httpCode) === '404') return 'absent' as const;
			throw error;
		});
}

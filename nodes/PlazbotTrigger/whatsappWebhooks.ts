import {
	WEBHOOK_URL_BODY_FIELD,
	whatsappNumberWebhookPath,
} from '../Plazbot/transport/apiContract';
import type { PlazbotClient } from '../Plazbot/transport/client';

/** Points the number's incoming messages at `url`, replacing any URL set before. */
export async function registerWhatsappWebhook(
	client: PlazbotClient,
	number: string,
	url: string,
): Promise<void> {
	await client.request({
		method: 'POST',
		path: whatsappNumberWebhookPath(client.workspaceId, number),
		body: { [WEBHOOK_URL_BODY_FIELD]: url },
	});
}

/**
 * Removes the number's webhook. A 404 means there is none (already removed in Plazbot, or the
 * number left the workspace): the goal is reached, so it is an expected answer, not an error.
 */
export async function removeWhatsappWebhook(
	client: PlazbotClient,
	number: string,
): Promise<'removed' | 'absent'> {
	const { status } = await client.answer({
		method: 'DELETE',
		path: whatsappNumberWebhookPath(client.workspaceId, number),
		expectedStatuses: [404],
	});
	return status === 404 ? 'absent' : 'removed';
}

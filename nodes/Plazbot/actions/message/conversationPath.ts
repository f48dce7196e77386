import type { IDataObject } from 'n8n-workflow';

import type { PlazbotEnvelope } from '../../helpers/records';
import type { PlazbotClient } from '../../transport/client';
import { SEND_CONVERSATION_PATHS } from '../../transport/apiContract';

/**
 * The Send Conversation path that answered, per client (one client per run). Items already on
 * their way when it is learnt may still try the hub path: its 404 sends nothing, and an item never
 * waits on another (a wait would hold it through the other's Retry-After, or past a stop).
 */
const pathInUse = new WeakMap<PlazbotClient, string>();

/**
 * Posts one Send Conversation, to the hub's path first. A 404 that is not Plazbot's envelope
 * means the server has no such route and sent nothing: the next path is tried, and the one that
 * answers is kept for the rest of the run. Any other answer, a 404 with Plazbot's envelope
 * included ("template not found"), is Plazbot's and is never a reason to send again.
 */
export async function postConversation(
	client: PlazbotClient,
	body: IDataObject,
	itemIndex: number,
): Promise<PlazbotEnvelope> {
	const known = pathInUse.get(client);
	if (known) return await client.request({ method: 'POST', path: known, body }, itemIndex);
	const [hubPath, otherPath] = SEND_CONVERSATION_PATHS;
	const first = await client.answer(
		{ method: 'POST', path: hubPath, body, routeMayBeMissing: true },
		itemIndex,
	);
	if (!first.routeMissing) {
		pathInUse.set(client, hubPath);
		return first.envelope;
	}
	const envelope = await client.request({ method: 'POST', path: otherPath, body }, itemIndex);
	pathInUse.set(client, otherPath);
	return envelope;
}

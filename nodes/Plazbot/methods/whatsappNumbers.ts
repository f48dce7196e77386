import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { whatsappNumbersOf, workspacePath } from '../transport/apiContract';
import { PlazbotClient } from '../transport/client';

/**
 * The workspace's WhatsApp numbers, read from Get Workspace's integrations: a picker for any
 * field that takes one of the workspace's own numbers (the Plazbot Trigger's number, for one).
 */
export async function searchWhatsappNumbers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = await PlazbotClient.create(this, { maxAttempts: 2 });
	// The workspace record, or the bare list holding it as the developer hub shows the answer.
	const numbers = whatsappNumbersOf(
		await client.requestData({ method: 'GET', path: workspacePath(client.workspaceId) }),
	);
	const needle = filter?.trim().toLowerCase().replace(/^\+/, '');
	return {
		results: needle
			? numbers.filter(
					(entry) => entry.name.toLowerCase().includes(needle) || entry.value.includes(needle),
				)
			: numbers,
	};
}

import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { normalizeWhatsappNumber } from '../../helpers/phone';
import type { PlazbotClient } from '../../transport/client';
import {
	conversationCampaignName,
	conversationDestination,
	conversationWasSent,
	LIST_CONVERSATIONS_PATH,
} from '../../transport/apiContract';

/**
 * "Skip Destinations Already Sent": the safe way to resume a campaign whose execution died (an
 * n8n worker killed mid-campaign leaves no run data, and n8n's Retry sends nothing). Re-running
 * the same input with this on sends only what Plazbot does not already list as sent under the
 * campaign name.
 */
export const skipAlreadySentField: INodeProperties = {
	displayName: 'Skip Destinations Already Sent',
	name: 'skipAlreadySent',
	type: 'boolean',
	validateType: 'boolean',
	default: false,
	displayOptions: { show: { sendType: ['campaign', 'api'] } },
	description:
		"Whether to skip destinations that Plazbot already lists as sent under this Campaign Name, to resume a campaign safely after a crash. Reads all of the workspace's conversations once per execution (List Conversations, 20 a request). Do not run two executions of the same campaign at the same time.",
};

/**
 * With the option on, what a destination already sent under the body's campaign name outputs in
 * its place (`skipped: true`); undefined when the message is to be sent.
 */
export async function skipIfAlreadySent(
	client: PlazbotClient,
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const { campaignName, destination, template } = body;
	if (typeof campaignName !== 'string') {
		throw new InvalidInput(
			'Campaign Name',
			'is empty, but Skip Destinations Already Sent needs it to find what was sent',
			'Fill in the Campaign Name the campaign was sent under, or turn Skip Destinations Already Sent off.',
		);
	}
	if (!(await alreadySent(client, campaignName, String(destination), itemIndex))) return undefined;
	return {
		skipped: true,
		reason: 'Already sent under this campaign name',
		destination,
		template,
		campaignName,
	};
}

/**
 * Per execution (one client per execution), the destinations sent under each campaign name: the
 * first item asks, the others wait for the same answer, so the workspace's conversations are
 * listed once per execution and campaign name, not once per item.
 */
const sentByClient = new WeakMap<PlazbotClient, Map<string, Promise<Set<string>>>>();

async function alreadySent(
	client: PlazbotClient,
	campaignName: string,
	destination: string,
	itemIndex: number,
): Promise<boolean> {
	let byCampaign = sentByClient.get(client);
	if (!byCampaign) {
		byCampaign = new Map();
		sentByClient.set(client, byCampaign);
	}
	let sent = byCampaign.get(campaignName);
	if (!sent) {
		sent = destinationsSentUnder(client, campaignName, itemIndex);
		byCampaign.set(campaignName, sent);
	}
	return (await sent).has(destination);
}

/**
 * Every destination Plazbot lists under `campaignName` with a successful send. A conversation
 * Plazbot refused (a non-2xx responseStatus) did not go out, so it is sent again.
 */
async function destinationsSentUnder(
	client: PlazbotClient,
	campaignName: string,
	itemIndex: number,
): Promise<Set<string>> {
	const destinations = new Set<string>();
	const request = {
		method: 'GET' as const,
		path: LIST_CONVERSATIONS_PATH,
		qs: { workspaceId: client.workspaceId },
	};
	for await (const conversation of client.records(request, itemIndex)) {
		if (
			conversationCampaignName(conversation) !== campaignName ||
			!conversationWasSent(conversation)
		)
			continue;
		const normalised = normalizeWhatsappNumber(conversationDestination(conversation));
		if (normalised.ok) destinations.add(normalised.digits);
	}
	return destinations;
}

import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import { describeType, normalizeWhatsappNumber } from '../../helpers/phone';
import type { PlazbotClient } from '../../transport/client';
import { followPages } from '../../helpers/pages';
import { isRecord } from '../../helpers/records';
import {
	CONTINUATION_TOKEN_QUERY,
	CONVERSATION_SENT_STATUS_WORDS,
	LIST_CONVERSATIONS_PATH,
} from '../../transport/apiContract';
import { pageOf } from '../../transport/pagination';

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
 * Plazbot refused (a status code outside 2xx) did not go out, so it is sent again. An answer this
 * cannot read (no list where List Conversations has it, no campaign names, a conversation without
 * a destination, a status it does not know) stops every item of the campaign: reading it as "not
 * sent" would send those messages again.
 */
async function destinationsSentUnder(
	client: PlazbotClient,
	campaignName: string,
	itemIndex: number,
): Promise<Set<string>> {
	const cannotTell = (why: string, hint = CANNOT_TELL_HINT) =>
		new InvalidInput(
			'Skip Destinations Already Sent',
			`cannot tell what was sent under the campaign name "${campaignName}": ${why}`,
			hint,
		);
	const destinations = new Set<string>();
	const request = {
		method: 'GET' as const,
		path: LIST_CONVERSATIONS_PATH,
		qs: { workspaceId: client.workspaceId },
	};
	const pages = followPages(
		async (token) => {
			const qs = { ...request.qs, ...(token ? { [CONTINUATION_TOKEN_QUERY]: token } : {}) };
			const data = (await client.request({ ...request, qs }, itemIndex)).data;
			if (!Array.isArray(data) && !(isRecord(data) && Array.isArray(data.data)))
				throw cannotTell(
					`List Conversations answered without a list in data.data (${shape(data)})`,
				);
			return pageOf(data);
		},
		(message, description) => cannotTell(message, description),
	);
	let records = 0;
	let withCampaignField = 0;
	for await (const conversation of pages) {
		records++;
		if (!isRecord(conversation))
			throw cannotTell(`List Conversations listed ${describeType(conversation)} as a conversation`);
		if ('campaignName' in conversation) withCampaignField++;
		if (conversationCampaignName(conversation) !== campaignName) continue;
		const outcome = conversationSendOutcome(conversation);
		if (outcome === 'refused') continue;
		const label = `the conversation ${typeof conversation.id === 'string' ? `"${conversation.id}" ` : ''}`;
		if (outcome === 'unknown')
			throw cannotTell(
				`${label}has the responseStatus ${JSON.stringify(conversation.responseStatus).slice(0, 60)}, which does not say whether it was sent`,
			);
		const numbers = conversationDestinations(conversation).map(normalizeWhatsappNumber);
		if (!numbers.some((number) => number.ok))
			throw cannotTell(
				`${label}carries no destination number (requestBody.destination or platformSenderPhone)`,
			);
		for (const number of numbers) if (number.ok) destinations.add(number.digits);
	}
	if (records > 0 && withCampaignField === 0)
		throw cannotTell(`none of the ${records} conversations listed carries a campaignName`);
	return destinations;
}

const CANNOT_TELL_HINT =
	'Nothing was sent for this item. Check in Plazbot which messages of the campaign went out, and send the rest without Skip Destinations Already Sent, or report the List Conversations answer to Plazbot support.';

function shape(data: unknown): string {
	if (isRecord(data)) {
		const keys = Object.keys(data).slice(0, 8);
		return keys.length ? `data has ${keys.join(', ')}` : 'data is an empty object';
	}
	return `data is ${describeType(data)}`;
}

/**
 * Reading a List Conversation record (its fields: transport/apiContract.ts). Both places of the
 * destination count as sent: a number wrongly taken as sent is one message not repeated, a
 * number missed is a message sent twice.
 */
function conversationCampaignName(record: Record<string, unknown>): string | undefined {
	return typeof record.campaignName === 'string' ? record.campaignName.trim() : undefined;
}

function conversationDestinations(record: Record<string, unknown>): unknown[] {
	let body: unknown = record.requestBody;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			body = undefined;
		}
	}
	const fromBody =
		typeof body === 'object' && body !== null
			? (body as Record<string, unknown>).destination
			: undefined;
	return [fromBody, record.platformSenderPhone].filter(
		(value) => value !== undefined && value !== null && value !== '',
	);
}

/**
 * `responseStatus` is Plazbot's answer to that send, "text or number" by the hub, its values not
 * documented. A status code (200, "200", "200 OK") reads as its class (2xx sent, 4xx refused,
 * others unknown); a word that says the send
 * went out (OK, Enviado…) as sent; absent as sent (the record exists). Anything else cannot be
 * read, and the caller must not guess that it was not sent.
 */

export function conversationSendOutcome(
	record: Record<string, unknown>,
): 'sent' | 'refused' | 'unknown' {
	const status = record.responseStatus;
	if (status === undefined || status === null || status === '') return 'sent';
	const text =
		typeof status === 'number' ? String(status) : typeof status === 'string' ? status.trim() : '';
	const code = /^\d{3}(?!\d)/.exec(text)?.[0];
	// 4xx: Plazbot refused it. A 5xx may have come after the message went out: cannot tell.
	if (code) {
		const number = Number(code);
		return number >= 200 && number < 300
			? 'sent'
			: number >= 400 && number < 500
				? 'refused'
				: 'unknown';
	}
	const word = text.toLowerCase().replace(/[.!]+$/, '');
	return CONVERSATION_SENT_STATUS_WORDS.includes(word) ? 'sent' : 'unknown';
}

/**
 * Send Conversation → Skip Destinations Already Sent: resuming a campaign by re-running its input,
 * through the router against the stand-in (which records every campaign send and lists it back
 * as List Conversations does).
 */
import { router } from '../../../nodes/Plazbot/actions/router';
import { conversationSendOutcome } from '../../../nodes/Plazbot/actions/message/alreadySent';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const PATH = '/api/message/conversation';
const phone = (n: number) => `51900000${String(n).padStart(3, '0')}`;

/** One execution of the campaign over `phones`, as the user's workflow sends it. */
async function runCampaign(
	phones: string[],
	options: {
		campaignName?: string;
		skipAlreadySent?: boolean | string;
		continueOnFail?: boolean;
	} = {},
) {
	standIn().requests.length = 0;
	const { fns } = fakeExecuteFunctions({
		items: phones.map((p) => ({ phone: p })),
		parameters: (_i, item) => ({
			resource: 'message',
			operation: 'sendConversation',
			template: 'promo_campaign',
			destination: item.phone,
			sendType: 'campaign',
			campaignName: options.campaignName ?? 'Cyber Wow',
			skipAlreadySent: options.skipAlreadySent ?? true,
		}),
		credentials: credentials(),
		continueOnFail: options.continueOnFail,
	});
	const [output] = await router.call(fns);
	const received = standIn().requestsTo(PATH);
	return {
		output,
		sent: received.filter((r) => r.method === 'POST').map((r) => r.body.destination),
		listed: received.filter((r) => r.method === 'GET').map((r) => r.query),
	};
}

describe('Send Conversation with Skip Destinations Already Sent', () => {
	it('reads "false" from an expression as off, and "true" as on', async () => {
		await runCampaign([phone(1)], { skipAlreadySent: 'false' });
		const off = await runCampaign([phone(1), phone(2)], { skipAlreadySent: 'false' });
		expect(off.listed).toEqual([]);
		expect(off.sent).toEqual([phone(1), phone(2)]);
		const on = await runCampaign([phone(1), phone(2), phone(3)], { skipAlreadySent: 'true' });
		expect(on.listed).toHaveLength(1);
		expect(on.sent).toEqual([phone(3)]);
	});

	it('sends only what the campaign has not sent yet, lists conversations once per execution, keeps every item in place', async () => {
		// A first run that died after 25 of 30: more than one page (20) of conversations to read.
		const all = Array.from({ length: 30 }, (_, n) => phone(n));
		await runCampaign(all.slice(0, 25));
		expect(standIn().state.conversations).toHaveLength(25);

		// The resume: the same 30, one of them typed differently from the first run.
		const resumed = [...all];
		resumed[3] = `+51 900 000 003`;
		const { output, sent, listed } = await runCampaign(resumed);

		expect(sent).toEqual(all.slice(25));
		expect(listed).toEqual([
			{ workspaceId: expect.any(String) },
			{ workspaceId: expect.any(String), continuationToken: '20' },
		]);
		expect(output).toHaveLength(30);
		expect(output.map((item) => item.pairedItem)).toEqual(all.map((_, item) => ({ item })));
		expect(output.slice(0, 25).map((item) => item.json)).toEqual(
			all.slice(0, 25).map((destination) => ({
				skipped: true,
				reason: 'Already sent under this campaign name',
				destination,
				template: 'promo_campaign',
				campaignName: 'Cyber Wow',
			})),
		);
		expect(
			output
				.slice(25)
				.every(
					(item) => item.json.skipped === undefined && typeof item.json.contactId === 'string',
				),
		).toBe(true);
		expect([...standIn().state.deliveries.values()].every((count: number) => count === 1)).toBe(
			true,
		);
		expect(standIn().state.deliveries.size).toBe(30);
	});

	it('does not skip a destination sent under another campaign name', async () => {
		await runCampaign([phone(1), phone(2)], { campaignName: 'Summer Sale' });
		const { sent, output } = await runCampaign([phone(1), phone(2), phone(3)]);
		expect(sent).toEqual([phone(1), phone(2), phone(3)]);
		expect(output.some((item) => item.json.skipped)).toBe(false);
	});

	it('sends again a destination whose earlier send Plazbot refused (responseStatus 4xx)', async () => {
		await runCampaign([phone(1)]);
		standIn().state.conversations.push({
			...standIn().state.conversations[0],
			id: 'refused-1',
			requestBody: JSON.stringify({ destination: phone(2), campaignName: 'Cyber Wow' }),
			responseStatus: 400,
		});
		const { sent } = await runCampaign([phone(1), phone(2)]);
		expect(sent).toEqual([phone(2)]);
	});

	it.each([
		['whose destination is only in platformSenderPhone', 'destinationOnlyInPhone'],
		['whose responseStatus is "OK"', 'statusOk'],
		['whose responseStatus is "Enviado"', 'statusEnviado'],
	])('skips a destination listed in a conversation %s', async (_case, conversationShape) => {
		await runCampaign([phone(1), phone(2)]);
		standIn().setFaults({ conversationShape });
		const { sent, output } = await runCampaign([phone(1), phone(2), phone(3)]);
		expect(sent).toEqual([phone(3)]);
		expect(output.map((item) => item.json.skipped)).toEqual([true, true, undefined]);
	});

	it.each([
		[
			'a page whose list is under another key than data.data',
			'listUnderItems',
			'List Conversations answered without a list in data.data (data has workspaceId, continuationToken, newContinuationToken, items)',
		],
		[
			'a responseStatus it does not know',
			'statusUnknown',
			'has the responseStatus "PENDIENTE", which does not say whether it was sent',
		],
		[
			'conversations without campaign names',
			'noCampaignName',
			'none of the 2 conversations listed carries a campaignName',
		],
	])(
		'stops every item, sending nothing, on %s ("cannot tell what was sent")',
		async (_case, conversationShape, why) => {
			await runCampaign([phone(1), phone(2)]);
			standIn().setFaults({ conversationShape });
			const { sent, output } = await runCampaign([phone(1), phone(2), phone(3)], {
				continueOnFail: true,
			});
			expect(sent).toEqual([]);
			expect(output.map((item) => item.json.error)).toEqual(
				[0, 1, 2].map((item) =>
					expect.stringMatching(
						new RegExp(
							`^Skip Destinations Already Sent cannot tell what was sent under the campaign name "Cyber Wow": .*\\[item ${item}\\]$`,
						),
					),
				),
			);
			expect(output[0].json.error).toContain(why);
			expect(output[0].json.description).toMatch(/^Nothing was sent for this item/);
		},
	);

	it('with the option off sends everything again, as before', async () => {
		await runCampaign([phone(1), phone(2)], { skipAlreadySent: false });
		const { sent, listed } = await runCampaign([phone(1), phone(2)], { skipAlreadySent: false });
		expect(sent).toEqual([phone(1), phone(2)]);
		expect(listed).toEqual([]);
	});

	it('refuses to run without a campaign name, naming the field and the item, before sending anything', async () => {
		const { output, sent, listed } = await runCampaign([phone(1), phone(2)], {
			campaignName: '',
			continueOnFail: true,
		});
		expect(sent).toEqual([]);
		expect(listed).toEqual([]);
		expect(output.map((item) => item.json.error)).toEqual([
			'Campaign Name is empty, but Skip Destinations Already Sent needs it to find what was sent [item 0]',
			'Campaign Name is empty, but Skip Destinations Already Sent needs it to find what was sent [item 1]',
		]);
	});
});

describe('conversationSendOutcome', () => {
	it.each([
		[undefined, 'sent'],
		[200, 'sent'],
		['201', 'sent'],
		['200 OK', 'sent'],
		['OK', 'sent'],
		['Enviado.', 'sent'],
		[400, 'refused'],
		['404 Not Found', 'refused'],
		[500, 'unknown'],
		['504', 'unknown'],
		['PENDIENTE', 'unknown'],
		[{ code: 200 }, 'unknown'],
	])('reads responseStatus %p as %s', (responseStatus, outcome) => {
		expect(conversationSendOutcome({ responseStatus })).toBe(outcome);
	});
});

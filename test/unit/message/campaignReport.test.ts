/**
 * Output → Campaign Report on the sending operations, through the router against the stand-in:
 * one summary item, then the failed items paired to their input rows; Each Item (the default,
 * and what a saved workflow without the parameter gets) keeps one output item per input item.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const phone = (n: number) => `51900000${String(n).padStart(3, '0')}`;
const SEND_PATH = '/api/message/conversation';

/** Send Conversation of `destinations` under "Cyber Wow", version 2, as a user's workflow sends it. */
function sendConversation(
	destinations: string[],
	extra: { output?: string; continueOnFail?: boolean; skipAlreadySent?: boolean } = {},
	options: Record<string, unknown> = {},
) {
	return fakeExecuteFunctions({
		items: destinations.map((destination) => ({ destination })),
		parameters: (_i, item) => ({
			resource: 'message',
			operation: 'sendConversation',
			template: { mode: 'name', value: 'promo_campaign' },
			destination: item.destination,
			sendType: 'campaign',
			campaignName: 'Cyber Wow',
			...(extra.skipAlreadySent ? { skipAlreadySent: true } : {}),
			...(extra.output ? { output: extra.output } : {}),
			options,
		}),
		credentials: credentials(),
		continueOnFail: extra.continueOnFail,
		typeVersion: 2,
	}).fns;
}

const summaryOf = (output: INodeExecutionData[]) => output[0].json;
const timing = {
	startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
	finishedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
	durationSeconds: expect.any(Number),
};

describe('Output → Campaign Report', () => {
	it('with Continue On Fail gives one summary and the failed items paired to their rows, by error kind', async () => {
		const rows = [phone(0), 'not a number', phone(2), phone(3), phone(4), phone(5)];
		standIn().setFaults({ byDestination: { [phone(3)]: 'messageObject', [phone(4)]: '429' } });

		const [output] = await router.call(
			sendConversation(
				rows,
				{ output: 'campaignReport', continueOnFail: true },
				{ maxAttempts: 1 },
			),
		);

		expect(output).toHaveLength(4);
		expect(output[0]).toEqual({
			json: {
				operation: 'sendConversation',
				campaignName: 'Cyber Wow',
				total: 6,
				sent: 3,
				failed: 3,
				skipped: 0,
				errorsByKind: { 'invalid input': 1, 'HTTP 400': 1, 'HTTP 429': 1 },
				...timing,
			},
			pairedItem: [0, 1, 2, 3, 4, 5].map((item) => ({ item })),
		});
		expect(output.slice(1).map((item) => [item.pairedItem, item.json.errorKind])).toEqual([
			[{ item: 1 }, 'invalid input'],
			[{ item: 3 }, 'HTTP 400'],
			[{ item: 4 }, 'HTTP 429'],
		]);
		expect(output[1].json.error).toMatch(/^Destination .*\[item 1\]$/);
		expect(output[2].json).toMatchObject({ httpCode: '400' });
		expect(output[3].json).toMatchObject({ httpCode: '429' });
		// What the summary counts as sent is what reached Plazbot, once each.
		expect([...standIn().state.deliveries.keys()].sort()).toEqual([phone(0), phone(2), phone(5)]);
	});

	it('without failures is the summary alone', async () => {
		const rows = [phone(0), phone(1), phone(2)];
		const [output] = await router.call(sendConversation(rows, { output: 'campaignReport' }));

		expect(output).toEqual([
			{
				json: {
					operation: 'sendConversation',
					campaignName: 'Cyber Wow',
					total: 3,
					sent: 3,
					failed: 0,
					skipped: 0,
					errorsByKind: {},
					...timing,
				},
				pairedItem: [{ item: 0 }, { item: 1 }, { item: 2 }],
			},
		]);
		expect(standIn().state.deliveries.size).toBe(3);
	});

	it('counts destinations skipped by Skip Destinations Already Sent apart from the sent ones', async () => {
		await router.call(sendConversation([phone(0), phone(1)]));
		standIn().requests.length = 0;

		const [output] = await router.call(
			sendConversation([phone(0), phone(1), phone(2)], {
				output: 'campaignReport',
				skipAlreadySent: true,
			}),
		);

		expect(summaryOf(output)).toMatchObject({ total: 3, sent: 1, skipped: 2, failed: 0 });
		expect(output).toHaveLength(1);
		expect(
			standIn()
				.requestsTo(SEND_PATH)
				.filter((request) => request.method === 'POST')
				.map((request) => request.body.destination),
		).toEqual([phone(2)]);
	});

	it('with Continue On Fail off still stops the run at the first failure, as Each Item does', async () => {
		const rows = [phone(0), phone(1), phone(2)];
		standIn().setFaults({ byDestination: { [phone(1)]: 'messageObject' } });

		await expect(
			router.call(sendConversation(rows, { output: 'campaignReport' }, { concurrency: 1 })),
		).rejects.toMatchObject({
			httpCode: '400',
			description: expect.stringContaining('The node stopped at this error'),
		});
		expect([...standIn().state.deliveries.keys()]).toEqual([phone(0)]);
	});

	it('Send Message reports too, without a campaign name', async () => {
		// A conversation first: Plazbot sends a text message only to a contact it knows.
		await router.call(sendConversation([phone(0)]));
		const { fns } = fakeExecuteFunctions({
			items: [{ to: phone(0) }, { to: 'x' }],
			parameters: (_i, item) => ({
				resource: 'message',
				operation: 'sendMessage',
				recipientPhone: item.to,
				content: 'Hola',
				output: 'campaignReport',
			}),
			credentials: credentials(),
			continueOnFail: true,
			typeVersion: 2,
		});

		const [output] = await router.call(fns);

		expect(output.map((item) => item.pairedItem)).toEqual([
			[{ item: 0 }, { item: 1 }],
			{ item: 1 },
		]);
		expect(output[0].json).toEqual({
			operation: 'sendMessage',
			total: 2,
			sent: 1,
			failed: 1,
			skipped: 0,
			errorsByKind: { 'invalid input': 1 },
			...timing,
		});
	});
});

describe('Output → Each Item (the default)', () => {
	it('a workflow saved without Output, and one with Each Item, output one item per input item as before', async () => {
		const rows = [phone(0), 'not a number', phone(2)];
		const [saved] = await router.call(sendConversation(rows, { continueOnFail: true }));
		const [chosen] = await router.call(
			sendConversation(rows, { output: 'eachItem', continueOnFail: true }),
		);

		for (const output of [saved, chosen]) {
			expect(output.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			expect(output[0].json).toMatchObject({ destination: phone(0), template: 'promo_campaign' });
			expect(Object.keys(output[1].json).sort()).toEqual(['description', 'error']);
			expect(output[2].json).toMatchObject({ destination: phone(2) });
		}
	});

	it('other operations have no Output parameter and are unaffected', async () => {
		const { fns } = fakeExecuteFunctions({
			items: [{}],
			parameters: { resource: 'workspace', operation: 'get', output: 'campaignReport' },
			credentials: credentials(),
			typeVersion: 2,
		});
		const [output] = await router.call(fns);
		expect(output).toHaveLength(1);
		expect(output[0].json.total).toBeUndefined();
	});
});

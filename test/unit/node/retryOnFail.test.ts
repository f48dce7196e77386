import { NodeHelpers, type INodeParameters } from 'n8n-workflow';

import { router } from '../../../nodes/Plazbot/actions/router';
import { resources } from '../../../nodes/Plazbot/actions/resources';
import { Plazbot } from '../../../nodes/Plazbot/Plazbot.node';
import { fakeExecuteFunctions, TEST_NODE } from '../support/fakeExecuteFunctions';
import { startStandIn } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const campaign = {
	resource: 'message',
	operation: 'sendConversation',
	template: 'welcome',
	sendType: 'campaign',
	campaignName: 'Retry',
};
const rows = Array.from({ length: 4 }, (_, index) => ({ phone: `+51 900 000 00${index}` }));

function run(
	parameters: Record<string, unknown>,
	settings: { retryOnFail?: boolean; continueOnFail?: boolean } = {},
) {
	const { fns, requests } = fakeExecuteFunctions({
		items: rows,
		parameters: (_itemIndex, item) => ({ ...parameters, destination: item.phone }),
		credentials: credentials(),
		continueOnFail: settings.continueOnFail,
		nodeSettings: { retryOnFail: settings.retryOnFail, maxTries: 3 },
	});
	return { requests, result: router.call(fns) };
}

/** What n8n would show in the editor for these parameters: the notices among the fields it displays. */
function noticesShown(parameters: INodeParameters): string[] {
	const description = new Plazbot().description;
	const laidOut = NodeHelpers.getNodeParameters(
		description.properties,
		parameters,
		true,
		false,
		{ ...TEST_NODE, typeVersion: 2 },
		description,
	)!;
	return description.properties
		.filter(
			(property) =>
				property.type === 'notice' &&
				NodeHelpers.displayParameter(
					laidOut,
					property,
					{ ...TEST_NODE, typeVersion: 2 },
					description,
				),
		)
		.map((property) => property.name);
}

describe("n8n's Retry On Fail on an operation that sends or creates", () => {
	it('refuses to run, before any request, with an error that names the setting and Options → Max Attempts', async () => {
		const { requests, result } = run(campaign, { retryOnFail: true });
		await expect(result).rejects.toMatchObject({
			message:
				"Retry On Fail is on in this node's Settings: the node refuses to run, and nothing was sent",
			description: expect.stringContaining('Options → Max Attempts'),
		});
		expect(requests).toHaveLength(0);
		expect(standIn().requests).toHaveLength(0);
	});

	it('with Continue On Fail, every input item comes out once, in order, with the error, and nothing is sent', async () => {
		const { requests, result } = run(campaign, { retryOnFail: true, continueOnFail: true });
		const [output] = await result;
		expect(output.map((item) => item.pairedItem)).toEqual(rows.map((_, item) => ({ item })));
		for (const item of output) {
			expect(item.json).toEqual({
				error:
					"Retry On Fail is on in this node's Settings: the node refuses to run, and nothing was sent",
				description: expect.stringContaining('Turn Retry On Fail off'),
			});
		}
		expect(requests).toHaveLength(0);
	});

	it('refuses for every operation that sends or creates, and only for those', () => {
		const refusing = Object.entries(resources).flatMap(([resource, { operations }]) =>
			Object.entries(operations)
				.filter(([, operation]) => operation.sendsOrCreates)
				.map(([name]) => `${resource}.${name}`),
		);
		expect(refusing.sort()).toEqual([
			'agent.addFile',
			'agent.ask',
			'agent.copy',
			'agent.create',
			'contact.addActivity',
			'contact.create',
			'message.sendConversation',
			'message.sendMessage',
			'opportunity.addActivity',
			'opportunity.addFile',
			'opportunity.create',
			'task.create',
			'template.create',
			'user.create',
			'user.sendResetPassword',
		]);
	});

	it('runs as before when Retry On Fail is off, and a reading operation runs with it on', async () => {
		const off = run(campaign, { retryOnFail: false });
		expect((await off.result)[0]).toHaveLength(4);
		expect(off.requests).toHaveLength(4);
		const reading = run(
			{ resource: 'message', operation: 'getConversations', returnAll: true },
			{
				retryOnFail: true,
			},
		);
		expect((await reading.result)[0].length).toBeGreaterThanOrEqual(0);
		expect(reading.requests.length).toBeGreaterThan(0);
	});

	it('says so in the editor, above the fields of each operation that refuses it', () => {
		expect(noticesShown({ resource: 'message', operation: 'sendConversation' })).toContain(
			'retryOnFailNotice',
		);
		expect(noticesShown({ resource: 'opportunity', operation: 'create' })).toContain(
			'retryOnFailNotice',
		);
		expect(noticesShown({ resource: 'agent', operation: 'create' })).toContain('retryOnFailNotice');
		expect(noticesShown({ resource: 'template', operation: 'create' })).toContain(
			'retryOnFailNotice',
		);
		expect(noticesShown({ resource: 'message', operation: 'getConversations' })).not.toContain(
			'retryOnFailNotice',
		);
		expect(noticesShown({ resource: 'opportunity', operation: 'update' })).not.toContain(
			'retryOnFailNotice',
		);
	});
});

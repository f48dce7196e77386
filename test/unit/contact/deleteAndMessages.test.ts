import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { expectedOutput, startStandIn, WORKSPACE_ID } from '../support/standIn';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildContact } = require('../../stand-in/routes/contact');

const { standIn, credentials } = startStandIn();

const run = (parameters: Record<string, unknown>, extra: { continueOnFail?: boolean } = {}) => {
	const context = fakeExecuteFunctions({
		parameters: { resource: 'contact', ...parameters },
		credentials: credentials(),
		...extra,
	});
	return { ...context, result: router.call(context.fns) };
};

function seedContact(name = 'Ana') {
	const contact = buildContact(standIn().state, WORKSPACE_ID, {
		name,
		internalWhatsappNumber: '51987654321',
	});
	standIn().state.contacts.set(contact.id, contact);
	return contact;
}

describe('Contact → Delete', () => {
	it('deletes the contact through the batch endpoint, with the documented { ids } entry', async () => {
		const contact = seedContact();
		const { requests, result } = run({
			operation: 'delete',
			contactId: { __rl: true, mode: 'list', value: contact.id },
		});
		const [output] = await result;
		expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
			[
				'POST',
				'/api/contact/delete-batch',
				{ workspaceId: WORKSPACE_ID, contactIds: [{ ids: contact.id }] },
			],
		]);
		expect(standIn().state.contacts.has(contact.id)).toBe(false);
		expect(output).toEqual([{ json: { deleted: true, id: contact.id }, pairedItem: { item: 0 } }]);
	});

	it("reports an unknown contact as that item's error with Continue On Fail", async () => {
		const [output] = await run(
			{ operation: 'delete', contactId: 'c-missing' },
			{ continueOnFail: true },
		).result;
		expect(output).toEqual([
			{
				json: expect.objectContaining({
					error: 'Plazbot error 404: Contacto no encontrado: c-missing',
					httpCode: '404',
				}),
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('Contact → Get Messages', () => {
	it("follows the continuation tokens through the contact's messages, to the Limit", async () => {
		const contact = seedContact();
		const other = seedContact('Luis');
		const messages = Array.from({ length: 45 }, (_, i) => ({
			id: `m-${i}`,
			contactId: contact.id,
			workspaceId: WORKSPACE_ID,
			content: `Message ${i}`,
		}));
		standIn().state.messages.push(...messages, {
			id: 'm-other',
			contactId: other.id,
			workspaceId: WORKSPACE_ID,
			content: 'Not this one',
		});

		const { requests, result } = run({
			operation: 'getMessages',
			contactId: contact.id,
			returnAll: true,
		});
		const [output] = await result;
		expect(requests.map((r) => [r.method, r.url, r.qs])).toEqual([
			['GET', '/api/message', { contactId: contact.id }],
			['GET', '/api/message', { contactId: contact.id, continuationToken: '20' }],
			['GET', '/api/message', { contactId: contact.id, continuationToken: '40' }],
		]);
		expect(output.map((item) => item.json)).toEqual(expectedOutput(messages));

		const limited = run({
			operation: 'getMessages',
			contactId: contact.id,
			returnAll: false,
			limit: 5,
		});
		expect((await limited.result)[0].map((item) => item.json.id)).toEqual([
			'm-0',
			'm-1',
			'm-2',
			'm-3',
			'm-4',
		]);
		expect(limited.requests).toHaveLength(1);
	});
});

import { contactNode, locator, seedContact } from './contactTestKit';
import { expectedOutput, startStandIn, WORKSPACE_ID } from '../support/standIn';

describe('Contact → Get', () => {
	describe('when Plazbot answers with the contact in data (newer docs)', () => {
		const { standIn, credentials } = startStandIn();

		it('sends GET /api/contact/{id} and outputs the contact', async () => {
			const contact = seedContact(standIn(), {
				name: 'Ana',
				email: 'ana@example.com',
				platformId: 1,
			});
			const { run, requests } = contactNode(credentials(), 'get', {
				contactId: locator(String(contact.id)),
			});

			const output = await run();

			expect(requests).toHaveLength(1);
			expect(requests[0]).toMatchObject({
				method: 'GET',
				url: `/api/contact/${contact.id}`,
				qs: { workspaceId: WORKSPACE_ID },
			});
			const [received] = standIn().requestsTo(`/api/contact/${contact.id}`);
			expect(received.method).toBe('GET');
			expect(received.query).toEqual({ workspaceId: WORKSPACE_ID });
			expect(output).toEqual([{ json: expectedOutput(contact), pairedItem: { item: 0 } }]);
		});

		it("fails an unknown ID with Plazbot's 404 and a hint", async () => {
			const { run } = contactNode(credentials(), 'get', { contactId: locator('c-unknown', 'id') });
			const error = await run().catch((e) => e);
			expect(error.message).toBe('Plazbot error 404: Contacto no encontrado: c-unknown');
			expect(error.httpCode).toBe('404');
			expect(error.description).toContain('Check the ID you gave');
		});

		it('refuses an empty contact before sending', async () => {
			const { run, requests } = contactNode(credentials(), 'get', { contactId: locator('') });
			await expect(run()).rejects.toThrow('Contact is empty [item 0]');
			expect(requests).toHaveLength(0);
		});

		it('outputs one item per input item, each paired to its item', async () => {
			const ana = seedContact(standIn(), { name: 'Ana' });
			const luis = seedContact(standIn(), { name: 'Luis' });
			const { run } = contactNode(
				credentials(),
				'get',
				(_i, item) => ({ contactId: locator(String(item.id)) }),
				{
					items: [{ id: luis.id }, { id: ana.id }],
				},
			);
			const output = await run();
			expect(output.map((item) => [item.json.name, item.pairedItem])).toEqual([
				['Luis', { item: 0 }],
				['Ana', { item: 1 }],
			]);
		});
	});

	describe('when Plazbot answers { contactId, data: [contact] } (developer hub)', () => {
		const { standIn, credentials } = startStandIn({ contactByIdShape: 'hub' });

		it('outputs the contact inside the list', async () => {
			const contact = seedContact(standIn(), { name: 'Ana' });
			const { run } = contactNode(credentials(), 'get', { contactId: locator(String(contact.id)) });
			const output = await run();
			expect(output).toEqual([{ json: expectedOutput(contact), pairedItem: { item: 0 } }]);
		});
	});
});

import { contactNode, locator, seedContact } from './contactTestKit';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn();

describe('Contact → Add Activity', () => {
	it("sends POST /api/contact/{id}/activities with the note and records it in the contact's history", async () => {
		const contact = seedContact(standIn(), { name: 'Ana' });
		const { run, requests } = contactNode(credentials(), 'addActivity', {
			contactId: locator(String(contact.id)),
			content: '  Invoice #12345 issued\nPaid by card  ',
		});

		const output = await run();

		const path = `/api/contact/${contact.id}/activities`;
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'POST',
			url: path,
			body: { workspaceId: WORKSPACE_ID, content: 'Invoice #12345 issued\nPaid by card' },
		});
		expect(requests[0].qs).toBeUndefined();
		const [received] = standIn().requestsTo(path);
		expect(received.body).toEqual({
			workspaceId: WORKSPACE_ID,
			content: 'Invoice #12345 issued\nPaid by card',
		});
		expect(output).toEqual([
			{
				json: {
					contactId: contact.id,
					success: true,
					message: 'The activity was recorded successfully.',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(
			standIn()
				.state.contactActivities(contact.id)
				.map((a: { content: string }) => a.content),
		).toEqual(['Invoice #12345 issued\nPaid by card']);
	});

	it('refuses a missing contact or an empty note before sending', async () => {
		const contact = seedContact(standIn());
		const noContact = contactNode(credentials(), 'addActivity', {
			contactId: locator(''),
			content: 'Called',
		});
		await expect(noContact.run()).rejects.toThrow('Contact is empty [item 0]');
		const noNote = contactNode(credentials(), 'addActivity', {
			contactId: locator(String(contact.id)),
			content: '   ',
		});
		await expect(noNote.run()).rejects.toThrow('Activity is empty [item 0]');
		expect(standIn().requests).toHaveLength(0);
	});

	it("fails an unknown contact with Plazbot's 404", async () => {
		const { run } = contactNode(credentials(), 'addActivity', {
			contactId: locator('c-unknown', 'id'),
			content: 'Called',
		});
		await expect(run()).rejects.toMatchObject({
			message: 'Plazbot error 404: Contacto no encontrado: c-unknown',
			httpCode: '404',
		});
	});
});

import { buildUpdateContactBody } from '../../../nodes/Plazbot/actions/contact/update.operation';
import { contactNode, locator, seedContact } from './contactTestKit';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn();

describe('buildUpdateContactBody', () => {
	it('keeps only the fields with a value, each under its API name', () => {
		expect(
			buildUpdateContactBody({
				name: ' Ana María ',
				lastname: '',
				email: undefined,
				stageId: 'stage-won',
				segmentationId: 'seg-vip',
			}),
		).toEqual({
			name: 'Ana María',
			stageId: 'stage-won',
			segmentationId: 'seg-vip',
		});
	});
});

describe('Contact → Update', () => {
	it('sends PUT /api/contact?id&workspaceId with only the Update Fields set and outputs the updated contact', async () => {
		const contact = seedContact(standIn(), {
			name: 'Ana',
			lastname: 'Pérez',
			email: 'ana@example.com',
			platformId: 1,
		});
		const { run, requests } = contactNode(credentials(), 'update', {
			contactId: locator(String(contact.id)),
			updateFields: { name: 'Ana María', stageId: 'stage-won' },
		});

		const output = await run();

		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'PUT',
			url: '/api/contact',
			qs: { id: contact.id, workspaceId: WORKSPACE_ID },
			body: { name: 'Ana María', stageId: 'stage-won' },
		});
		const [received] = standIn().requestsTo('/api/contact');
		expect(received.method).toBe('PUT');
		expect(received.query).toEqual({ id: contact.id, workspaceId: WORKSPACE_ID });
		expect(received.body).toEqual({ name: 'Ana María', stageId: 'stage-won' });
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[0].json).toMatchObject({
			id: contact.id,
			name: 'Ana María',
			lastname: 'Pérez',
			email: 'ana@example.com',
			stageId: 'stage-won',
		});
		expect(standIn().state.contacts.get(contact.id)).toMatchObject({
			name: 'Ana María',
			stageId: 'stage-won',
		});
	});

	it('takes the contact ID typed in By ID mode, or a plain ID from an older workflow', async () => {
		const contact = seedContact(standIn(), { name: 'Ana' });
		for (const contactId of [locator(` ${contact.id} `, 'id'), String(contact.id)]) {
			const { run, requests } = contactNode(credentials(), 'update', {
				contactId,
				updateFields: { segmentationId: 'seg-vip' },
			});
			const [item] = await run();
			expect(requests[0].qs).toEqual({ id: contact.id, workspaceId: WORKSPACE_ID });
			expect(item.json.segmentationId).toBe('seg-vip');
		}
	});

	it.each([
		['no Update Fields', {}],
		['only blank Update Fields', { name: '  ', email: '' }],
	])('refuses %s before sending', async (_case, updateFields) => {
		const contact = seedContact(standIn());
		const { run, requests } = contactNode(credentials(), 'update', {
			contactId: locator(String(contact.id)),
			updateFields,
		});
		await expect(run()).rejects.toThrow('Update Fields has no field with a value [item 0]');
		expect(requests).toHaveLength(0);
	});

	it('refuses a missing contact and a bad email before sending', async () => {
		const missing = contactNode(credentials(), 'update', {
			contactId: locator(''),
			updateFields: { name: 'Ana' },
		});
		await expect(missing.run()).rejects.toThrow('Contact is empty [item 0]');
		const contact = seedContact(standIn());
		const badEmail = contactNode(credentials(), 'update', {
			contactId: locator(String(contact.id)),
			updateFields: { email: 'nope' },
		});
		await expect(badEmail.run()).rejects.toThrow('Email "nope" is not an email address [item 0]');
		expect(standIn().requests).toHaveLength(0);
	});

	it("fails an unknown contact with Plazbot's 404", async () => {
		const { run } = contactNode(credentials(), 'update', {
			contactId: locator('c-unknown'),
			updateFields: { name: 'Ana' },
		});
		await expect(run()).rejects.toMatchObject({
			message: 'Plazbot error 404: Contacto no encontrado: c-unknown',
			httpCode: '404',
		});
	});
});

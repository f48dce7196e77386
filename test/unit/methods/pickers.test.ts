import type { ILoadOptionsFunctions } from 'n8n-workflow';

import {
	searchAgents,
	searchContacts,
	searchSegmentations,
	searchStages,
	searchTemplates,
	searchUsers,
} from '../../../nodes/Plazbot/methods/listSearch';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildContact } = require('../../stand-in/routes/contact');

const { standIn, credentials } = startStandIn();

function context() {
	const { fns, requests } = fakeExecuteFunctions({ parameters: {}, credentials: credentials() });
	return { fns: fns as unknown as ILoadOptionsFunctions, requests };
}

describe('Pickers', () => {
	it('finds a contact on a later page by the text typed, reading on page after page', async () => {
		const { state } = standIn();
		for (let i = 1; i <= 70; i++) {
			const contact = buildContact(state, WORKSPACE_ID, {
				name: i === 65 ? 'Zoe' : `Ana ${i}`,
				internalWhatsappNumber: `519870${String(i).padStart(5, '0')}`,
			});
			state.contacts.set(contact.id, contact);
		}
		const { fns, requests } = context();
		const result = await searchContacts.call(fns, 'zoe');
		expect(result.results.map((entry) => entry.name)).toEqual(['Zoe (+51987000065)']);
		expect(requests.map((r) => r.qs?.continuationToken)).toEqual([undefined, '20', '40', '60']);
		expect(result.paginationToken).toBeUndefined();
	});

	it('stops a search after ten pages and hands back the token to go on from', async () => {
		const { state } = standIn();
		for (let i = 1; i <= 230; i++) {
			const contact = buildContact(state, WORKSPACE_ID, {
				name: `Ana ${i}`,
				internalWhatsappNumber: `519870${String(i).padStart(5, '0')}`,
			});
			state.contacts.set(contact.id, contact);
		}
		const { fns, requests } = context();
		const result = await searchContacts.call(fns, 'nobody');
		expect(requests).toHaveLength(10);
		expect(result).toEqual({ results: [], paginationToken: '200' });
	});

	it('lists agents, users, stages and segmentations by name with their IDs, filtered by the text typed', async () => {
		const { fns } = context();
		expect(await searchAgents.call(fns)).toEqual({
			results: [{ name: 'Sales assistant', value: 'agent-demo-1' }],
		});
		expect(await searchAgents.call(fns, 'support')).toEqual({ results: [] });
		expect(await searchUsers.call(fns, 'ana')).toEqual({
			results: [{ name: 'Ana Demo (ana@example.com)', value: 'user-demo-1' }],
		});
		expect((await searchStages.call(fns)).results).toEqual([
			{ name: 'New', value: 'stage-new' },
			{ name: 'Won', value: 'stage-won' },
		]);
		expect((await searchSegmentations.call(fns)).results).toEqual([
			{ name: 'VIP', value: 'seg-vip' },
		]);
	});

	it('lists templates by name, saying which need a File URL', async () => {
		const { fns, requests } = context();
		const result = await searchTemplates.call(fns, 'o');
		expect(requests[0]).toMatchObject({
			method: 'GET',
			url: '/api/template',
			qs: { workspaceId: WORKSPACE_ID },
		});
		expect(result.results).toEqual([
			{ name: 'hello_world (en)', value: 'hello_world' },
			{ name: 'order_confirmation (es)', value: 'order_confirmation' },
			{ name: 'welcome (es)', value: 'welcome' },
			{
				name: 'appointment_reminder (es · DOCUMENT: needs File URL)',
				value: 'appointment_reminder',
			},
			{ name: 'promo_campaign (es · IMAGE: needs File URL)', value: 'promo_campaign' },
		]);
	});

	it('says why the template list failed and that By Name still works', async () => {
		standIn().setFaults({ script: { 1: 'html', 2: 'html' } });
		await expect(searchTemplates.call(context().fns)).rejects.toMatchObject({
			message:
				'Could not list the templates: Plazbot answered HTTP 502 with an HTML page instead of JSON: "502 Bad Gateway" (gave up after 2 attempts)',
			description: expect.stringContaining('Switch the Template field to "By Name"'),
		});
	});
});

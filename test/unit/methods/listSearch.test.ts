import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { searchContacts, searchOpportunities } from '../../../nodes/Plazbot/methods/listSearch';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildContact } = require('../../stand-in/routes/contact');

const { standIn, credentials } = startStandIn();

/** The editor calls list searches with the node's load-options context: credentials, node, HTTP. */
function loadOptionsContext() {
	const { fns, requests } = fakeExecuteFunctions({ parameters: {}, credentials: credentials() });
	return { fns: fns as unknown as ILoadOptionsFunctions, requests };
}

function seedContacts(count: number) {
	const { state } = standIn();
	for (let i = 1; i <= count; i++) {
		const fields =
			i % 2
				? {
						name: `Ana ${i}`,
						lastname: 'Torres',
						internalWhatsappNumber: `5198700${String(i).padStart(4, '0')}`,
					}
				: { name: `Luis ${i}`, lastname: '', email: `luis${i}@example.com`, platformId: 1 };
		const contact = buildContact(state, WORKSPACE_ID, fields);
		state.contacts.set(contact.id, contact);
	}
	return [...state.contacts.values()];
}

describe('Contact picker (searchContacts)', () => {
	it('lists a page of contacts as "name (+number)" or "name (email)", with the token of the next page', async () => {
		const contacts = seedContacts(25);
		const { fns, requests } = loadOptionsContext();

		const first = await searchContacts.call(fns);

		expect(requests[0]).toMatchObject({
			method: 'GET',
			url: '/api/contact',
			qs: { workspaceId: WORKSPACE_ID },
		});
		expect(first.results).toHaveLength(20);
		expect(first.results[0]).toEqual({
			name: 'Ana 1 Torres (+51987000001)',
			value: contacts[0].id,
		});
		expect(first.results[1]).toEqual({ name: 'Luis 2 (luis2@example.com)', value: contacts[1].id });
		expect(first.paginationToken).toBe('20');

		const second = await searchContacts.call(fns, undefined, first.paginationToken as string);
		expect(requests[1].qs).toEqual({ workspaceId: WORKSPACE_ID, continuationToken: '20' });
		expect(second.results.map((entry) => entry.value)).toEqual(contacts.slice(20).map((c) => c.id));
		expect(second.paginationToken).toBeUndefined();
	});

	it('filters the page by the text typed in the search box, by name, number or ID', async () => {
		const contacts = seedContacts(6);
		const { fns } = loadOptionsContext();

		expect((await searchContacts.call(fns, 'luis')).results.map((entry) => entry.name)).toEqual([
			'Luis 2 (luis2@example.com)',
			'Luis 4 (luis4@example.com)',
			'Luis 6 (luis6@example.com)',
		]);
		expect((await searchContacts.call(fns, '0005')).results).toEqual([
			{ name: 'Ana 5 Torres (+51987000005)', value: contacts[4].id },
		]);
	});
});

describe('Opportunity picker (searchOpportunities)', () => {
	it('lists opportunities by name with their IDs', async () => {
		const { state } = standIn();
		state.opportunities.set('o-1', { id: 'o-1', name: 'Annual plan', workspaceId: WORKSPACE_ID });
		state.opportunities.set('o-2', { id: 'o-2', name: 'Pilot', workspaceId: WORKSPACE_ID });
		const { fns, requests } = loadOptionsContext();

		const result = await searchOpportunities.call(fns, 'plan');

		expect(requests[0]).toMatchObject({
			method: 'GET',
			url: '/api/opportunity',
			qs: { workspaceId: WORKSPACE_ID },
		});
		expect(result).toEqual({
			results: [{ name: 'Annual plan', value: 'o-1' }],
			paginationToken: undefined,
		});
	});
});

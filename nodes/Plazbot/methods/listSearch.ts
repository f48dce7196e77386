import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { PlazbotClient, type PlazbotRequest } from '../transport';
import { CONTACT_PATH, OPPORTUNITY_PATH } from '../transport/apiContract';

async function searchRecords(
	fns: ILoadOptionsFunctions,
	request: (workspaceId: string) => PlazbotRequest,
	toEntry: (record: IDataObject) => { name: string; value: string },
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await PlazbotClient.create(fns, { maxAttempts: 2 });
	const page = await client.page(request(client.workspaceId), paginationToken);
	const needle = filter?.trim().toLowerCase();
	const results = page.records
		.map(toEntry)
		.filter((entry) => !needle || entry.name.toLowerCase().includes(needle) || entry.value.toLowerCase().includes(needle));
	return { results, paginationToken: page.nextToken };
}

const text = (...parts: unknown[]) => parts.filter((part) => typeof part === 'string' && part.trim()).join(' ');

/** "Ana Torres (+51987654321)": the name to recognise, the number or email to tell namesakes apart. */
function contactLabel(contact: IDataObject): string {
	const name = text(contact.name, contact.lastname);
	const phone = text(contact.platformSenderPhone ?? contact.internalWhatsappNumber);
	const reach = phone ? `+${phone.replace(/^\+/, '')}` : text(contact.email);
	if (name && reach) return `${name} (${reach})`;
	return name || reach || String(contact.id);
}

export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchRecords(
		this,
		(workspaceId) => ({ method: 'GET', path: CONTACT_PATH, qs: { workspaceId } }),
		(contact) => ({
			name: contactLabel(contact),
			value: String(contact.id),
		}),
		filter,
		paginationToken,
	);
}

export async function searchOpportunities(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchRecords(
		this,
		(workspaceId) => ({ method: 'GET', path: OPPORTUNITY_PATH, qs: { workspaceId } }),
		(opportunity) => ({ name: text(opportunity.name) || String(opportunity.id), value: String(opportunity.id) }),
		filter,
		paginationToken,
	);
}

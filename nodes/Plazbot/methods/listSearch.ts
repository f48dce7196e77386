import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { PlazbotClient, type PlazbotRequest } from '../transport';

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

export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchRecords(
		this,
		(workspaceId) => ({ method: 'GET', path: '/api/contact', qs: { workspaceId } }),
		(contact) => ({
			name: text(contact.name, contact.lastname, contact.platformSenderPhone ?? contact.email) || String(contact.id),
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
		(workspaceId) => ({ method: 'GET', path: '/api/opportunity', qs: { workspaceId } }),
		(opportunity) => ({ name: text(opportunity.name) || String(opportunity.id), value: String(opportunity.id) }),
		filter,
		paginationToken,
	);
}

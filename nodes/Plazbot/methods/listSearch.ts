import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { firstRecord, isRecord, recordsIn } from '../helpers/records';
import { PlazbotClient, type PlazbotRequest } from '../transport/client';
import { listPage } from '../transport/pagination';
import { listTemplates, templateLabel, templateNameOf } from './templates';
import {
	agentsIn,
	AGENT_LIST_PATH,
	CONTACT_PATH,
	OPPORTUNITY_PATH,
	workspacePath,
	workspaceUsersPath,
} from '../transport/apiContract';

/** A search that filters reads on until it has this many matches (one screen of the picker). */
const MATCHES_PER_SEARCH = 20;
/**
 * Pages one search call reads at most before it answers with what it found and a token to go on
 * from: a search in a workspace of 50,000 contacts then never blocks the editor for minutes.
 */
const MAX_PAGES_PER_SEARCH = 10;

type Entry = INodeListSearchItems;

const text = (...parts: unknown[]) =>
	parts.filter((part) => typeof part === 'string' && part.trim()).join(' ');

function matcher(filter?: string): (entry: Entry) => boolean {
	const needle = filter?.trim().toLowerCase();
	return (entry) =>
		!needle ||
		entry.name.toLowerCase().includes(needle) ||
		String(entry.value).toLowerCase().includes(needle);
}

/**
 * A picker over a list Plazbot pages with continuation tokens. Without a filter, one page per call
 * (the editor asks for the next one as the user scrolls). With a filter, it reads page after page
 * until it has a screenful of matches, so a contact on page 40 is found by typing its name.
 */
async function searchPagedRecords(
	fns: ILoadOptionsFunctions,
	request: (workspaceId: string) => PlazbotRequest,
	toEntry: (record: IDataObject) => Entry,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await PlazbotClient.create(fns, { maxAttempts: 2 });
	const matches = matcher(filter);
	const results: Entry[] = [];
	let token = paginationToken;
	for (let pages = 0; pages < (filter?.trim() ? MAX_PAGES_PER_SEARCH : 1); pages++) {
		const page = await listPage(client, request(client.workspaceId), token);
		results.push(...page.records.map(toEntry).filter(matches));
		token = page.nextToken;
		if (!token || token === paginationToken || results.length >= MATCHES_PER_SEARCH) break;
	}
	return { results, paginationToken: token };
}

/** A picker over a list Plazbot answers whole: filtered here, no further pages. */
async function searchWholeList(
	fns: ILoadOptionsFunctions,
	load: (client: PlazbotClient) => Promise<IDataObject[]>,
	toEntry: (record: IDataObject) => Entry,
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = await PlazbotClient.create(fns, { maxAttempts: 2 });
	return { results: (await load(client)).map(toEntry).filter(matcher(filter)) };
}

/**
 * "Ana Torres (+51987654321)": the name to recognise, the number or email to tell namesakes apart.
 */
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
	return await searchPagedRecords(
		this,
		(workspaceId) => ({ method: 'GET', path: CONTACT_PATH, qs: { workspaceId } }),
		(contact) => ({ name: contactLabel(contact), value: String(contact.id) }),
		filter,
		paginationToken,
	);
}

export async function searchOpportunities(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPagedRecords(
		this,
		(workspaceId) => ({ method: 'GET', path: OPPORTUNITY_PATH, qs: { workspaceId } }),
		(opportunity) => ({
			name: text(opportunity.name) || String(opportunity.id),
			value: String(opportunity.id),
		}),
		filter,
		paginationToken,
	);
}

export async function searchAgents(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchWholeList(
		this,
		async (client) =>
			agentsIn(
				await client.request({
					method: 'GET',
					path: AGENT_LIST_PATH,
					qs: { workspaceId: client.workspaceId },
				}),
			),
		(agent) => ({ name: text(agent.name) || String(agent.id), value: String(agent.id) }),
		filter,
	);
}

/** "Ana Demo (ana@example.com)" for the workspace's users: sales reps and task assignees. */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchWholeList(
		this,
		async (client) =>
			recordsIn(
				await client.requestData({ method: 'GET', path: workspaceUsersPath(client.workspaceId) }),
			),
		(user) => {
			const name = text(user.name, user.lastName);
			const email = text(user.email);
			return {
				name: name && email ? `${name} (${email})` : name || email || String(user.id),
				value: String(user.id),
			};
		},
		filter,
	);
}

/**
 * The workspace record (Get Workspace by ID): the hub answers it bare in a list, the newer docs in
 * `data`.
 */
async function workspaceRecord(client: PlazbotClient): Promise<IDataObject> {
	const record = firstRecord(
		await client.requestData({ method: 'GET', path: workspacePath(client.workspaceId) }),
	);
	return isRecord(record) ? record : {};
}

/** Stages and segmentations come with Workspace → Get; one picker per list. */
function workspaceListSearch(field: string, alternatives: string[] = []) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
	): Promise<INodeListSearchResult> {
		return await searchWholeList(
			this,
			async (client) => {
				const workspace = await workspaceRecord(client);
				const list = [field, ...alternatives].map((name) => workspace[name]).find(Array.isArray);
				return (list ?? []).filter(isRecord);
			},
			(entry) => ({ name: text(entry.name) || String(entry.id), value: String(entry.id) }),
			filter,
		);
	};
}

export const searchStages = workspaceListSearch('masterOfStates', ['stages']);
export const searchSegmentations = workspaceListSearch('segmentations', ['masterOfSegmentations']);

/**
 * Templates by name (Send Conversation sends the name). When Plazbot does not list them, the
 * picker says why and that By Name still works.
 */
export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	try {
		return await searchWholeList(
			this,
			listTemplates,
			(template) => ({
				name: templateLabel(template),
				value: templateNameOf(template),
			}),
			filter,
		);
	} catch (error) {
		throw new NodeOperationError(
			this.getNode(),
			`Could not list the templates: ${(error as Error).message}`,
			{
				description:
					'Switch the Template field to "By Name" and type the template\'s name as it is in Plazbot; sending works without the list.',
			},
		);
	}
}

/** Templates by ID (Template → Get and Update), from the same list as searchTemplates. */
export async function searchTemplateIds(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	return await searchWholeList(
		this,
		listTemplates,
		(template) => ({ name: templateLabel(template), value: String(template.id) }),
		filter,
	);
}

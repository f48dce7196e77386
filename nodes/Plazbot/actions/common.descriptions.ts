import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DeliveryPolicy, PlazbotClient } from '../transport';
import { DEFAULT_DELIVERY_POLICY } from '../transport';
import { recordPath } from '../transport/apiContract';

export const DEFAULT_CONCURRENCY = DEFAULT_DELIVERY_POLICY.maxInFlight;
/**
 * Items handled at once, per request slot: an item waiting out a Retry-After or a backoff frees
 * its slot, and the extra items keep the slots busy meanwhile. With 4, a campaign with 10% of
 * requests answered 429 (Retry-After 1 s) ran short of items to send while the retries waited
 * (9.2 s against 8.0 s with 10, bench/run.js); an item costs only its parameters while it waits.
 */
const ITEMS_PER_REQUEST_SLOT = 10;
// Plain identifiers, not member expressions: n8n's lint only accepts literals or identifiers as a
// parameter's default.
const DEFAULT_MAX_ATTEMPTS = DEFAULT_DELIVERY_POLICY.maxAttempts;
const DEFAULT_TIMEOUT_MS = DEFAULT_DELIVERY_POLICY.timeoutMs;

/**
 * Delivery options shared by every operation: how many requests run at once, throttling and
 * retries. Read once per execution from the first item.
 */
export const deliveryOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: DEFAULT_CONCURRENCY,
			description:
				'How many requests to Plazbot run at the same time. An item waiting to retry does not take a place. Output order always matches input order.',
		},
		{
			displayName: 'Delay Between Requests',
			name: 'delayBetweenRequests',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Smallest pause between the start of one request and the next, in milliseconds',
		},
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: DEFAULT_MAX_ATTEMPTS,
			description:
				'How many times to try a request that Plazbot answers with 429 (rate limited) or 502/503/504 (temporarily unavailable). Waits as Plazbot asks (Retry-After), otherwise backs off exponentially. 1 turns retries off.',
		},
		{
			displayName: 'Rate Limit',
			name: 'rateLimit',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'Most requests to send per Rate Limit Interval, spread evenly. 0 means no limit. Useful on low WhatsApp messaging tiers.',
		},
		{
			displayName: 'Rate Limit Interval',
			name: 'rateLimitInterval',
			type: 'options',
			options: [
				{ name: 'Per Second', value: 'second' },
				{ name: 'Per Minute', value: 'minute' },
			],
			default: 'second',
			description: 'The period that Rate Limit counts requests in',
		},
		{
			displayName: 'Retry on Connection Drop',
			name: 'retryOnConnectionDrop',
			type: 'boolean',
			default: false,
			description:
				'Whether to retry a request whose connection dropped or timed out after it was sent. Plazbot may already have processed it, so a retry can send the same message twice.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: DEFAULT_TIMEOUT_MS,
			description: 'How long to wait for Plazbot to answer one request, in milliseconds',
		},
	],
};

export interface DeliverySettings {
	/** How many items the router handles at once. */
	itemLanes: number;
	policy: Partial<DeliveryPolicy>;
}

export function readDeliverySettings(fns: IExecuteFunctions): DeliverySettings {
	const options = fns.getNodeParameter('options', 0, {}) as {
		concurrency?: number;
		delayBetweenRequests?: number;
		maxAttempts?: number;
		rateLimit?: number;
		rateLimitInterval?: 'second' | 'minute';
		retryOnConnectionDrop?: boolean;
		timeout?: number;
	};
	const intervalMs = options.rateLimitInterval === 'minute' ? 60_000 : 1_000;
	const rateSpacing = options.rateLimit && options.rateLimit > 0 ? intervalMs / options.rateLimit : 0;
	const concurrency = positiveInteger(options.concurrency, DEFAULT_CONCURRENCY);
	return {
		itemLanes: concurrency * ITEMS_PER_REQUEST_SLOT,
		policy: {
			maxInFlight: concurrency,
			maxAttempts: positiveInteger(options.maxAttempts, DEFAULT_MAX_ATTEMPTS),
			retryOnConnectionDrop: options.retryOnConnectionDrop ?? false,
			timeoutMs: positiveInteger(options.timeout, DEFAULT_TIMEOUT_MS),
			minSpacingMs: Math.max(rateSpacing, Math.max(0, options.delayBetweenRequests ?? 0)),
		},
	};
}

function positiveInteger(value: number | undefined, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

/** Return All / Limit, as every n8n list operation offers them. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

/** Undefined means "all": the value the transport's `collect` takes. */
export function readLimit(fns: IExecuteFunctions, itemIndex: number): number | undefined {
	if (fns.getNodeParameter('returnAll', itemIndex, false) as boolean) return undefined;
	return fns.getNodeParameter('limit', itemIndex, 50) as number;
}

/**
 * Get Many for a workspace's records at `path`: follows Plazbot's continuation tokens to the end,
 * or to the Limit, one output item per record.
 */
export async function listWorkspaceRecords(
	fns: IExecuteFunctions,
	client: PlazbotClient,
	path: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	return await client.collect({ method: 'GET', path, qs: { workspaceId: client.workspaceId } }, readLimit(fns, itemIndex), itemIndex);
}

/**
 * An ID field with a searchable list beside it, as Airtable v2 offers for bases and tables. Typing
 * the ID is always possible.
 */
export function idLocator(options: {
	name: string;
	displayName: string;
	searchListMethod: string;
	description: string;
	required?: boolean;
	placeholder?: string;
}): INodeProperties {
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: options.required ?? true,
		description: options.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: options.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.placeholder ?? 'e.g. 65f1c0e2a9b4d3f1e2c0a9b4',
			},
		],
	};
}

/** The contact a new record belongs to, as an optional entry of Additional Fields. */
/** The contact picker (parameter `contactId`) every resource uses. */
/** A required email address field named `email`, as contact and user operations take it. */
export function emailField(description: string): INodeProperties {
	return {
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description,
	};
}

export function contactLocator(description: string, required = true): INodeProperties {
	return idLocator({ name: 'contactId', displayName: 'Contact', searchListMethod: 'searchContacts', description, required });
}

/** The optional contact a record (opportunity, task) belongs to, inside Additional Fields. */
export const contactOption: INodeProperties = contactLocator(
	'The Plazbot contact this record belongs to, picked from the list or given by its ID',
	false,
);

export const opportunityLocator: INodeProperties = idLocator({
	name: 'opportunityId',
	displayName: 'Opportunity',
	searchListMethod: 'searchOpportunities',
	description: 'The opportunity, picked from the list or given by its Plazbot ID',
});

export const taskIdField: INodeProperties = {
	displayName: 'Task ID',
	name: 'taskId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 65f1c0e2a9b4d3f1e2c0a9b4',
	description: 'The Plazbot ID of the task, as Create Task returns it in taskId',
};

/**
 * Get by ID for records that live at `<collection>/<id>` (opportunities, tasks). Some of Plazbot's
 * examples wrap the record in a one-element list; the record itself is output either way.
 */
export async function getRecordById(
	client: PlazbotClient,
	collectionPath: string,
	id: string,
	itemIndex: number,
): Promise<IDataObject> {
	const data = await client.requestData(
		{ method: 'GET', path: recordPath(collectionPath, id), qs: { workspaceId: client.workspaceId } },
		itemIndex,
	);
	const record: unknown = Array.isArray(data) ? data[0] : data;
	if (typeof record !== 'object' || record === null || Array.isArray(record)) {
		throw new Error(`Plazbot answered without a record for the ID "${id}"`);
	}
	return record as IDataObject;
}

/** Delete for records at `<collection>/<id>`. Plazbot's answer carries no record, so the ID is echoed. */
export async function deleteRecordById(
	client: PlazbotClient,
	collectionPath: string,
	id: string,
	itemIndex: number,
): Promise<IDataObject> {
	await client.request(
		{ method: 'DELETE', path: recordPath(collectionPath, id), qs: { workspaceId: client.workspaceId } },
		itemIndex,
	);
	return { deleted: true, id };
}

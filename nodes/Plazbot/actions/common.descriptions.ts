import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { DeliveryPolicy } from '../transport';
import { DEFAULT_DELIVERY_POLICY } from '../transport';

export const DEFAULT_CONCURRENCY = 5;

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
				'How many requests to Plazbot run at the same time. Output order always matches input order.',
		},
		{
			displayName: 'Delay Between Requests (Ms)',
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
			default: DEFAULT_DELIVERY_POLICY.maxAttempts,
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
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: DEFAULT_DELIVERY_POLICY.timeoutMs,
			description: 'How long to wait for Plazbot to answer one request, in milliseconds',
		},
	],
};

export interface DeliverySettings {
	concurrency: number;
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
	return {
		concurrency: positiveInteger(options.concurrency, DEFAULT_CONCURRENCY),
		policy: {
			maxAttempts: positiveInteger(options.maxAttempts, DEFAULT_DELIVERY_POLICY.maxAttempts),
			retryOnConnectionDrop: options.retryOnConnectionDrop ?? false,
			timeoutMs: positiveInteger(options.timeout, DEFAULT_DELIVERY_POLICY.timeoutMs),
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

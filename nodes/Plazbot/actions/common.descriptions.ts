/** Parameter descriptions shared by several operations. What runs lives in common.runtime.ts. */
import type { DisplayCondition, INodeProperties } from 'n8n-workflow';

import { DEFAULT_DELIVERY_POLICY } from '../transport/policy';
import { ADAPTIVE_CONCURRENCY_CEILING } from '../helpers/adaptiveConcurrency';

export const DEFAULT_CONCURRENCY = DEFAULT_DELIVERY_POLICY.maxInFlight;
// Plain identifiers, not member expressions: n8n's lint only accepts literals or identifiers as a
// parameter's default.
const DEFAULT_MAX_ATTEMPTS = DEFAULT_DELIVERY_POLICY.maxAttempts;
const DEFAULT_TIMEOUT_MS = DEFAULT_DELIVERY_POLICY.timeoutMs;

/**
 * Rate Control. Version 1 keeps "Fixed", what it always did; version 2 starts "Adaptive". n8n
 * does not save an option left at its default, so the default per version is also the one
 * common.runtime.ts applies when the option is absent (rateControlFor).
 */
export const RATE_CONTROL_DEFAULT_V1 = 'fixed';
export const RATE_CONTROL_DEFAULT_FROM_V2 = 'adaptive';

function rateControlOption(
	defaultValue: string,
	versions: Array<number | DisplayCondition>,
): INodeProperties {
	return {
		displayName: 'Rate Control',
		name: 'rateControl',
		type: 'options',
		options: [
			{
				name: 'Adaptive',
				value: 'adaptive',
				description: `Find how many requests to keep in flight from Plazbot's answers: more while they stay fast and successful, fewer on 429 (rate limited) or when answers slow down. Up to ${ADAPTIVE_CONCURRENCY_CEILING} at once, or up to Concurrency when you set it. Each execution adapts on its own, so many executions settle under Plazbot's limit together.`,
			},
			{
				name: 'Fixed',
				value: 'fixed',
				description: 'Send as fast as Concurrency, Rate Limit and Delay Between Requests allow',
			},
		],
		default: defaultValue,
		displayOptions: { show: { '@version': versions } },
		description: 'How this execution paces its requests to Plazbot',
	};
}

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
		rateControlOption(RATE_CONTROL_DEFAULT_V1, [1]),
		rateControlOption(RATE_CONTROL_DEFAULT_FROM_V2, [{ _cnd: { gte: 2 } }]),
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			validateType: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: DEFAULT_CONCURRENCY,
			description: `How many requests to Plazbot run at the same time (with Rate Control Adaptive: at most this many; unset, Adaptive goes up to ${ADAPTIVE_CONCURRENCY_CEILING}). An item waiting to retry does not take a place. Output order always matches input order.`,
		},
		{
			displayName: 'Delay Between Requests',
			name: 'delayBetweenRequests',
			type: 'number',
			validateType: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: 'Smallest pause between the start of one request and the next, in milliseconds',
		},
		{
			displayName: 'Max Attempts',
			name: 'maxAttempts',
			type: 'number',
			validateType: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: DEFAULT_MAX_ATTEMPTS,
			description:
				'How many times to try a request that Plazbot answers with 429 (rate limited) or 503 (temporarily unavailable), and a read answered 502/504. Waits as Plazbot asks (Retry-After, up to 5 minutes), otherwise backs off exponentially. 1 turns retries off.',
		},
		{
			displayName: 'Rate Limit',
			name: 'rateLimit',
			type: 'number',
			validateType: 'number',
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
			validateType: 'boolean',
			default: false,
			description:
				'Whether to retry a request that sends or changes something when its connection dropped, it timed out, or a gateway answered 502/504 after it was sent. Plazbot may already have processed it, so a retry can send the same message twice.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			validateType: 'number',
			typeOptions: { minValue: 1000 },
			default: DEFAULT_TIMEOUT_MS,
			description: 'How long to wait for Plazbot to answer one request, in milliseconds',
		},
	],
};

/** Return All / Limit, as every n8n list operation offers them. */
export const returnAllOrLimit: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		validateType: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		validateType: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

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

/** The contact picker (parameter `contactId`) every resource uses. */
export function contactLocator(description: string, required = true): INodeProperties {
	return idLocator({
		name: 'contactId',
		displayName: 'Contact',
		searchListMethod: 'searchContacts',
		description,
		required,
	});
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
	description: 'The Plazbot ID of the task, as Task → Create returns it in taskId',
};

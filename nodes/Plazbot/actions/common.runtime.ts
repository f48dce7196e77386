/** What several operations run: delivery settings, lists, get and delete by ID. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { PlazbotClient } from '../transport/client';
import type { DeliveryPolicy } from '../transport/policy';
import { DEFAULT_DELIVERY_POLICY } from '../transport/policy';
import { recordPath } from '../transport/apiContract';
import { collectList } from '../transport/pagination';
import { ADAPTIVE_CONCURRENCY_CEILING } from '../helpers/adaptiveConcurrency';
import { asBoolean, asNumber } from '../helpers/coerce';
import { InvalidInput } from '../helpers/errors';
import { firstRecord, isRecord } from '../helpers/records';
import {
	DEFAULT_CONCURRENCY,
	deliveryOptions,
	RATE_CONTROL_DEFAULT_FROM_V2,
	RATE_CONTROL_DEFAULT_V1,
} from './common.descriptions';

/**
 * Items handled at once, per request slot: an item waiting out a Retry-After or a backoff frees
 * its slot, and the extra items keep the slots busy meanwhile. With 4, a campaign with 10% of
 * requests answered 429 (Retry-After 1 s) ran short of items to send while the retries waited
 * (9.2 s against 8.0 s with 10, bench/run.js); an item costs only its parameters while it waits.
 */
const ITEMS_PER_REQUEST_SLOT = 10;
const DEFAULT_MAX_ATTEMPTS = DEFAULT_DELIVERY_POLICY.maxAttempts;
const DEFAULT_TIMEOUT_MS = DEFAULT_DELIVERY_POLICY.timeoutMs;

export interface DeliverySettings {
	/** How many items the router handles at once. */
	itemLanes: number;
	policy: Partial<DeliveryPolicy>;
}

/** The delivery Options, read once per run from the first item. */
export function readDeliverySettings(fns: IExecuteFunctions): DeliverySettings {
	const options = (fns.getNodeParameter('options', 0, {}) ?? {}) as IDataObject;
	const field = (name: string) => `Options → ${deliveryOptionLabel(name)}`;
	const intervalMs = options.rateLimitInterval === 'minute' ? 60_000 : 1_000;
	const rateLimit = asNumber(options.rateLimit, field('rateLimit'), 0, { min: 0 });
	const rateSpacing = rateLimit > 0 ? intervalMs / rateLimit : 0;
	const adaptive =
		rateControlFor(fns.getNode().typeVersion, options.rateControl, field('rateControl')) ===
		'adaptive';
	// Adaptive finds the window itself: up to its ceiling, or up to the Concurrency the user set.
	// Fixed keeps the default Concurrency that workflows saved without the option always had.
	const concurrency = asNumber(
		options.concurrency,
		field('concurrency'),
		adaptive ? ADAPTIVE_CONCURRENCY_CEILING : DEFAULT_CONCURRENCY,
		{ min: 1, max: 50, integer: true },
	);
	return {
		itemLanes: concurrency * ITEMS_PER_REQUEST_SLOT,
		policy: {
			maxInFlight: concurrency,
			maxAttempts: asNumber(options.maxAttempts, field('maxAttempts'), DEFAULT_MAX_ATTEMPTS, {
				min: 1,
				max: 10,
				integer: true,
			}),
			retryOnConnectionDrop: asBoolean(
				options.retryOnConnectionDrop,
				field('retryOnConnectionDrop'),
				false,
			),
			timeoutMs: asNumber(options.timeout, field('timeout'), DEFAULT_TIMEOUT_MS, {
				min: 1,
				integer: true,
			}),
			minSpacingMs: Math.max(
				rateSpacing,
				asNumber(options.delayBetweenRequests, field('delayBetweenRequests'), 0, { min: 0 }),
			),
			adaptive,
		},
	};
}

/**
 * The Rate Control a run uses: the option when set, otherwise its default for the node's version
 * (n8n does not save an option left at its default).
 */
export function rateControlFor(
	typeVersion: number,
	option: unknown,
	field = 'Options → Rate Control',
): string {
	if (option === undefined || option === null || option === '')
		return typeVersion >= 2 ? RATE_CONTROL_DEFAULT_FROM_V2 : RATE_CONTROL_DEFAULT_V1;
	if (option === 'adaptive' || option === 'fixed') return option;
	throw new InvalidInput(
		field,
		`is "${String(option)}", not adaptive or fixed`,
		'Choose Adaptive or Fixed.',
	);
}

function deliveryOptionLabel(name: string): string {
	const option = deliveryOptions.options?.find((entry) => entry.name === name);
	return option && 'displayName' in option ? option.displayName : name;
}

/** Undefined means "all": the value the transport's `collect` takes. */
export function readLimit(fns: IExecuteFunctions, itemIndex: number): number | undefined {
	if (asBoolean(fns.getNodeParameter('returnAll', itemIndex, false), 'Return All', false))
		return undefined;
	return asNumber(fns.getNodeParameter('limit', itemIndex, 50), 'Limit', 50, {
		min: 1,
		integer: true,
	});
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
	return await collectList(
		client,
		{ method: 'GET', path, qs: { workspaceId: client.workspaceId } },
		readLimit(fns, itemIndex),
		itemIndex,
	);
}

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
		{
			method: 'GET',
			path: recordPath(collectionPath, id),
			qs: { workspaceId: client.workspaceId },
		},
		itemIndex,
	);
	const record = firstRecord(data);
	if (!isRecord(record)) throw new Error(`Plazbot answered without a record for the ID "${id}"`);
	return record;
}

/**
 * Delete for records at `<collection>/<id>`. Plazbot's answer carries no record, so the ID is
 * echoed.
 */
export async function deleteRecordById(
	client: PlazbotClient,
	collectionPath: string,
	id: string,
	itemIndex: number,
): Promise<IDataObject> {
	await client.request(
		{
			method: 'DELETE',
			path: recordPath(collectionPath, id),
			qs: { workspaceId: client.workspaceId },
		},
		itemIndex,
	);
	return { deleted: true, id };
}

import type { IDataObject } from 'n8n-workflow';

import { UnreadableAnswer } from './errors';

/** A JSON object: what Plazbot's records are (not null, not a list). */
export function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A list answer read: its records, and the objects that held them, innermost first (for tokens).
 */
export interface ListAnswer {
	records: IDataObject[];
	containers: IDataObject[];
}

/** How deep a list may sit in `data.data…`: the sources show at most `data.data.data`. */
const MAX_LIST_DEPTH = 3;

/**
 * The records of a list answer's `data`, in every shape Plazbot's sources show: the list itself
 * (docs, SDK), `{ data: [..] }` (hub, docs: pages with a continuation token), `{ data: { data: [..]
 * } }` (a third party reads `data.data.data`), and `null` for an empty list. Undefined when `data`
 * is none of these (text, an object without a list, a list with no record in it): the caller must
 * say so instead of reporting an empty list.
 */
export function listIn(data: unknown, depth = 0): ListAnswer | undefined {
	if (data === null || data === undefined) return { records: [], containers: [] };
	if (Array.isArray(data)) {
		const records = data.filter(isRecord);
		// A list of IDs or text is not a list of records; a stray null among records is skipped.
		return records.length || !data.length ? { records, containers: [] } : undefined;
	}
	if (!isRecord(data) || depth >= MAX_LIST_DEPTH || !('data' in data)) return undefined;
	const inner = listIn(data.data, depth + 1);
	return inner && { records: inner.records, containers: [...inner.containers, data] };
}

/**
 * The records of a list answer (see listIn); an answer in no known shape is an UnreadableAnswer.
 */
export function recordsIn(data: unknown, what = 'list'): IDataObject[] {
	const list = listIn(data);
	if (!list) throw unreadableList(data, what);
	return list.records;
}

export function unreadableList(data: unknown, what: string): UnreadableAnswer {
	const shape = Array.isArray(data)
		? 'a list whose entries are not records'
		: isRecord(data)
			? `an object with ${Object.keys(data).slice(0, 8).join(', ') || 'no fields'} and no list of records`
			: `${typeof data}`;
	return new UnreadableAnswer(
		`Plazbot answered the ${what} in a shape the node cannot read (${shape})`,
		"Nothing was left out silently: the node stopped instead. Report the answer to Plazbot support, or to the node's maintainers with the shape named here.",
	);
}

/**
 * The record of a single-record answer: `data` itself, or the first entry of a bare list, as some
 * of Plazbot's documented examples give it (Workspace by ID, Opportunity by ID, Update Password).
 */
export function firstRecord(data: unknown): unknown {
	return Array.isArray(data) ? data[0] : data;
}

/** Plazbot wraps its answers in this envelope. */
export interface PlazbotEnvelope {
	success?: boolean;
	code?: number;
	errorCode?: string | null;
	message?: string;
	data?: unknown;
}

/** The envelope of a JSON answer; a bare record or list (hub Workspace by ID) is the data. */
export function asEnvelope(parsed: unknown): PlazbotEnvelope | undefined {
	if (Array.isArray(parsed)) return { success: true, data: parsed };
	if (!isRecord(parsed)) return undefined;
	if ('success' in parsed || 'data' in parsed) return parsed as PlazbotEnvelope;
	return { success: true, data: parsed };
}

/** `success: false`, also as text or 0. */
export function refused({ success }: { success?: unknown }): boolean {
	return (
		success === false ||
		success === 0 ||
		(typeof success === 'string' && success.trim().toLowerCase() === 'false')
	);
}

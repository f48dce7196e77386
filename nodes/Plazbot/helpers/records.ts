import type { IDataObject } from 'n8n-workflow';

/** A JSON object: what Plazbot's records are (not null, not a list). */
export function isRecord(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The records of a list answer: `data` is the list itself, or an object holding it in `data`. */
export function recordsIn(data: unknown): IDataObject[] {
	if (Array.isArray(data)) return data.filter(isRecord);
	if (isRecord(data) && Array.isArray(data.data)) return data.data.filter(isRecord);
	return [];
}

/**
 * The record of a single-record answer: `data` itself, or the first entry of a bare list, as some
 * of Plazbot's documented examples give it (Workspace by ID, Opportunity by ID, Update Password).
 */
export function firstRecord(data: unknown): unknown {
	return Array.isArray(data) ? data[0] : data;
}

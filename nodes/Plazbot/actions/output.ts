import type { IDataObject } from 'n8n-workflow';

import { isRecord, type PlazbotEnvelope } from '../helpers/records';

/**
 * What an operation outputs for a single-record answer: the record in `data` when there is one,
 * otherwise Plazbot's confirmation, so that every item carries something a user can map.
 */
export function envelopeOutput(envelope: PlazbotEnvelope): IDataObject {
	const { data } = envelope;
	if (isRecord(data)) return data;
	return {
		success: envelope.success ?? true,
		...(envelope.message !== undefined ? { message: envelope.message } : {}),
		...(data !== undefined && data !== null ? { data: data as IDataObject } : {}),
	};
}

/**
 * What a get-one operation outputs: the record, also when Plazbot answers it as the only entry of
 * a bare list (the documented Workspace by ID and Opportunity by ID answers).
 */
export function recordOutput(envelope: PlazbotEnvelope): IDataObject {
	const { data } = envelope;
	if (Array.isArray(data) && data.length === 1 && isRecord(data[0])) return data[0];
	return envelopeOutput(envelope);
}

import type { IDataObject } from 'n8n-workflow';

import type { PlazbotEnvelope } from '../transport';

/**
 * What an operation outputs for a single-record answer: the record in `data` when there is one,
 * otherwise Plazbot's confirmation, so that every item carries something a user can map.
 */
export function envelopeOutput(envelope: PlazbotEnvelope): IDataObject {
	const { data } = envelope;
	if (typeof data === 'object' && data !== null && !Array.isArray(data)) return data as IDataObject;
	return {
		success: envelope.success ?? true,
		...(envelope.message !== undefined ? { message: envelope.message } : {}),
		...(data !== undefined && data !== null ? { data: data as IDataObject } : {}),
	};
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PlazbotClient } from '../transport/client';

/**
 * Every `<operation>.operation.ts` exports this shape. `execute` handles one input item and
 * returns its output: one object, or a list that becomes one n8n item per record. The router
 * owns concurrency, pairing and Continue On Fail, so operations never repeat them.
 */
export interface PlazbotOperation {
	description: INodeProperties[];
	/**
	 * The operation sends a message or creates a record each time it runs (running it again is not
	 * harmless): it refuses n8n's Retry On Fail (see actions/retryOnFail.ts).
	 */
	sendsOrCreates?: boolean;
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		client: PlazbotClient,
	): Promise<IDataObject | IDataObject[]>;
}

export type PlazbotResource = Record<string, PlazbotOperation>;

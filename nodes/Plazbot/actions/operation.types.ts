import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PlazbotClient } from '../transport/client';

/**
 * Every `<operation>.operation.ts` exports this shape. `execute` handles one input item and
 * returns its output: one object, or a list that becomes one n8n item per record. The router
 * owns concurrency, pairing and Continue On Fail, so operations never repeat them.
 */
export interface PlazbotOperation {
	description: INodeProperties[];
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		client: PlazbotClient,
	): Promise<IDataObject | IDataObject[]>;
}

export type PlazbotResource = Record<string, PlazbotOperation>;

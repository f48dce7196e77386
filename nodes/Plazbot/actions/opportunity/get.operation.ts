import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asLocatorId } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { OPPORTUNITY_PATH } from '../../transport/apiContract';
import { opportunityLocator } from '../common.descriptions';
import { getRecordById } from '../common.runtime';

const properties: INodeProperties[] = [opportunityLocator];

export const description = updateDisplayOptions(
	{ show: { resource: ['opportunity'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const id = asLocatorId(this.getNodeParameter('opportunityId', itemIndex, ''), 'Opportunity');
	return await getRecordById(client, OPPORTUNITY_PATH, id, itemIndex);
}

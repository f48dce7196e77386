import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asLocatorId } from '../../helpers/parameters';
import { recordsIn } from '../../helpers/records';
import type { PlazbotClient } from '../../transport/client';
import { opportunityActivityPath } from '../../transport/apiContract';
import { opportunityLocator, returnAllOrLimit } from '../common.descriptions';
import { readLimit } from '../common.runtime';

const properties: INodeProperties[] = [opportunityLocator, ...returnAllOrLimit];

export const description = updateDisplayOptions(
	{ show: { resource: ['opportunity'], operation: ['getActivities'] } },
	properties,
);

/** One output item per activity `{ id, content, date, categoryType, userId, creationDate }`. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject[]> {
	const opportunityId = asLocatorId(
		this.getNodeParameter('opportunityId', itemIndex, ''),
		'Opportunity',
	);
	const limit = readLimit(this, itemIndex);
	const activities = recordsIn(
		await client.requestData(
			{
				method: 'GET',
				path: opportunityActivityPath(opportunityId),
				qs: { workspaceId: client.workspaceId },
			},
			itemIndex,
		),
	).map((activity) => ({ ...activity, opportunityId }));
	return limit === undefined ? activities : activities.slice(0, limit);
}

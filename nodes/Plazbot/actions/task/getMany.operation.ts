import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asOptionalLocatorId, asOptionalText, definedFields } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { TASK_PAGE_SIZE, TASK_PATH } from '../../transport/apiContract';
import { contactOption, returnAllOrLimit } from '../common.descriptions';
import { readLimit } from '../common.runtime';

const properties: INodeProperties[] = [
	...returnAllOrLimit,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ ...contactOption, description: 'Only the tasks of this contact' },
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only tasks whose name contains this text',
			},
			{
				displayName: 'Project Status ID',
				name: 'projectStatusId',
				type: 'string',
				default: '',
				description:
					'Only tasks in this project status. Workspace → Get lists the projects and their statuses.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['getMany'] } },
	properties,
);

/** Page after page by number, until a page comes back short, a page repeats the previous one, or the Limit is reached. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {
		workspaceId: client.workspaceId,
		...definedFields({
			contactId: asOptionalLocatorId(filters.contactId, 'Contact'),
			name: asOptionalText(filters.name, 'Name'),
			projectStatusId: asOptionalText(filters.projectStatusId, 'Project Status ID'),
		}),
	};
	const limit = readLimit(this, itemIndex);
	const tasks: IDataObject[] = [];
	let previousFirstId: unknown;
	for (let pageNumber = 1; limit === undefined || tasks.length < limit; pageNumber++) {
		const data = await client.requestData(
			{ method: 'GET', path: TASK_PATH, qs: { ...qs, pageNumber, pageSize: TASK_PAGE_SIZE } },
			itemIndex,
		);
		const page = (Array.isArray(data) ? data : []).filter(
			(task): task is IDataObject => typeof task === 'object' && task !== null,
		);
		// A server that ignores pageNumber would answer the first page forever.
		if (
			page.length === 0 ||
			(pageNumber > 1 && page[0].id !== undefined && page[0].id === previousFirstId)
		)
			break;
		previousFirstId = page[0].id;
		tasks.push(...page);
		if (page.length < TASK_PAGE_SIZE) break;
	}
	return limit === undefined ? tasks : tasks.slice(0, limit);
}

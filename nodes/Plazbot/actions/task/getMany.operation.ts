import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asOptionalLocatorId, asOptionalText, definedFields } from '../../helpers/parameters';
import { UnreadableAnswer } from '../../helpers/errors';
import { MAX_PAGES } from '../../helpers/pages';
import { recordsIn } from '../../helpers/records';
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

/**
 * Page after page by number. Plazbot's docs give pageSize a default (10) but no maximum, and a
 * server may answer fewer than asked (20 of a pageSize of 50): a short page ends the list only when
 * it is shorter than a page the server gave before, or empty. A server that ignores pageNumber
 * answers page 1 again: a page identical to the one before ends a list that fitted in one page,
 * and fails a longer one (the rest cannot be read) instead of repeating it for ever.
 */
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
	let previousPage: string | undefined;
	let longestPage = 0;
	for (let pageNumber = 1; limit === undefined || tasks.length < limit; pageNumber++) {
		if (pageNumber > MAX_PAGES) {
			throw new UnreadableAnswer(
				`The task list was stopped after ${MAX_PAGES} pages (${tasks.length} tasks): Plazbot kept answering full pages`,
				'Use Limit instead of Return All, or a filter, to take the tasks you need.',
			);
		}
		const data = await client.requestData(
			{ method: 'GET', path: TASK_PATH, qs: { ...qs, pageNumber, pageSize: TASK_PAGE_SIZE } },
			itemIndex,
		);
		const page = recordsIn(data, 'task list');
		if (page.length === 0) break;
		const fingerprint = pageFingerprint(page);
		if (fingerprint === previousPage) {
			if (page.length < TASK_PAGE_SIZE) break;
			throw new UnreadableAnswer(
				`Plazbot answered page ${pageNumber} of the task list with the same ${page.length} tasks as page ${pageNumber - 1}: it ignores the page number, so the tasks after the first ${tasks.length} cannot be read`,
				'Use a Limit of at most the tasks listed here, or filters that make the list shorter.',
			);
		}
		previousPage = fingerprint;
		tasks.push(...page);
		if (page.length < longestPage) break;
		longestPage = Math.max(longestPage, page.length);
	}
	return limit === undefined ? tasks : tasks.slice(0, limit);
}

/**
 * What tells two pages apart: the tasks' IDs (`id`, or `_id` as some servers name it), else the
 * tasks.
 */
function pageFingerprint(page: IDataObject[]): string {
	return JSON.stringify(page.map((task) => task.id ?? task._id ?? task));
}

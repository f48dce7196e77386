import type { INodeProperties } from 'n8n-workflow';

import type { PlazbotResource } from '../operation.types';
import * as addActivity from './addActivity.operation';
import * as addFile from './addFile.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getActivities from './getActivities.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const operations: PlazbotResource = {
	addActivity,
	addFile,
	create,
	delete: del,
	get,
	getActivities,
	getMany,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['opportunity'] } },
		options: [
			{
				name: 'Add Activity',
				value: 'addActivity',
				description: "Record an activity, such as a call, in an opportunity's history",
				action: 'Add an activity to an opportunity',
			},
			{
				name: 'Add File',
				value: 'addFile',
				description:
					"Attach a file (a quote, a contract) from the input item's binary data to an opportunity",
				action: 'Add a file to an opportunity',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create an opportunity',
				action: 'Create an opportunity',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an opportunity',
				action: 'Delete an opportunity',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an opportunity by its ID',
				action: 'Get an opportunity',
			},
			{
				name: 'Get Activities',
				value: 'getActivities',
				description:
					"Read an opportunity's activity history (calls, meetings, WhatsApp, emails), one item per activity",
				action: 'Get the activities of an opportunity',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the opportunities of the workspace',
				action: 'Get many opportunities',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Change an opportunity's name, amount, stage, sales rep or other fields",
				action: 'Update an opportunity',
			},
		],
		default: 'create',
	},
	...create.description,
	...getMany.description,
	...update.description,
	...get.description,
	...del.description,
	...addActivity.description,
	...getActivities.description,
	...addFile.description,
];

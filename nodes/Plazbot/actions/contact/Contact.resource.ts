import type { INodeProperties } from 'n8n-workflow';

import type { PlazbotResource } from '../operation.types';
import * as addActivity from './addActivity.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getByEmail from './getByEmail.operation';
import * as getByPhone from './getByPhone.operation';
import * as getMany from './getMany.operation';
import * as getMessages from './getMessages.operation';
import * as update from './update.operation';

export const operations: PlazbotResource = {
	addActivity,
	create,
	delete: del,
	get,
	getByEmail,
	getByPhone,
	getMany,
	getMessages,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Add Activity',
				value: 'addActivity',
				description: "Record a note in a contact's activity history",
				action: 'Add an activity to a contact',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a contact on a channel',
				action: 'Create a contact',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a contact',
				action: 'Delete a contact',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a contact by its ID; an unknown ID fails with a 404 error',
				action: 'Get a contact',
			},
			{
				name: 'Get by Email',
				value: 'getByEmail',
				description: 'Find the contacts with an email address; outputs no item when none matches',
				action: 'Get contacts by email',
			},
			{
				name: 'Get by Phone',
				value: 'getByPhone',
				description: 'Find the contacts with a WhatsApp number; outputs no item when none matches',
				action: 'Get contacts by phone',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the contacts of the workspace',
				action: 'Get many contacts',
			},
			{
				name: 'Get Messages',
				value: 'getMessages',
				description: "Get a contact's messages, newest pages first as Plazbot gives them",
				action: 'Get the messages of a contact',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Change a contact's name, email, stage or segmentation",
				action: 'Update a contact',
			},
		],
		default: 'create',
	},
	...addActivity.description,
	...create.description,
	...get.description,
	...getByEmail.description,
	...getByPhone.description,
	...getMany.description,
	...getMessages.description,
	...del.description,
	...update.description,
];

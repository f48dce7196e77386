import type { INodeProperties } from 'n8n-workflow';

import type { PlazbotResource } from '../operation.types';
import * as create from './create.operation';
import * as getByEmail from './getByEmail.operation';
import * as getMany from './getMany.operation';
import * as login from './login.operation';
import * as sendResetPassword from './sendResetPassword.operation';
import * as updatePassword from './updatePassword.operation';

export const operations: PlazbotResource = {
	create,
	getByEmail,
	getMany,
	login,
	sendResetPassword,
	updatePassword,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a Plazbot user account',
				action: 'Create a user',
			},
			{
				name: 'Get by Email',
				value: 'getByEmail',
				description:
					'Get a user by their email address, for example to find the ID to assign tasks to',
				action: 'Get a user by email',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description:
					"List the workspace's users, with the IDs that sales rep and task assignee fields take",
				action: 'Get many users',
			},
			{
				name: 'Login',
				value: 'login',
				description: "Sign in with a user's email and password and get an API token",
				action: 'Log in a user',
			},
			{
				name: 'Send Reset Password',
				value: 'sendResetPassword',
				description: 'Email the user a verification ID to set a new password',
				action: 'Send a password reset email',
			},
			{
				name: 'Update Password',
				value: 'updatePassword',
				description: 'Set a new password with the verification ID from the reset email',
				action: 'Update the password of a user',
			},
		],
		default: 'getByEmail',
	},
	...create.description,
	...getByEmail.description,
	...getMany.description,
	...login.description,
	...sendResetPassword.description,
	...updatePassword.description,
];

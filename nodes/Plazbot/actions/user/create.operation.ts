import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asBoolean, asNumber } from '../../helpers/coerce';
import { asEmail, asRequiredText, asSecret } from '../../helpers/parameters';
import { guardSecrets } from '../../helpers/secrets';
import type { PlazbotClient } from '../../transport/client';
import { USER_PATH } from '../../transport/apiContract';
import { envelopeOutput } from '../output';
import { emailField } from '../common.descriptions';
import { asCompany, companyField, passwordField, safeUser } from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'First Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		description: "The user's first name",
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		required: true,
		default: '',
		description: "The user's last name",
	},
	emailField('Email address the user signs in with'),
	passwordField('password', 'Password', 'Password the user signs in with'),
	companyField,
	{
		displayName: 'External Creation',
		name: 'isExternalCreation',
		type: 'boolean',
		validateType: 'boolean',
		default: true,
		description: 'Whether the user is created from outside the Plazbot app, as from this workflow',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'First Day of Week',
				name: 'defaultStartWeek',
				type: 'options',
				options: [
					{ name: 'Monday', value: 1 },
					{ name: 'Sunday', value: 0 },
				],
				default: 1,
				description: "The day the user's calendars start the week on",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['user'], operation: ['create'] } },
	properties,
);

/** Running it again sends or creates again: refuses n8n's Retry On Fail. */
export const sendsOrCreates = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const password = asSecret(this.getNodeParameter('password', itemIndex, ''), 'Password');
	const body: IDataObject = {
		name: asRequiredText(this.getNodeParameter('name', itemIndex, ''), 'First Name'),
		lastName: asRequiredText(this.getNodeParameter('lastName', itemIndex, ''), 'Last Name'),
		email: asEmail(this.getNodeParameter('email', itemIndex, ''), 'Email'),
		password,
		company: asCompany(this.getNodeParameter('company', itemIndex, '')),
		isExternalCreation: asBoolean(
			this.getNodeParameter('isExternalCreation', itemIndex, true),
			'External Creation',
			true,
		),
	};
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	if (additionalFields.defaultStartWeek !== undefined)
		body.defaultStartWeek = asNumber(additionalFields.defaultStartWeek, 'First Day of Week', 1, {
			min: 0,
			max: 1,
			integer: true,
		});

	const envelope = await guardSecrets(
		this.getNode(),
		itemIndex,
		{ secrets: [password] },
		async () => await client.request({ method: 'POST', path: USER_PATH, body }, itemIndex),
	);
	return safeUser(envelopeOutput(envelope), [password]);
}

// Contract: POST /api/opportunity/{id}/agent/activities with workspaceId, content, date and
// categoryType, all required (apiContract.ts).
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidInput } from '../../helpers/errors';
import {
	asLocatorId,
	asOptionalDateTime,
	asOptionalText,
	asRequiredText,
} from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import {
	ACTIVITY_CATEGORIES,
	type ActivityCategory,
	opportunityActivityPath,
} from '../../transport/apiContract';
import { opportunityLocator } from '../common.descriptions';
import { envelopeOutput } from '../output';

const properties: INodeProperties[] = [
	opportunityLocator,
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'Called the customer; demo booked for Friday',
		description: 'What happened, as it appears in the opportunity history',
	},
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		options: [
			{ name: 'Call', value: 'Calls' },
			{ name: 'Email', value: 'Email' },
			{ name: 'Meeting', value: 'Meeting' },
			{ name: 'WhatsApp', value: 'Whatsapp' },
		],
		default: 'Calls',
		description: 'The kind of activity, one of the four Plazbot documents (sent as categoryType)',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Category (Text)',
				name: 'categoryType',
				type: 'string',
				default: '',
				placeholder: 'Calls',
				description:
					'The category as text, for example from an expression: Calls, Meeting, Whatsapp or Email (any capitalisation). Replaces Category when set.',
			},
			{
				displayName: 'Date',
				name: 'date',
				type: 'dateTime',
				default: '',
				description:
					'When the activity took place. When empty, the time the item runs is sent: Plazbot requires a date.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['opportunity'], operation: ['addActivity'] } },
	properties,
);

/** What people and older workflows write for each documented category. */
const CATEGORY_SPELLINGS: Record<string, ActivityCategory> = {
	call: 'Calls',
	calls: 'Calls',
	meeting: 'Meeting',
	meetings: 'Meeting',
	whatsapp: 'Whatsapp',
	email: 'Email',
	'e-mail': 'Email',
	emails: 'Email',
};

export function asActivityCategory(value: unknown, field: string): ActivityCategory | undefined {
	const text = asOptionalText(value, field);
	if (text === undefined) return undefined;
	const category = CATEGORY_SPELLINGS[text.toLowerCase().replace(/\s+/g, '')];
	if (!category) {
		throw new InvalidInput(
			field,
			`"${text.length > 40 ? `${text.slice(0, 40)}…` : text}" is not a category Plazbot accepts`,
			`Use one of ${ACTIVITY_CATEGORIES.join(', ')}.`,
		);
	}
	return category;
}

/** Running it again sends or creates again: refuses n8n's Retry On Fail. */
export const sendsOrCreates = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const opportunityId = asLocatorId(
		this.getNodeParameter('opportunityId', itemIndex, ''),
		'Opportunity',
	);
	const content = asRequiredText(this.getNodeParameter('content', itemIndex, ''), 'Content');
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	// Workflows saved before Category was its own field carry the category in Additional Fields.
	const categoryType =
		asActivityCategory(extra.categoryType, 'Category (Text)') ??
		asActivityCategory(this.getNodeParameter('category', itemIndex, 'Calls'), 'Category') ??
		'Calls';
	const body: IDataObject = {
		workspaceId: client.workspaceId,
		content,
		date: asOptionalDateTime(extra.date, 'Date', this.getTimezone()) ?? new Date().toISOString(),
		categoryType,
	};
	return envelopeOutput(
		await client.request(
			{ method: 'POST', path: opportunityActivityPath(opportunityId), body },
			itemIndex,
		),
	);
}

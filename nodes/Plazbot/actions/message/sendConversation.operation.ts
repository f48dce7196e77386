import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asBoolean } from '../../helpers/coerce';
import type { PlazbotClient } from '../../transport/client';
import { envelopeOutput } from '../output';
import { skipIfAlreadySent } from './alreadySent';
import { postConversation } from './conversationPath';
import { buildSendConversationBody } from './sendConversation.body';
import { sendConversationFields } from './sendConversation.fields';

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendConversation'] } },
	sendConversationFields,
);

/** Running it again sends or creates again: refuses n8n's Retry On Fail. */
export const sendsOrCreates = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const fromVersion2 = this.getNode().typeVersion >= 2;
	const body = buildSendConversationBody(
		{
			template: this.getNodeParameter('template', itemIndex, ''),
			destination: this.getNodeParameter('destination', itemIndex, ''),
			sendType: this.getNodeParameter('sendType', itemIndex, 'campaign'),
			campaignName: this.getNodeParameter('campaignName', itemIndex, ''),
			variablesBody: this.getNodeParameter('variablesBody', itemIndex, {}),
			variablesHeader: this.getNodeParameter('variablesHeader', itemIndex, {}),
			templateFields: fromVersion2
				? this.getNodeParameter('templateFields', itemIndex, {})
				: undefined,
			additionalFields: this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
		},
		client.workspaceId,
	);
	if (
		asBoolean(
			this.getNodeParameter('skipAlreadySent', itemIndex, false),
			'Skip Destinations Already Sent',
			false,
		)
	) {
		const skipped = await skipIfAlreadySent(client, body, itemIndex);
		if (skipped) return skipped;
	}
	const envelope = await postConversation(client, body, itemIndex);
	// What happened to this row, so that a result can be matched to its spreadsheet row: the
	// number as it was sent (normalised) and the template, after Plazbot's own answer.
	return {
		...envelopeOutput(envelope),
		destination: body.destination as string,
		template: body.template as string,
	};
}

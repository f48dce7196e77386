import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { whatsappNumberLocator } from '../Plazbot/actions/whatsappNumber.description';
import { normalizeWhatsappNumber } from '../Plazbot/helpers/phone';
import { searchWhatsappNumbers } from '../Plazbot/methods/whatsappNumbers';
import { PlazbotClient } from '../Plazbot/transport/client';
import { registerWhatsappWebhook, removeWhatsappWebhook } from './whatsappWebhooks';
import {
	isRegisteredAs,
	judgeIncomingRequest,
	newSecret,
	readRegistration,
	SECRET_QUERY_PARAMETER,
	urlWithSecret,
} from './incomingRequest';

/** Static data key of what this node registered (see incomingRequest.ts, Registration). */
const REGISTRATION = 'registration';

function chosenNumber(fns: IHookFunctions): string {
	const raw = fns.getNodeParameter('whatsappNumber', '', { extractValue: true });
	const result = normalizeWhatsappNumber(raw);
	if (!result.ok) {
		throw new NodeOperationError(fns.getNode(), `WhatsApp Number ${result.reason}`, {
			description:
				'Pick one of the workspace’s numbers from the list, or type it with its country code, for example +51 987 654 321.',
		});
	}
	return result.digits;
}

function ownWebhookUrl(fns: IHookFunctions): string {
	const url = fns.getNodeWebhookUrl('default');
	if (!url)
		throw new NodeOperationError(fns.getNode(), 'n8n gave no webhook URL for the Plazbot Trigger');
	return url;
}

export class PlazbotTrigger implements INodeType {
	// Kept as a literal here, not imported: n8n's lint and verification scan read the icon, name
	// and credentials from the node class itself.
	description: INodeTypeDescription = {
		displayName: 'Plazbot Trigger',
		name: 'plazbotTrigger',
		icon: { light: 'file:../Plazbot/plazbot.svg', dark: 'file:../Plazbot/plazbot.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'=Messages to {{ $parameter["whatsappNumber"].cachedResultName || $parameter["whatsappNumber"].value }}',
		description:
			'Starts the workflow when a customer sends a WhatsApp message to a number of your Plazbot workspace',
		defaults: { name: 'Plazbot Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'plazbotApi', required: true }],
		// Answered as soon as the execution starts, with an empty 200: Plazbot needs only the status.
		// (Without responseData, n8n 2.41 answers with the text "firstEntryJson".)
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'Plazbot keeps one webhook URL per WhatsApp number. Activating this workflow replaces the URL set for this number in Plazbot (another integration’s, for example); deactivating it removes the URL. "Listen for test event" does the same with the test URL while it listens, so do not use it on a number an active workflow listens to.',
				name: 'replacesNotice',
				type: 'notice',
				default: '',
			},
			whatsappNumberLocator(
				'The WhatsApp number of your Plazbot workspace whose incoming messages start this workflow',
			),
		],
	};

	methods = { listSearch: { searchWhatsappNumbers } };

	webhookMethods = {
		default: {
			/**
			 * True only when this workflow's own record says the number points at this URL. Plazbot
			 * has no call that reads the registered URL; without a record (a first activation, a
			 * test run, a changed number or n8n address) `create` registers again, which is harmless
			 * since registering replaces.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				return isRegisteredAs(
					readRegistration(staticData[REGISTRATION]),
					chosenNumber(this),
					ownWebhookUrl(this),
				);
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const number = chosenNumber(this);
				const webhookUrl = ownWebhookUrl(this);
				// A new secret for every registration: a URL given out before stops working.
				const secret = newSecret();
				const client = await PlazbotClient.create(this, { maxAttempts: 3 });
				await registerWhatsappWebhook(client, number, urlWithSecret(webhookUrl, secret));
				this.getWorkflowStaticData('node')[REGISTRATION] = {
					number,
					webhookUrl,
					secret,
				} as IDataObject;
				return true;
			},

			/**
			 * Removes the number's URL only when this workflow registered one. Plazbot cannot tell
			 * whose URL is set now, so a number this workflow never registered is left alone.
			 */
			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				const registration = readRegistration(staticData[REGISTRATION]);
				if (!registration) return true;
				const client = await PlazbotClient.create(this, { maxAttempts: 3 });
				await removeWhatsappWebhook(client, registration.number);
				delete staticData[REGISTRATION];
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const registration = readRegistration(this.getWorkflowStaticData('node')[REGISTRATION]);
		const verdict = judgeIncomingRequest({
			givenSecret: (this.getQueryData() as IDataObject)[SECRET_QUERY_PARAMETER],
			expectedSecret: registration?.secret,
			contentType: request.headers['content-type'],
			rawLength: (request as { rawBody?: { length: number } }).rawBody?.length,
			body: this.getBodyData(),
		});
		if (!verdict.accept) {
			// Answered here and no execution started: n8n sends nothing more when told so.
			this.getResponseObject().status(verdict.status).json({ message: verdict.message });
			return { noWebhookResponse: true };
		}
		// The body exactly as Plazbot sent it: its payload is not published, so nothing is renamed or dropped.
		return { workflowData: [[{ json: verdict.json }]] };
	}
}

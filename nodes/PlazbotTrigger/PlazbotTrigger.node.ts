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
import {
	forgetProductionListener,
	forgetSecret,
	latestSecretOf,
	productionListenerOf,
	rememberProductionListener,
	rememberSecret,
} from './listeners';

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

/**
 * Registering and removing a URL are single small calls: one that has not answered in this time
 * will not, and n8n 2.x gives a whole activation (its own retries included) 84 seconds.
 */
const WEBHOOK_CALL_TIMEOUT_MS = 10_000;

/**
 * n8n restarting a workflow that was active (at start-up, or on another main instance taking
 * over): the workflow's record of its registration still describes Plazbot's state. Any other
 * activation follows a deactivation, whose removal may have failed half-way (Plazbot removed the
 * URL, then a gateway answered 504), so the record is not trusted then.
 */
const RESTART_ACTIVATIONS: ReadonlySet<string> = new Set(['init', 'leadershipChange']);

function isTestRun(fns: IHookFunctions): boolean {
	return fns.getMode() === 'manual' || fns.getActivationMode() === 'manual';
}

function displayNumber(digits: string): string {
	return `+${digits}`;
}

/** Runs a webhook call with the number named in its error, as n8n shows it on the workflow. */
async function webhookCall<T>(
	fns: IHookFunctions,
	what: string,
	number: string,
	call: () => Promise<T>,
): Promise<T> {
	try {
		return await call();
	} catch (error) {
		const { message, description } = error as { message?: string; description?: string };
		throw new NodeOperationError(
			fns.getNode(),
			`${what} the webhook of WhatsApp number ${displayNumber(number)} with Plazbot failed: ${message ?? String(error)}`,
			{ description },
		);
	}
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
					'Plazbot keeps one webhook URL per WhatsApp number. Activating this workflow replaces the URL set for this number in Plazbot (another integration’s, for example); deactivating it removes the URL. "Listen for test event" does the same with the test URL while it listens, and is refused on a number an active workflow listens to.',
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
			 * True only when n8n restarts a workflow that was active and its own record says the
			 * number points at this URL. Plazbot has no call that reads the registered URL; in every
			 * other case (an activation, a test run, a changed number or n8n address) `create`
			 * registers again, which is harmless since registering replaces.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (!RESTART_ACTIVATIONS.has(this.getActivationMode())) return false;
				const number = chosenNumber(this);
				const webhookUrl = ownWebhookUrl(this);
				const registration = readRegistration(this.getWorkflowStaticData('node')[REGISTRATION]);
				if (!isRegisteredAs(registration, number, webhookUrl)) return false;
				rememberProductionListener(number, listenerOf(this, webhookUrl));
				rememberSecret(this.getNode().webhookId, (registration as { secret: string }).secret);
				return true;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const number = chosenNumber(this);
				const webhookUrl = ownWebhookUrl(this);
				const testRun = isTestRun(this);
				const listener = productionListenerOf(number);
				if (testRun && listener) {
					throw new NodeOperationError(
						this.getNode(),
						`WhatsApp number ${displayNumber(number)} is listened to by the active workflow "${listener.workflowName}" (ID ${listener.workflowId})`,
						{
							description:
								'Plazbot keeps one webhook URL per number, so listening for a test event here would disconnect that workflow. Deactivate it first, test with pinned data, or pick another number.',
						},
					);
				}
				// A new secret for every registration: a URL given out before stops working.
				const secret = newSecret();
				const webhookId = this.getNode().webhookId;
				// Plazbot may deliver a message to the new URL before it answers this call.
				rememberSecret(webhookId, secret);
				const client = await PlazbotClient.create(this, {
					maxAttempts: 3,
					timeoutMs: WEBHOOK_CALL_TIMEOUT_MS,
				});
				let registered = false;
				try {
					await webhookCall(this, 'Registering', number, async () => {
						await registerWhatsappWebhook(client, number, urlWithSecret(webhookUrl, secret));
					});
					registered = true;
				} finally {
					if (!registered) forgetSecret(webhookId, secret);
				}
				this.getWorkflowStaticData('node')[REGISTRATION] = {
					number,
					webhookUrl,
					secret,
				} as IDataObject;
				if (!testRun) rememberProductionListener(number, listenerOf(this, webhookUrl));
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
				// The workflow stops listening whatever Plazbot answers below.
				forgetProductionListener(registration.number, registration.webhookUrl);
				forgetSecret(this.getNode().webhookId, registration.secret);
				const client = await PlazbotClient.create(this, {
					maxAttempts: 3,
					timeoutMs: WEBHOOK_CALL_TIMEOUT_MS,
				});
				await webhookCall(this, 'Removing', registration.number, async () => {
					await removeWhatsappWebhook(client, registration.number);
				});
				delete staticData[REGISTRATION];
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const registration = readRegistration(this.getWorkflowStaticData('node')[REGISTRATION]);
		const rawBody = (request as { rawBody?: { toString(encoding: 'utf8'): string } }).rawBody;
		const verdict = judgeIncomingRequest({
			givenSecret: (this.getQueryData() as IDataObject)[SECRET_QUERY_PARAMETER],
			expectedSecrets: [registration?.secret, latestSecretOf(this.getNode().webhookId)],
			contentType: request.headers['content-type'],
			rawText: rawBody?.toString('utf8'),
			body: this.getBodyData(),
			ownNumber: registration?.number ?? ownNumberParameter(this),
		});
		if (!verdict.accept) {
			// Answered here and no execution started: n8n sends nothing more when told so.
			this.getResponseObject().status(verdict.status).json({ message: verdict.message });
			return { noWebhookResponse: true };
		}
		// After an n8n restart nothing else says that this active workflow listens to its number.
		if (registration && this.getMode() !== 'manual') {
			const workflow = this.getWorkflow();
			rememberProductionListener(registration.number, {
				workflowId: workflow.id ?? '',
				workflowName: workflow.name ?? '',
				webhookUrl: registration.webhookUrl,
			});
		}
		// The body exactly as sent (its payload is not published), with the normalised part added.
		return { workflowData: [verdict.items.map((json) => ({ json }))] };
	}
}

/**
 * The trigger's number from its parameter, when no record holds it yet (a call during
 * registration).
 */
function ownNumberParameter(fns: IWebhookFunctions): string | undefined {
	try {
		const result = normalizeWhatsappNumber(
			fns.getNodeParameter('whatsappNumber', '', { extractValue: true }),
		);
		return result.ok ? result.digits : undefined;
	} catch {
		return undefined;
	}
}

function listenerOf(fns: IHookFunctions, webhookUrl: string) {
	const workflow = fns.getWorkflow();
	return { workflowId: workflow.id ?? '', workflowName: workflow.name ?? '', webhookUrl };
}

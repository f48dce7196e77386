/**
 * What this n8n process knows beyond one workflow's static data, kept in memory.
 *
 * Plazbot keeps one URL per WhatsApp number and has no call that reads it back, and n8n gives a
 * "Listen for test event" run an empty static data, so only the process that registered a
 * number knows that an active workflow listens to it. And n8n saves a workflow's static data only
 * after the registration call has returned, so a message Plazbot delivers while that call is
 * still going carries a secret no saved record holds yet.
 */

/** An active (production) workflow listening to a number. */
export interface ProductionListener {
	workflowId: string;
	workflowName: string;
	webhookUrl: string;
}

const productionListeners = new Map<string, ProductionListener>();
/** Per node (its webhook ID): the secret of the registration going on or made last. */
const latestSecrets = new Map<string, string>();

export function productionListenerOf(number: string): ProductionListener | undefined {
	return productionListeners.get(number);
}

export function rememberProductionListener(number: string, listener: ProductionListener): void {
	productionListeners.set(number, listener);
}

/** Forgets the number's listener when it is the one at `webhookUrl`. */
export function forgetProductionListener(number: string, webhookUrl: string): void {
	if (productionListeners.get(number)?.webhookUrl === webhookUrl)
		productionListeners.delete(number);
}

/** The secret given to Plazbot for this node: accepted from the moment it is sent. */
export function rememberSecret(webhookId: string | undefined, secret: string): void {
	if (webhookId) latestSecrets.set(webhookId, secret);
}

export function latestSecretOf(webhookId: string | undefined): string | undefined {
	return webhookId ? latestSecrets.get(webhookId) : undefined;
}

export function forgetSecret(webhookId: string | undefined, secret?: string): void {
	if (!webhookId) return;
	if (secret === undefined || latestSecrets.get(webhookId) === secret)
		latestSecrets.delete(webhookId);
}

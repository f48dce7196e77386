/**
 * The transport: the only way this package talks to Plazbot. Operations import from here.
 *
 *   client.ts              PlazbotClient: the request loop (slots, pacing, retries, stop at error)
 *   deliveryPolicy.ts      the delivery settings a run uses (attempts, timeout, spacing, slots)
 *   retryPolicy.ts         which outcomes are tried again and after how long
 *   response.ts            what came back: answer or transport failure, read into plain facts
 *   errors.ts              the wording of every error and its hint
 *   text.ts                reading server text (HTML pages, snippets), linear in its length
 *   pagination.ts          continuation-token lists
 *   credentialSettings.ts  the credential's values and Base URL, checked before any request
 *   requestSlots.ts        most requests on the wire at once
 *   requestPacer.ts        smallest gap between request starts
 *   adaptiveRate.ts        Rate Control "Adaptive": the request rate follows Plazbot's answers (AIMD)
 *   apiContract.ts         every path, field name and choice between Plazbot's sources
 *   whatsappWebhooks.ts    registering and removing a WhatsApp number's webhook (Plazbot Trigger)
 */
export {
	CREDENTIAL_TYPE,
	PlazbotClient,
	type PlazbotAnswer,
	type PlazbotFunctions,
	type PlazbotRequest,
} from './client';
export { DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from './deliveryPolicy';
export type { PlazbotEnvelope } from './response';
export { parseRetryAfter } from './retryPolicy';

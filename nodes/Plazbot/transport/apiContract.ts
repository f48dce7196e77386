/**
 * Plazbot's two documentation sets (the older developer hub and the newer API reference)
 * disagree on some names. Every choice we made between them lives here, so that following a
 * future change in the API is a one-line edit. See ../shared/plazbot-api.md.
 */

/** The hub's path (the owner's page); the newer docs and SDK 1.1.5 show `/api/conversation`. */
export const SEND_CONVERSATION_PATH = '/api/message/conversation';

/** The hub names the send type field `type`; the newer docs call it `sendType`. */
export const SEND_TYPE_BODY_FIELD = 'type';

/** Send type codes, identical in both documentation sets. Absent means Campaign. */
export const SEND_TYPE_CODES = {
	campaign: '1',
	individual: '2',
	api: '3',
} as const;

export type SendType = keyof typeof SEND_TYPE_CODES;

/**
 * Send Message (free text inside WhatsApp's 24-hour window). SDK 1.1.5 sends only
 * `workspaceId, recipientPhone, content`: `contactId` is optional.
 */
export const SEND_MESSAGE_PATH = '/api/message';

/** List Conversation: the same path as the hub's send, read with GET. */
export const LIST_CONVERSATIONS_PATH = '/api/message/conversation';

/**
 * Lists page in blocks of 20 with a continuation token. Contacts and opportunities return the
 * next token as `data.continuationToken`, List Conversation as `data.newContinuationToken`; an
 * answer with both means the new one (List Conversation's `continuationToken` is the token the
 * page was asked with), so `newContinuationToken` is read first.
 */
export const CONTINUATION_TOKEN_QUERY = 'continuationToken';
export const NEXT_PAGE_TOKEN_FIELDS = ['newContinuationToken', 'continuationToken'] as const;

/** Contacts. Get by ID is documented with two answers: the contact in `data` (newer docs) or
 * `{ contactId, data: [contact] }` (hub); the contact operations accept both. */
export const CONTACT_PATH = '/api/contact';
export const contactPath = (contactId: string): string => recordPath(CONTACT_PATH, contactId);
export const CONTACT_SEARCH_BY_EMAIL_PATH = '/api/contact/searchByEmail';
export const CONTACT_SEARCH_BY_PHONE_PATH = '/api/contact/searchByCellphone';
/** Neither doc page shows it; Plazbot's Spanish API reference names the phone query parameter `cellphone`. */
export const CONTACT_PHONE_QUERY = 'cellphone';
/** "Update Activities to Contact": absent from both crawled doc sets; Plazbot's Spanish API reference gives this path with body `{ workspaceId, content }`. */
export const contactActivitiesPath = (contactId: string): string => `${CONTACT_PATH}/${encodeURIComponent(contactId)}/activities`;

/**
 * Opportunities and tasks. The hub lists Get by Id, Delete and Create Activity for Opportunity
 * without their pages being readable; the visible pattern (Get Contact By Id: `/api/contact/{id}`
 * with `?workspaceId`, the newer docs' `/api/opportunity/{opportunityId}/files` and
 * `/agent/activities`) gives these REST-style choices.
 */
export const OPPORTUNITY_PATH = '/api/opportunity';
export const TASK_PATH = '/api/task';
export const recordPath = (collectionPath: string, id: string): string => `${collectionPath}/${encodeURIComponent(id)}`;
/**
 * Create Activity for Opportunity (white-label copy of Plazbot's reference, consistent with the
 * newer docs' GET on the same path): body `workspaceId, content, date (ISO 8601), categoryType`,
 * all required, categoryType one of ACTIVITY_CATEGORIES. Before this choice the node posted to
 * `/activities` without the `/agent` segment, which no source shows.
 */
export const opportunityActivityPath = (opportunityId: string): string => `${recordPath(OPPORTUNITY_PATH, opportunityId)}/agent/activities`;
export const ACTIVITY_CATEGORIES = ['Calls', 'Meeting', 'Whatsapp', 'Email'] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

/**
 * Users. The hub lists Get Information by Email and Send Reset Password without readable pages;
 * these paths and bodies come from the white-label copy of Plazbot's API reference (Wabotify),
 * which documents the same endpoints on api.plazbot.com.
 */
export const USER_PATH = '/api/user';
export const USER_BY_EMAIL_PATH = '/api/user/email';
export const USER_LOGIN_PATH = '/api/user/login';
export const USER_SEND_RESET_PASSWORD_PATH = `${USER_PATH}/sendEmailToResetPassword`;
export const USER_RESET_PASSWORD_PATH = `${USER_PATH}/resetPassword`;
/** What Create User and Send Reset Password take as `company` unless the account is white-label. */
export const DEFAULT_USER_COMPANY = 'plazbot';

export const workspacePath = (workspaceId: string): string => `/api/workspace/${encodeURIComponent(workspaceId)}`;

/**
 * "Update Agente IA Prompt": the AI agent is an AI Agent node of an automation, addressed by its
 * node ID. The documented body is `{ workspaceId, urlDocument }` (a document the agent takes its
 * prompt from): the node sends that. A prompt typed as text appears in no source; workflows saved
 * with one still send it, as `prompt`, and the UI says it is undocumented.
 */
export const agentPromptPath = (nodeId: string): string => `/api/automation/node/${encodeURIComponent(nodeId)}/prompt`;
export const AGENT_PROMPT_DOCUMENT_FIELD = 'urlDocument';
export const AGENT_PROMPT_BODY_FIELD = 'prompt';

/**
 * Answers. Plazbot wraps most answers in `{ success, code, errorCode, message, data }`; the
 * documented Workspace by ID (hub) and Opportunity by ID (white-label copy) examples are a bare
 * JSON array or object: an answer without `success` or `data` is the data itself
 * (transport/response.ts). A delete answered 204 No Content succeeded.
 *
 * Regional hosts (SDK 1.1.5, `zone`): https://api.plazbot.com (LA, the default) and
 * https://apieu.plazbot.com (EU); the `.io` hosts were SDK 1.0.4's.
 */
export const REGIONAL_HOSTS = { latinAmerica: 'https://api.plazbot.com', europe: 'https://apieu.plazbot.com' } as const;

/**
 * Incoming-message webhooks, one URL per WhatsApp number of the workspace. Plazbot SDK 1.1.5
 * (`dist/core/message.js`, `registerWebhook` / `deleteWebhook`): `POST` on this path with
 * `{ "webhook": "<url>" }` registers, replacing any URL set before; `DELETE` on the same path
 * removes it. There is no call that reads the registered URL, and Plazbot does not sign its calls.
 * The SDK's docs give the number as digits with country code ("51966446311").
 */
export const whatsappNumberWebhookPath = (workspaceId: string, number: string): string =>
	`${workspacePath(workspaceId)}/whatsapp/numbers/${encodeURIComponent(number)}/webhook`;
export const WEBHOOK_URL_BODY_FIELD = 'webhook';

/**
 * Where Get Workspace lists the workspace's WhatsApp numbers: its `integrations`, each
 * `{ id, name, type: "whatsapp", enabled, config: { phoneNumber, provider } }` (white-label copy
 * of the API reference, Get Workspace). Other spellings of the number are read as well, in order.
 */
export const WHATSAPP_INTEGRATION_TYPE = 'whatsapp';
export const INTEGRATION_NUMBER_FIELDS = ['phoneNumber', 'number', 'phone', 'displayPhoneNumber'] as const;

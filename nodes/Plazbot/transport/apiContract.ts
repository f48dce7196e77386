import type { IDataObject } from 'n8n-workflow';

import { listIn, unreadableList } from '../helpers/records';
import type { PlazbotEnvelope } from './answers';

/**
 * Plazbot's published sources (developer hub, SDK code, API reference, white-label copy) disagree
 * on some names. Every choice between them lives here with its source, so that following a
 * change in the API is a one-line edit.
 */

/**
 * Send Conversation's paths, in the order tried. First the hub's (the owner's page,
 * developers.plazbot.com send-conversation, April 2025; docs.plazbot.com shows it too); then the
 * one SDK 1.0.6–1.1.5 code posts to (plazbot-sdk-examples, dist/core/message.js `onConversation`),
 * as plazbot.mintlify.app and the white-label copy (wabotify-docs message/send-conversation) do.
 * The second is tried only when the first answers a 404 that is not Plazbot's envelope (no such
 * route: nothing was sent), and then used for the rest of the run.
 */
export const SEND_CONVERSATION_PATHS = ['/api/message/conversation', '/api/conversation'] as const;

/**
 * The send type goes under both names, with the same code: the hub reads `type`; SDK 1.0.6–1.1.1
 * (`sendType: 3`), Mintlify and the white-label copy read `sendType` (white-label: default 3, API,
 * when absent, so a campaign sent with `type` alone would be filed as API). A server ignores the
 * name it does not know. SDK 1.1.5 sends neither; the rest of its body (workspaceId, destination,
 * template, variablesBody, variablesHeader, file) is what the node sends.
 */
export const SEND_TYPE_BODY_FIELDS = ['type', 'sendType'] as const;

/** Send type codes, identical in both documentation sets. Absent means Campaign. */
export const SEND_TYPE_CODES = { campaign: '1', individual: '2', api: '3' } as const;
export type SendType = keyof typeof SEND_TYPE_CODES;

/** Send Message (free text in WhatsApp's 24-hour window), SDK 1.1.5: `contactId` optional. */
export const SEND_MESSAGE_PATH = '/api/message';

/**
 * List Conversation: the same path as the hub's send, read with GET. Its records
 * (../shared/plazbot-api.md names the fields only) carry `campaignName`, the destination in
 * `requestBody.destination` (the stored send, JSON text or object) and in `platformSenderPhone`,
 * and `responseStatus`, "text or number" by the hub with its values undocumented: these words
 * (any case, a final "." or "!" dropped) read as sent (actions/message/alreadySent.ts).
 */
export const LIST_CONVERSATIONS_PATH = '/api/message/conversation';
export const CONVERSATION_SENT_STATUS_WORDS = (
	'ok success successful sent delivered accepted enviado enviada ' +
	'entregado entregada exitoso exito éxito aceptado'
).split(' ');

/**
 * Lists page in blocks of 20 with a continuation token. Contacts and opportunities return the
 * next token as `data.continuationToken`, List Conversation as `data.newContinuationToken`; an
 * answer with both means the new one (List Conversation's `continuationToken` is the token the
 * page was asked with), so `newContinuationToken` is read first.
 */
export const CONTINUATION_TOKEN_QUERY = 'continuationToken';
export const NEXT_PAGE_TOKEN_FIELDS = ['newContinuationToken', 'continuationToken'] as const;

// Contacts. Get by ID answers the contact in `data` (newer docs) or, on the hub, `{ contactId,
// data: [contact] }`; the contact operations accept both.
export const CONTACT_PATH = '/api/contact';
export const contactPath = (contactId: string): string => recordPath(CONTACT_PATH, contactId);
export const CONTACT_SEARCH_BY_EMAIL_PATH = '/api/contact/searchByEmail';
export const CONTACT_SEARCH_BY_PHONE_PATH = '/api/contact/searchByCellphone';
/** Named by Plazbot's Spanish API reference only. */
export const CONTACT_PHONE_QUERY = 'cellphone';
/** "Update Activities to Contact", Spanish API reference only: body `{ workspaceId, content }`. */
export const contactActivitiesPath = (contactId: string): string =>
	`${recordPath(CONTACT_PATH, contactId)}/activities`;

/**
 * Opportunities and tasks. The hub lists Get by Id, Delete and Create Activity for Opportunity
 * without their pages being readable; the visible pattern (Get Contact By Id: `/api/contact/{id}`
 * with `?workspaceId`, the newer docs' `/api/opportunity/{opportunityId}/files` and
 * `/agent/activities`) gives these REST-style choices.
 */
export const OPPORTUNITY_PATH = '/api/opportunity';
export const TASK_PATH = '/api/task';
export const recordPath = (collectionPath: string, id: string): string =>
	`${collectionPath}/${encodeURIComponent(id)}`;
/**
 * Create Activity for Opportunity (white-label copy of Plazbot's reference, consistent with the
 * newer docs' GET on the same path): body `workspaceId, content, date (ISO 8601), categoryType`,
 * all required, categoryType one of ACTIVITY_CATEGORIES. No source shows `/activities` without
 * the `/agent` segment.
 */
export const opportunityActivityPath = (opportunityId: string): string =>
	`${recordPath(OPPORTUNITY_PATH, opportunityId)}/agent/activities`;
export const ACTIVITY_CATEGORIES = ['Calls', 'Meeting', 'Whatsapp', 'Email'] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

// Users. The hub lists Get Information by Email and Send Reset Password without readable pages:
// paths and bodies from the white-label copy of the API reference (the same endpoints).
export const USER_PATH = '/api/user';
export const USER_BY_EMAIL_PATH = '/api/user/email';
/** Sign-in (docs "Login Access"): body `{ email, password }`, answer `data.token`. */
export const USER_LOGIN_PATH = '/api/user/login';
export const USER_SEND_RESET_PASSWORD_PATH = `${USER_PATH}/sendEmailToResetPassword`;
export const USER_RESET_PASSWORD_PATH = `${USER_PATH}/resetPassword`;
/** User → Create's and Send Reset Password's `company` unless the account is white-label. */
export const DEFAULT_USER_COMPANY = 'plazbot';

export const workspacePath = (workspaceId: string): string =>
	`/api/workspace/${encodeURIComponent(workspaceId)}`;

/**
 * "Update Agente IA Prompt": the agent is an AI Agent node of an automation, by its node ID. The
 * documented body, `{ workspaceId, urlDocument }` (a document to take the prompt from), is sent; a
 * prompt typed as text, in no source, is still sent as `prompt` and the UI says it is undocumented.
 */
export const agentPromptPath = (nodeId: string): string =>
	`/api/automation/node/${encodeURIComponent(nodeId)}/prompt`;
export const AGENT_PROMPT_DOCUMENT_FIELD = 'urlDocument';
export const AGENT_PROMPT_BODY_FIELD = 'prompt';

/**
 * AI agents (SDK 1.1.5, plazbot/plazbot-sdk-examples dist/core/agent.js, trusted first; then
 * docs.plazbot.com/api-reference and the white-label copy isaacbeatbit/wabotify-docs). Get
 * Agent: the SDK sends the agent as `id` (getAgentById), docs agent/get requires `agentId`: both
 * are sent, with the same value. Get Agents: the API reference answers the list in `data`, the
 * SDK reads `agent` from the body; both are accepted.
 */
export const AGENT_LIST_PATH = '/api/agent/get-agents';
export const AGENT_GET_PATH = '/api/agent/get-agent';
export const AGENT_GET_ID_QUERIES = ['id', 'agentId'] as const;
const AGENT_LIST_BODY_FIELDS = ['data', 'agent'] as const;

export function agentsIn(envelope: PlazbotEnvelope): IDataObject[] {
	const body = envelope as unknown as IDataObject;
	// The first field that holds a list decides; `data: null` beside SDK 1.1.5's `agent` is no list.
	const given = AGENT_LIST_BODY_FIELDS.filter((f) => body[f] !== undefined && body[f] !== null);
	for (const field of given) {
		const list = listIn(body[field]);
		if (list) return list.records;
	}
	if (given.length > 0) throw unreadableList(body.data ?? body.agent, 'AI agent list');
	return [];
}
// Ask (SDK 1.1.5 onMessage, white-label copy): `{ agentId, workspaceId, question, sessionId,
// file?, multipleAnswers? }` → `{ success, answer }`.
export const AGENT_ASK_PATH = '/api/agent/on-message';
/**
 * The agent's settings, each `POST` with `{ agentId, workspaceId, ...fields }` (SDK 1.1.5
 * setInstructions/setPersona/setFallbacks/setRules). The fields are those of the SDK README's
 * agent.config.json (`instructions`, `person`, `fallbacks`, `rules`).
 */
export const AGENT_SETTINGS_PATHS = {
	instructions: '/api/agent/set-instructions',
	persona: '/api/agent/set-persona',
	fallbacks: '/api/agent/set-fallbacks',
	rules: '/api/agent/set-rules',
} as const;

/**
 * WhatsApp templates. The API reference documents `POST /api/template` (create) and
 * `PUT /api/template/{id}` (update); SDK 2.x lists them (`getTemplates`, `getActiveTemplates`)
 * without their REST paths being published. Tried in order: the collection path with
 * `?workspaceId` (inferred: every other list of the API takes it), then `/api/template/actives`
 * (a third-party integration calls it), the second only when the first is a 404 that is not
 * Plazbot's envelope. A template: `{ id, elementName, languageCode, category, templateType
 * (TEXT|IMAGE|VIDEO|DOCUMENT), status, components[{ type, format, text, variables[{ variable,
 * example }] }] }` (docs template/create's fields).
 */
export const TEMPLATE_PATH = '/api/template';
export const TEMPLATE_LIST_PATHS = [TEMPLATE_PATH, '/api/template/actives'] as const;
/**
 * The template's WhatsApp name, what Send Conversation's `template` takes: `elementName` (docs
 * template/create), else `name` (SDK 2's index.ts prints `template.name`). Never its `id`.
 */
export const TEMPLATE_NAME_FIELDS = ['elementName', 'name'] as const;
/** Template types whose header carries a file (Send Conversation's File URL). */
export const MEDIA_TEMPLATE_TYPES = ['IMAGE', 'VIDEO', 'DOCUMENT'] as const;

// Task list (API reference): `?workspaceId&contactId&name&projectStatusId&pageNumber&pageSize`
// (defaults 1 and 10), `data` is the page: paged by number, unlike contacts.
export const TASK_PAGE_SIZE = 50;

/**
 * Contact delete: only the white-label copy documents a body, `{ workspaceId, contactIds: [{ ids:
 * "<contact id>" }] }` (each entry an object with `ids`); the API reference names the path only.
 */
export const CONTACT_DELETE_BATCH_PATH = '/api/contact/delete-batch';
export const contactDeleteBatchEntry = (contactId: string): { ids: string } => ({ ids: contactId });

/** A contact's messages (white-label "Get Messages"): `?contactId&continuationToken`, paged. */
export const MESSAGE_PATH = '/api/message';
/** Search (API reference "Buscar Mensajes"): `?query&workspaceId&contactId?` → `data`. */
export const MESSAGE_SEARCH_PATH = '/api/message/get-query-messages';

/**
 * The workspace's users (API reference "Listar Usuarios"), `data` is the list. It requires
 * `Authorization: Bearer` (docs.plazbot.com), so it is also the credential's test request: Get
 * Workspace by ID, which the hub calls with `x-workspace-id` alone, would pass without an API key.
 */
export const workspaceUsersPath = (workspaceId: string): string =>
	`/api/workspace/usersByWorkspaceId/${encodeURIComponent(workspaceId)}`;

// Regional hosts (SDK 1.1.5 `zone`): https://api.plazbot.com (LA, the credential's default) and
// https://apieu.plazbot.com (EU). Answers and their envelope: answers.ts.

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
 * The workspace's WhatsApp numbers, in Get Workspace's `integrations`: each `{ id, name, type:
 * "whatsapp", enabled, config: { phoneNumber, provider } }` (white-label copy, Get Workspace);
 * other spellings of the number are read too, in this order (methods/whatsappNumbers.ts).
 */
export const WHATSAPP_INTEGRATION_TYPE = 'whatsapp';
export const INTEGRATION_NUMBER_FIELDS = ['phoneNumber', 'number', 'phone', 'displayPhoneNumber'];

// Agents, knowledge files, templates, deal files: where SDK 1.1.5's code and docs.plazbot.com
// disagree on a body, the SDK's (it runs against the API) wins; harmless docs keys go as well.

/**
 * Create: `POST /api/agent/add` with the agent configuration (the SDK README's agent.config.json)
 * → `{ success, agentId }` at the top of the body (SDK 1.1.5 addAgent reads
 * `response.data.agentId`). Update: `POST /api/agent/update`, the agent named only by the header
 * `x-agent-id` (updateAgent). Delete: `DELETE /api/agent/delete?id&workspaceId` (deleteAgent).
 */
export const AGENT_CREATE_PATH = '/api/agent/add';
export const AGENT_CREATE_ID_FIELD = 'agentId';
export const AGENT_UPDATE_PATH = '/api/agent/update';
export const AGENT_UPDATE_ID_HEADER = 'x-agent-id';
export const AGENT_DELETE_PATH = '/api/agent/delete';
/**
 * Copy: SDK 1.1.5 copyAgent sends `?id&workspaceId` with no body; docs agent/copy sends the body
 * `{ agentId, workspaceId }`. Both go in one request: the query as the SDK writes it, the body as
 * the docs do (a server that reads one ignores the other) → the new agent in `data`.
 */
export const AGENT_COPY_PATH = '/api/agent/copy-agent';
/**
 * Widget: SDK 1.1.5 enableWidget sends `{ workspaceId, id, enableWidget }`, docs enable-widget
 * `{ agentId, widgetEnabled, workspaceId }`: both key sets go, with the same values. SDK 2 returns
 * the embed `script`, read from `data.script`, then `script`.
 */
export const AGENT_WIDGET_PATH = '/api/agent/enable-widget';
export const AGENT_WIDGET_SCRIPT_FIELD = 'script';
/** `{ agentId, workspaceId, greeting }`, `{ agentId, workspaceId, tags[] }` (SDK 1.1.5). */
export const AGENT_GREETING_PATH = '/api/agent/set-greeting';
export const AGENT_TAGS_PATH = '/api/agent/set-tags';

/**
 * Knowledge files. From a URL (SDK 1.1.5 addFile): `POST /api/agent/add-file` with the keys
 * capitalised as the SDK writes them, `{ WorkspaceId, FileUrl, Reference, AgentId, Tags? }`
 * → `fileId` (SDK 2). Uploaded (docs agent/add-file-direct, in no SDK): `POST
 * /api/agent/add-file-direct`, multipart/form-data with the parts `file`, `agentId`, `workspaceId`.
 * Status (validateFile): `GET /api/agent/validate-file?WorkspaceId&FileId` → `status` (SDK 2),
 * read from `data.status`, then `status`. Delete (deleteFile): `DELETE /api/agent/delete-file`
 * with the body `{ WorkspaceId, AgentId, FileId }`.
 */
export const AGENT_FILE_FROM_URL_PATH = '/api/agent/add-file';
export const AGENT_FILE_UPLOAD_PATH = '/api/agent/add-file-direct';
export const AGENT_FILE_STATUS_PATH = '/api/agent/validate-file';
export const AGENT_FILE_DELETE_PATH = '/api/agent/delete-file';
export const AGENT_FILE_ID_FIELDS = ['fileId', 'id', 'FileId'] as const;
/** The multipart part with the file (docs agent/add-file-direct and opportunity/add-files). */
export const UPLOAD_FILE_PART = 'file';
/**
 * The statuses that end Get File Status's wait (lower case). No source names them (SDK 2 only
 * prints `validated.status`): the usual words for a finished and a failed file; any other is still
 * processing. The file ID: `fileId` (SDK 2 README) or `id` (SDK 1.1.5 README). SDK 1.1.5's README:
 * only .pdf, .doc and .docx are processed.
 */
export const FILE_DONE_STATUSES = ['processed', 'completed', 'ready', 'success'] as const;
export const FILE_FAILED_STATUSES = ['failed', 'error', 'rejected'] as const;

/**
 * Template create and update (docs template/create and template/update): `POST /api/template` and
 * `PUT /api/template/{id}`, body `{ workspaceId, userId (create), elementName, languageCode,
 * category (MARKETING|UTILITY|AUTHENTICATION), templateType (TEXT|IMAGE|VIDEO|DOCUMENT),
 * components[{ type (HEADER|BODY|FOOTER|BUTTONS), format, text, buttons, variables[{ variable,
 * example }] }] }`. A created template is submitted to Meta and starts as PENDING.
 */
export const templateRecordPath = (templateId: string): string =>
	recordPath(TEMPLATE_PATH, templateId);
export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export const TEMPLATE_TYPES = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT'] as const;

/**
 * An opportunity's activities (docs opportunity/get-agent-activities): `GET` on the path Add
 * Activity posts to, `?workspaceId`, → `data[{ id, content, date, categoryType, userId,
 * creationDate }]`. Files (docs opportunity/add-files): `POST /api/opportunity/{id}/files`,
 * multipart/form-data with `file` and `workspaceId`. Update (white-label copy, API reference):
 * `PUT` on OPPORTUNITY_PATH with `?id&workspaceId`, the fields to change by name and
 * `customFields: [{ name, value }]`; the white-label page's `paramToUpdate` is not sent (Update
 * Contact works without it).
 */
export const opportunityFilesPath = (opportunityId: string): string =>
	`${recordPath(OPPORTUNITY_PATH, opportunityId)}/files`;
export const OPPORTUNITY_CUSTOM_FIELDS_FIELD = 'customFields';

import type { IDataObject } from 'n8n-workflow';

import { listIn, type PlazbotEnvelope, unreadableList } from '../helpers/records';

// Every choice between Plazbot's published sources, each with its source: hub (the owner's
// developers.plazbot.com page), SDK (plazbot-sdk-examples dist/core/*.js, trusted most), docs
// (docs.plazbot.com, plazbot.mintlify.app), white-label (isaacbeatbit/wabotify-docs).

/** In order, the second only after a 404 without Plazbot's envelope: hub; SDK 1.0.6–1.1.5. */
export const SEND_CONVERSATION_PATHS = ['/api/message/conversation', '/api/conversation'] as const;
// Both, same code: hub `type`; SDK 1.0.6–1.1.1, mintlify, white-label `sendType` (white-label
// files a body without it as API). The rest of the body is SDK 1.1.5's.
export const SEND_TYPE_BODY_FIELDS = ['type', 'sendType'] as const;
/** Hub and docs agree. Absent means Campaign. */
export const SEND_TYPE_CODES = { campaign: '1', individual: '2', api: '3' } as const;
export type SendType = keyof typeof SEND_TYPE_CODES;
/** Free text in WhatsApp's 24-hour window (SDK 1.1.5). */
export const SEND_MESSAGE_PATH = '/api/message';

// GET on the hub's send path. The hub gives `responseStatus` as "text or number", values
// undocumented: these words (any case, final "." or "!" dropped) read as sent.
export const LIST_CONVERSATIONS_PATH = '/api/message/conversation';
export const CONVERSATION_SENT_STATUS_WORDS = (
	'ok success successful sent delivered accepted enviado enviada ' +
	'entregado entregada exitoso exito éxito aceptado'
).split(' ');

/** Hub and docs: `data.continuationToken`; List Conversation's next is `newContinuationToken`. */
export const CONTINUATION_TOKEN_QUERY = 'continuationToken';
export const NEXT_PAGE_TOKEN_FIELDS = ['newContinuationToken', 'continuationToken'] as const;

// Contacts (hub, docs). Get by ID answers the contact in `data` (docs) or `{ contactId, data:
// [contact] }` (hub); both are read.
export const CONTACT_PATH = '/api/contact';
export const contactPath = (contactId: string): string => recordPath(CONTACT_PATH, contactId);
export const CONTACT_SEARCH_BY_EMAIL_PATH = '/api/contact/searchByEmail';
export const CONTACT_SEARCH_BY_PHONE_PATH = '/api/contact/searchByCellphone';
/** White-label only (docs contact/get-phone lists no query). */
export const CONTACT_PHONE_QUERY = 'cellphone';
/** White-label only: body `{ workspaceId, content }`. */
export const contactActivitiesPath = (contactId: string): string =>
	`${recordPath(CONTACT_PATH, contactId)}/activities`;

// Opportunities and tasks: the hub's pages are unreadable; REST-style as hub Get Contact By Id and
// docs opportunity/add-files are.
export const OPPORTUNITY_PATH = '/api/opportunity';
export const TASK_PATH = '/api/task';
export const recordPath = (collectionPath: string, id: string): string =>
	`${collectionPath}/${encodeURIComponent(id)}`;
/** White-label, and docs' GET on it: `{ workspaceId, content, date (ISO 8601), categoryType }`. */
export const opportunityActivityPath = (opportunityId: string): string =>
	`${recordPath(OPPORTUNITY_PATH, opportunityId)}/agent/activities`;
export const ACTIVITY_CATEGORIES = ['Calls', 'Meeting', 'Whatsapp', 'Email'] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

// Users: white-label (the hub's pages are unreadable).
export const USER_PATH = '/api/user';
export const USER_BY_EMAIL_PATH = '/api/user/email';
/** Docs "Login Access": `{ email, password }` → `data.token`. */
export const USER_LOGIN_PATH = '/api/user/login';
export const USER_SEND_RESET_PASSWORD_PATH = `${USER_PATH}/sendEmailToResetPassword`;
export const USER_RESET_PASSWORD_PATH = `${USER_PATH}/resetPassword`;
/** `company` unless the account is white-label. */
export const DEFAULT_USER_COMPANY = 'plazbot';

export const workspacePath = (workspaceId: string): string =>
	`/api/workspace/${encodeURIComponent(workspaceId)}`;

/** White-label "Update Agente IA Prompt": `{ workspaceId, urlDocument }`; `prompt` in no source. */
export const agentPromptPath = (nodeId: string): string =>
	`/api/automation/node/${encodeURIComponent(nodeId)}/prompt`;
export const AGENT_PROMPT_DOCUMENT_FIELD = 'urlDocument';
export const AGENT_PROMPT_BODY_FIELD = 'prompt';

// AI agents: SDK 1.1.5 dist/core/agent.js first, then docs and white-label. Where they disagree on
// a body the SDK's wins, and harmless docs keys go as well.
export const AGENT_LIST_PATH = '/api/agent/get-agents';
/** SDK getAgentById `id`, docs agent/get `agentId`: both, same value. */
export const AGENT_GET_PATH = '/api/agent/get-agent';
export const AGENT_GET_ID_QUERIES = ['id', 'agentId'] as const;
/** Docs answer the list in `data`, the SDK reads `agent`. */
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
/** SDK onMessage, white-label: `{ agentId, workspaceId, question, sessionId, file? }`. */
export const AGENT_ASK_PATH = '/api/agent/on-message';
/** SDK setInstructions/setPersona/setFallbacks/setRules: `{ agentId, workspaceId, ...fields }`. */
export const AGENT_SETTINGS_PATHS = {
	instructions: '/api/agent/set-instructions',
	persona: '/api/agent/set-persona',
	fallbacks: '/api/agent/set-fallbacks',
	rules: '/api/agent/set-rules',
} as const;
/** SDK addAgent (→ top-level `agentId`), updateAgent (header `x-agent-id`), deleteAgent. */
export const AGENT_CREATE_PATH = '/api/agent/add';
export const AGENT_CREATE_ID_FIELD = 'agentId';
export const AGENT_UPDATE_PATH = '/api/agent/update';
export const AGENT_UPDATE_ID_HEADER = 'x-agent-id';
export const AGENT_DELETE_PATH = '/api/agent/delete';
/** SDK copyAgent `?id&workspaceId`, docs agent/copy body `{ agentId, workspaceId }`: both. */
export const AGENT_COPY_PATH = '/api/agent/copy-agent';
/** SDK enableWidget and docs enable-widget key sets both; SDK 2 answers `script`. */
export const AGENT_WIDGET_PATH = '/api/agent/enable-widget';
export const AGENT_WIDGET_SCRIPT_FIELD = 'script';
/** SDK 1.1.5: `{ agentId, workspaceId, greeting }`, `{ agentId, workspaceId, tags[] }`. */
export const AGENT_GREETING_PATH = '/api/agent/set-greeting';
export const AGENT_TAGS_PATH = '/api/agent/set-tags';

// Knowledge files: SDK addFile (keys capitalised as the SDK writes them), validateFile, deleteFile;
// the upload from docs agent/add-file-direct (multipart `file`, `agentId`, `workspaceId`).
export const AGENT_FILE_FROM_URL_PATH = '/api/agent/add-file';
export const AGENT_FILE_UPLOAD_PATH = '/api/agent/add-file-direct';
export const AGENT_FILE_STATUS_PATH = '/api/agent/validate-file';
export const AGENT_FILE_DELETE_PATH = '/api/agent/delete-file';
/** SDK 2 README `fileId`, SDK 1.1.5 README `id`. */
export const AGENT_FILE_ID_FIELDS = ['fileId', 'id', 'FileId'] as const;
/** Docs agent/add-file-direct and opportunity/add-files. */
export const UPLOAD_FILE_PART = 'file';
/** In no source (SDK 2 prints `status`): the usual words; any other is still processing. */
export const FILE_DONE_STATUSES = ['processed', 'completed', 'ready', 'success'] as const;
export const FILE_FAILED_STATUSES = ['failed', 'error', 'rejected'] as const;

// Docs template/create and update (`POST`, `PUT /{id}`). Lists: in no source. The collection with
// `?workspaceId`, as every other list; after a 404 without Plazbot's envelope, `/actives` (which a
// third-party backend calls).
export const TEMPLATE_PATH = '/api/template';
export const TEMPLATE_LIST_PATHS = [TEMPLATE_PATH, '/api/template/actives'] as const;
export const templateRecordPath = (templateId: string): string =>
	recordPath(TEMPLATE_PATH, templateId);
/** Docs template/create `elementName`, SDK 2 index.ts `name`. Never its `id`. */
export const TEMPLATE_NAME_FIELDS = ['elementName', 'name'] as const;
export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export const TEMPLATE_TYPES = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT'] as const;
/** Docs template/create: these headers carry a file (Send Conversation's File URL). */
export const MEDIA_TEMPLATE_TYPES = ['IMAGE', 'VIDEO', 'DOCUMENT'] as const;

/** Docs task/get: paged by `pageNumber&pageSize`, unlike contacts. */
export const TASK_PAGE_SIZE = 50;

/** White-label only: `{ workspaceId, contactIds: [{ ids }] }`. */
export const CONTACT_DELETE_BATCH_PATH = '/api/contact/delete-batch';
export const contactDeleteBatchEntry = (contactId: string): { ids: string } => ({ ids: contactId });

/** White-label "Get Messages": `?contactId&continuationToken`. */
export const MESSAGE_PATH = '/api/message';
/** Docs "Buscar Mensajes": `?query&workspaceId&contactId?`. */
export const MESSAGE_SEARCH_PATH = '/api/message/get-query-messages';

/** Docs "Listar Usuarios". Needs the API key (Get Workspace does not): the credential's test. */
export const workspaceUsersPath = (workspaceId: string): string =>
	`/api/workspace/usersByWorkspaceId/${encodeURIComponent(workspaceId)}`;

/** SDK 1.1.5 registerWebhook / deleteWebhook: `POST { webhook }` replaces, `DELETE` removes. */
export const whatsappNumberWebhookPath = (workspaceId: string, number: string): string =>
	`${workspacePath(workspaceId)}/whatsapp/numbers/${encodeURIComponent(number)}/webhook`;
export const WEBHOOK_URL_BODY_FIELD = 'webhook';
/** White-label Get Workspace `integrations[{ type: "whatsapp", config: { phoneNumber } }]`. */
export const WHATSAPP_INTEGRATION_TYPE = 'whatsapp';
export const INTEGRATION_NUMBER_FIELDS = ['phoneNumber', 'number', 'phone', 'displayPhoneNumber'];

/** Docs opportunity/add-files: multipart `file`, `workspaceId`. */
export const opportunityFilesPath = (opportunityId: string): string =>
	`${recordPath(OPPORTUNITY_PATH, opportunityId)}/files`;
/** White-label Update: `customFields: [{ name, value }]`; its `paramToUpdate` is not sent. */
export const OPPORTUNITY_CUSTOM_FIELDS_FIELD = 'customFields';

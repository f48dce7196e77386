'use strict';
/**
 * The dialects of Plazbot's API the stand-in speaks (`createStandIn({ dialect })`, `--dialect` on
 * cli.js). Plazbot has published its API four ways that disagree (../../../shared/plazbot-api-sources.md);
 * the node must work against each, so each is a stand-in of its own:
 *
 * - `hub`:  the developer hub (developers.plazbot.com, April 2025; the owner's Send Conversation
 *           page), with the node's own guesses where the hub has no readable page (template list,
 *           task and opportunity paths). The default: the dialect the node was first written for.
 * - `sdk`:  Plazbot's SDK code, 1.0.6–1.1.5 (plazbot/plazbot-sdk-examples, node_modules/plazbot/
 *           dist/core/*.js) and SDK 2's usage (README, index.ts: `template.name`, `deleteContacts([ids])`).
 * - `docs`: docs.plazbot.com / plazbot.mintlify.app and the white-label copy
 *           (isaacbeatbit/wabotify-docs), where they agree.
 *
 * What differs, dialect by dialect (anything not listed is the same in all three):
 *
 * | Call | hub | sdk | docs |
 * | --- | --- | --- | --- |
 * | Send Conversation | `POST /api/message/conversation`, reads `type` | `POST /api/conversation`, reads `sendType` (1.0.6–1.1.1 sent `sendType: 3`), `file` | `POST /api/conversation`, reads `sendType` (default 3, API), `file`, `reference1..3` |
 * | The other send path | a web server's 404 (`Cannot POST /api/conversation`) | a web server's 404 | a web server's 404 |
 * | Variables as many as the template has | checked with `checkTemplateVariables: true` | checked | checked |
 * | Unknown template | 400 `TEMPLATE_NOT_FOUND` | 400 `TEMPLATE_NOT_FOUND` | **404** with Plazbot's envelope (white-label: "404 — Plantilla no encontrada") |
 * | Template list | `GET /api/template`, `data: [..]`, `elementName` | only `GET /api/template/actives` (third party), `data: [..]`, **`name`** (SDK 2 prints `template.name`) | only `GET /api/template/actives`, `data: { data: [..] }`, `elementName` |
 * | AI Agent → Get | `id` or `agentId` | only `id` (SDK 1.1.5 getAgentById) | only `agentId` (docs agent/get: required) |
 * | AI Agent → Get Many | `data: [..]` | `agent: [..]` beside the envelope (SDK 1.1.5 reads `response.data.agent`) | `data: [..]` |
 * | Task list | honours pageNumber and pageSize | **ignores pageNumber** (always page 1), records carry `_id`, not `id` | **caps pageSize at 20** |
 * | Contact / opportunity list | `data: { continuationToken, data: [..] }` | `data: { data: { continuationToken, data: [..] } }` (a third party reads `data.data.data`) | as hub |
 * | Message search | `data: [..]` | `data: { data: [..] }` | `data: [..]` (docs message/search) |
 * | Contact delete | `contactIds: [{ ids }]`; an unknown ID: 404 envelope | plain IDs or `{ ids }`; an unknown ID: **200** `"0 contactos eliminados"`, `data: { deleted: 0, notFound: [id] }` | as hub |
 *
 * The sdk dialect's delete answer, its `data.data` lists, and the task list's `_id` and ignored
 * pageNumber are not published anywhere: they are the answers the issue measured the node against
 * (a server the node must not misread), kept here so that no test can pass by trusting a shape.
 *
 * Every dialect answers a path it does not have the way a web server does: 404 with an HTML page
 * ("Cannot POST /api/conversation"), not Plazbot's `{ success: false, ... }` envelope. A 404 with
 * the envelope is Plazbot's own answer (a contact, template or task it did not find).
 */

const DIALECTS = {
	hub: {
		sendConversationPath: '/api/message/conversation',
		sendTypeField: 'type',
		/** What Plazbot files a conversation as when the type is absent (hub: "Por defecto … Campaign"). */
		defaultSendType: 1,
		unknownTemplateStatus: 400,
		checksTemplateVariables: false,
		templateListPath: '/api/template',
		templateNameField: 'elementName',
		templateListNested: false,
		agentIdQuery: ['id', 'agentId'],
		agentListField: 'data',
		taskPages: 'honoured',
		taskIdField: 'id',
		nestedContinuationLists: false,
		searchNested: false,
		deleteUnknownAnswer: 'notFound404',
	},
	sdk: {
		sendConversationPath: '/api/conversation',
		sendTypeField: 'sendType',
		defaultSendType: 3,
		unknownTemplateStatus: 400,
		checksTemplateVariables: true,
		templateListPath: '/api/template/actives',
		templateNameField: 'name',
		templateListNested: false,
		agentIdQuery: ['id'],
		agentListField: 'agent',
		taskPages: 'ignoresPageNumber',
		taskIdField: '_id',
		nestedContinuationLists: true,
		searchNested: true,
		deleteUnknownAnswer: 'zeroDeleted',
	},
	docs: {
		sendConversationPath: '/api/conversation',
		sendTypeField: 'sendType',
		defaultSendType: 3,
		unknownTemplateStatus: 404,
		checksTemplateVariables: true,
		templateListPath: '/api/template/actives',
		templateNameField: 'elementName',
		templateListNested: true,
		agentIdQuery: ['agentId'],
		agentListField: 'data',
		taskPages: 'cappedAt20',
		taskIdField: 'id',
		nestedContinuationLists: false,
		searchNested: false,
		deleteUnknownAnswer: 'notFound404',
	},
};

/** The most tasks a page of the docs dialect holds, whatever pageSize asks for. */
const DOCS_TASK_PAGE_CAP = 20;

const DIALECT_NAMES = Object.keys(DIALECTS);

function dialectNamed(name = 'hub') {
	const dialect = DIALECTS[name];
	if (!dialect)
		throw new Error(`Unknown stand-in dialect "${name}": use one of ${DIALECT_NAMES.join(', ')}`);
	return { name, ...dialect };
}

/** Express's answer to a path it has no route for: what a web server in front of Plazbot sends. */
function webServerNotFound(res, method, path) {
	const page =
		'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n' +
		`</head>\n<body>\n<pre>Cannot ${method} ${escapeHtml(path)}</pre>\n</body>\n</html>\n`;
	res.writeHead(404, {
		'Content-Type': 'text/html; charset=utf-8',
		'Content-Length': Buffer.byteLength(page),
		'Content-Security-Policy': "default-src 'none'",
	});
	res.end(page);
}

function escapeHtml(text) {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
	);
}

module.exports = { DIALECTS, DIALECT_NAMES, DOCS_TASK_PAGE_CAP, dialectNamed, webServerNotFound };

'use strict';
/**
 * The parts of Plazbot's contract every route shares: the answer envelope, the error a handler
 * throws, the 400s for missing or mistyped fields and a foreign workspace, and offset paging.
 * Kept in one place so that every resource refuses a request in the same words.
 */

/** Lists page by this many records. */
const PAGE_SIZE = 20;

const WORKSPACE_MISMATCH_MESSAGE = 'El workspaceId no coincide con el header x-workspace-id';
/** How Send Conversation and Update Agente IA Prompt word the same refusal. */
const BODY_WORKSPACE_MISMATCH =
	'El workspaceId del cuerpo no coincide con el header x-workspace-id';

function envelope(data, message = 'Ok', code = 200) {
	return { success: true, code, errorCode: null, message, data };
}

function failure(code, message, errorCode = null) {
	return { success: false, code, errorCode, message, data: null };
}

class HttpFailure extends Error {
	constructor(status, message, errorCode = null) {
		super(message);
		this.status = status;
		this.errorCode = errorCode;
	}
}

function requireText(source, field) {
	if (typeof source[field] !== 'string' || source[field].trim() === '') {
		throw new HttpFailure(400, `El campo ${field} es requerido`, 'VALIDATION_ERROR');
	}
}

/** Absent and null are allowed; anything but text is refused. */
function optionalText(source, field) {
	if (source[field] !== undefined && source[field] !== null && typeof source[field] !== 'string') {
		throw new HttpFailure(400, `El campo ${field} debe ser texto`, 'VALIDATION_ERROR');
	}
}

/** The workspaceId a body or query names must be the header's. */
function requireWorkspace(source, workspaceId, mismatchMessage = WORKSPACE_MISMATCH_MESSAGE) {
	requireText(source, 'workspaceId');
	if (source.workspaceId !== workspaceId)
		throw new HttpFailure(400, mismatchMessage, 'WORKSPACE_MISMATCH');
}

/**
 * One page of `records` from a continuation token. Tokens are offsets as text; anything else is
 * refused as a real API refuses a forged token. `next` is null on the last page.
 */
function pageOf(records, token) {
	let offset = 0;
	if (token !== undefined && token !== '') {
		if (!/^\d+$/.test(token) || Number(token) > records.length) {
			throw new HttpFailure(400, 'El continuationToken no es válido', 'INVALID_CONTINUATION_TOKEN');
		}
		offset = Number(token);
	}
	return {
		data: records.slice(offset, offset + PAGE_SIZE),
		next: offset + PAGE_SIZE < records.length ? String(offset + PAGE_SIZE) : null,
	};
}

/**
 * A continuation-token page as the dialect answers it: `{ continuationToken, data: [..] }`, or that
 * wrapped once more in `data` (the sdk dialect, ../dialects.js).
 */
function tokenPage(dialect, workspaceId, page) {
	const inner = { workspaceId, continuationToken: page.next, data: page.data };
	return dialect.nestedContinuationLists ? { data: inner } : inner;
}

module.exports = {
	tokenPage,
	PAGE_SIZE,
	BODY_WORKSPACE_MISMATCH,
	envelope,
	failure,
	HttpFailure,
	requireText,
	optionalText,
	requireWorkspace,
	pageOf,
};

/**
 * Plazbot's two documentation sets (the older developer hub and the newer API reference)
 * disagree on some names. Every choice we made between them lives here, so that following a
 * future change in the API is a one-line edit. See ../shared/plazbot-api.md.
 */

/** The hub's path; the newer docs show `/api/conversation`. */
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
 * Lists page in blocks of 20 with a continuation token. Contacts and opportunities return the
 * next token as `data.continuationToken`, List Conversation as `data.newContinuationToken`.
 */
export const CONTINUATION_TOKEN_QUERY = 'continuationToken';
export const NEXT_PAGE_TOKEN_FIELDS = ['continuationToken', 'newContinuationToken'] as const;

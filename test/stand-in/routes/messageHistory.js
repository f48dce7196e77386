'use strict';
/**
 * A contact's messages and the message search.
 * - Get Messages (white-label copy): `GET /api/message?contactId&continuationToken`, paged by 20
 *   like contacts: `data: { contactId, continuationToken, data: [message] }`.
 * - Search (docs.plazbot.com/api-reference/message/search):
 *   `GET /api/message/get-query-messages?query&workspaceId&contactId?`, `data` is the list.
 * Messages live in state.messages: Send Message adds to it, tests may seed it.
 */
const { requireText, requireWorkspace, pageOf } = require('../contract');

function register(router, { envelope, HttpFailure, state, dialect }) {
	state.messages = [];
	const resetOthers = state.reset;
	state.reset = () => {
		resetOthers();
		state.messages = [];
	};
	const ofWorkspace = (workspaceId) =>
		state.messages.filter((message) => message.workspaceId === workspaceId);

	router.get('/api/message', ({ query, workspaceId }) => {
		requireText(query, 'contactId');
		const contact = state.contacts.get(query.contactId);
		if (!contact || contact.workspaceId !== workspaceId) {
			throw new HttpFailure(404, `Contacto no encontrado: ${query.contactId}`, 'CONTACT_NOT_FOUND');
		}
		const page = pageOf(
			ofWorkspace(workspaceId).filter((message) => message.contactId === contact.id),
			query.continuationToken,
		);
		return envelope(
			{ contactId: contact.id, continuationToken: page.next, data: page.data },
			'List obtained successfully.',
		);
	});

	router.get('/api/message/get-query-messages', ({ query, workspaceId }) => {
		requireText(query, 'query');
		requireWorkspace(query, workspaceId);
		const needle = query.query.toLowerCase();
		const found = ofWorkspace(workspaceId).filter(
			(message) =>
				(!query.contactId || message.contactId === query.contactId) &&
				typeof message.content === 'string' &&
				message.content.toLowerCase().includes(needle),
		);
		// The sdk dialect wraps the list once more (../dialects.js).
		return envelope(dialect.searchNested ? { data: found } : found, 'Busqueda realizada');
	});
}

module.exports = { register };

'use strict';
/**
 * Delete contacts: `POST /api/contact/delete-batch` with `{ workspaceId, contactIds: [{ ids }] }`,
 * the body only the white-label copy documents (each entry an object whose `ids` is one contact ID).
 * An unknown ID: 404 with Plazbot's envelope (hub, docs); the sdk dialect (SDK 2's
 * `deleteContacts([ids])` takes plain IDs) also takes plain IDs and answers 200 whatever it found,
 * with the count and the IDs it did not find: `"0 contactos eliminados"`, `notFound: [id]`.
 */
const { requireWorkspace } = require('../contract');

function register(router, { envelope, HttpFailure, state, dialect }) {
	router.post('/api/contact/delete-batch', ({ body, workspaceId }) => {
		requireWorkspace(body, workspaceId);
		const entries = body.contactIds;
		if (!Array.isArray(entries) || entries.length === 0) {
			throw new HttpFailure(400, 'El campo contactIds es requerido', 'VALIDATION_ERROR');
		}
		const plainIds = dialect.deleteUnknownAnswer === 'zeroDeleted';
		const idOf = (entry) => (plainIds && typeof entry === 'string' ? entry : entry?.ids);
		if (entries.some((entry) => typeof idOf(entry) !== 'string' || idOf(entry).trim() === '')) {
			throw new HttpFailure(400, 'Cada elemento de contactIds debe tener ids', 'VALIDATION_ERROR');
		}
		const ids = entries.map(idOf);
		const missing = ids.filter((id) => state.contacts.get(id)?.workspaceId !== workspaceId);
		if (plainIds) {
			const deleted = ids.filter((id) => !missing.includes(id));
			for (const id of deleted) state.contacts.delete(id);
			return envelope(
				{ deleted: deleted.length, notFound: missing },
				`${deleted.length} contactos eliminados`,
			);
		}
		if (missing.length)
			throw new HttpFailure(
				404,
				`Contacto no encontrado: ${missing.join(', ')}`,
				'CONTACT_NOT_FOUND',
			);
		for (const id of ids) state.contacts.delete(id);
		return envelope(null, 'Contacts deleted successfully.');
	});
}

module.exports = { register };

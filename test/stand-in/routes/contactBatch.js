'use strict';
/**
 * Delete contacts: `POST /api/contact/delete-batch` with `{ workspaceId, contactIds: [{ ids }] }`,
 * the body only the white-label copy documents (each entry an object whose `ids` is one contact ID).
 */
const { requireWorkspace } = require('../contract');

function register(router, { envelope, HttpFailure, state }) {
	router.post('/api/contact/delete-batch', ({ body, workspaceId }) => {
		requireWorkspace(body, workspaceId);
		const entries = body.contactIds;
		if (!Array.isArray(entries) || entries.length === 0) {
			throw new HttpFailure(400, 'El campo contactIds es requerido', 'VALIDATION_ERROR');
		}
		if (entries.some((entry) => typeof entry?.ids !== 'string' || entry.ids.trim() === '')) {
			throw new HttpFailure(400, 'Cada elemento de contactIds debe tener ids', 'VALIDATION_ERROR');
		}
		const missing = entries
			.map((entry) => entry.ids)
			.filter((id) => state.contacts.get(id)?.workspaceId !== workspaceId);
		if (missing.length)
			throw new HttpFailure(
				404,
				`Contacto no encontrado: ${missing.join(', ')}`,
				'CONTACT_NOT_FOUND',
			);
		for (const { ids } of entries) state.contacts.delete(ids);
		return envelope(null, 'Contacts deleted successfully.');
	});
}

module.exports = { register };

'use strict';

const SEND_TYPES = new Set(['1', '2', '3']);

/** The templates this stand-in knows; any other name is refused as Plazbot refuses unknown templates. */
const KNOWN_TEMPLATES = new Set([
	'hello_world',
	'order_confirmation',
	'welcome',
	'appointment_reminder',
	'promo_campaign',
]);

function register(router, { envelope, HttpFailure, state, settings }) {
	router.post('/api/message/conversation', ({ body, workspaceId }) => {
		requireString(body, 'workspaceId', HttpFailure);
		if (body.workspaceId !== workspaceId) {
			throw new HttpFailure(400, 'El workspaceId del cuerpo no coincide con el header x-workspace-id', 'WORKSPACE_MISMATCH');
		}
		requireString(body, 'template', HttpFailure);
		requireString(body, 'destination', HttpFailure);
		if (!/^\d{8,15}$/.test(body.destination)) {
			throw new HttpFailure(400, `Número de destino inválido: ${body.destination}`, 'INVALID_DESTINATION');
		}
		for (const field of ['variablesBody', 'variablesHeader']) {
			const list = body[field];
			if (list === undefined || list === null) continue;
			if (!Array.isArray(list) || list.some((entry) => typeof entry?.variable !== 'string' || typeof entry?.value !== 'string')) {
				throw new HttpFailure(400, `El campo ${field} debe ser una lista de { variable, value } de texto`, 'VALIDATION_ERROR');
			}
		}
		if (body.type !== undefined && body.type !== null && !SEND_TYPES.has(String(body.type))) {
			throw new HttpFailure(400, `Tipo de envío inválido: ${body.type}`, 'VALIDATION_ERROR');
		}
		if (body.campaignName !== undefined && body.campaignName !== null && typeof body.campaignName !== 'string') {
			throw new HttpFailure(400, 'El campo campaignName debe ser texto', 'VALIDATION_ERROR');
		}
		if (!(settings.acceptAnyTemplate || KNOWN_TEMPLATES.has(body.template))) {
			throw new HttpFailure(400, `La plantilla ${body.template} no existe o no está aprobada`, 'TEMPLATE_NOT_FOUND');
		}

		let contact = state.findContactByPhone(body.destination);
		if (!contact) {
			contact = {
				id: state.newId('c'),
				creationDate: state.now(),
				name: '',
				lastname: '',
				email: null,
				platformId: 2,
				platformSenderPhone: body.destination,
				internalWhatsappNumber: body.destination,
				workspaceId,
				tags: [],
				customFields: [],
				isManuallyAdded: false,
			};
			state.contacts.set(contact.id, contact);
		}
		state.deliveries.set(body.destination, (state.deliveries.get(body.destination) ?? 0) + 1);
		state.conversations.push({
			id: state.newId('v'),
			contactId: contact.id,
			workspaceId,
			templateCode: body.template,
			type: Number(body.type ?? 1),
			campaignName: body.campaignName ?? null,
			platformSenderPhone: body.destination,
			requestBody: JSON.stringify(body),
			responseStatus: 200,
			creationDate: state.now(),
		});
		return envelope({ contactId: contact.id }, 'Conversation sent successfully.');
	});
}

function requireString(body, field, HttpFailure) {
	if (typeof body[field] !== 'string' || body[field].trim() === '') {
		throw new HttpFailure(400, `El campo ${field} es requerido`, 'VALIDATION_ERROR');
	}
}

module.exports = { register, KNOWN_TEMPLATES, requireString };

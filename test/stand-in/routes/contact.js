'use strict';
/**
 * Contacts: list (paged by 20), create, update, read by ID, email and phone, and activities.
 * Contacts live in `state.contacts`, which Send Conversation also fills.
 */
const {
	PAGE_SIZE,
	requireText,
	optionalText,
	requireWorkspace,
	pageOf,
	tokenPage,
} = require('../contract');

const CHANNELS = new Set([1, 2, 3, 4, 5]);
const UPDATABLE_FIELDS = ['name', 'lastname', 'email', 'stageId', 'segmentationId'];
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_PATTERN = /^\d{8,15}$/;

/** A contact with every field Get Contacts documents; `fields` overrides the defaults. */
function buildContact(state, workspaceId, fields = {}) {
	const now = state.now();
	return {
		id: state.newId('c'),
		creationDate: now,
		assignedAgentId: null,
		assignedAgentName: null,
		segmentationId: null,
		lastMessage: null,
		lastMessageDate: null,
		platformSenderId: null,
		platformSenderName: '',
		platformSenderPhone: fields.internalWhatsappNumber ?? null,
		platformSenderEmail: fields.email ?? null,
		isRead: false,
		isBotEnabled: true,
		isManuallyAdded: true,
		tags: [],
		customFields: [],
		files: [],
		isSolved: false,
		workspaceId,
		name: '',
		lastname: '',
		email: null,
		platformId: 2,
		stageId: null,
		internalWhatsappNumber: null,
		blocked: false,
		...fields,
	};
}

function register(router, { envelope, HttpFailure, state, settings, dialect }) {
	/** Activities per contact object, so that a reset (which empties the contacts) forgets them too. */
	const activities = new WeakMap();
	state.contactActivities = (contactId) => activities.get(state.contacts.get(contactId)) ?? [];

	const findContact = (id, workspaceId) => {
		const contact = state.contacts.get(id);
		if (!contact || contact.workspaceId !== workspaceId) {
			throw new HttpFailure(404, `Contacto no encontrado: ${id}`, 'CONTACT_NOT_FOUND');
		}
		return contact;
	};
	const contactsOf = (workspaceId) =>
		[...state.contacts.values()].filter((contact) => contact.workspaceId === workspaceId);
	const checkEmail = (value) => {
		if (typeof value !== 'string' || !EMAIL_PATTERN.test(value)) {
			throw new HttpFailure(400, `El email no es válido: ${value}`, 'VALIDATION_ERROR');
		}
	};

	router.get('/api/contact', ({ query, workspaceId }) => {
		requireWorkspace(query, workspaceId);
		const all = contactsOf(workspaceId);
		const page = pageOf(all, query.continuationToken);
		return envelope(tokenPage(dialect, workspaceId, page), 'List obtained successfully.');
	});

	router.post('/api/contact', ({ body, workspaceId }) => {
		requireWorkspace(body, workspaceId);
		requireText(body, 'name');
		if (!CHANNELS.has(body.platformId)) {
			throw new HttpFailure(
				400,
				`El platformId no es válido: ${body.platformId}`,
				'VALIDATION_ERROR',
			);
		}
		if (body.platformId === 2) {
			requireText(body, 'internalWhatsappNumber');
			if (!PHONE_PATTERN.test(body.internalWhatsappNumber)) {
				throw new HttpFailure(
					400,
					`Número de WhatsApp inválido: ${body.internalWhatsappNumber}`,
					'VALIDATION_ERROR',
				);
			}
		} else {
			requireText(body, 'email');
		}
		if (body.email !== undefined && body.email !== null) checkEmail(body.email);
		for (const field of ['lastname', 'stageId']) optionalText(body, field);
		const contact = buildContact(state, workspaceId, {
			name: body.name,
			lastname: body.lastname ?? '',
			email: body.email ?? null,
			platformId: body.platformId,
			stageId: body.stageId ?? null,
			internalWhatsappNumber: body.internalWhatsappNumber ?? null,
		});
		state.contacts.set(contact.id, contact);
		return envelope({ id: contact.id, contact }, 'Contact created successfully.');
	});

	router.put('/api/contact', ({ query, body, workspaceId }) => {
		requireText(query, 'id');
		requireWorkspace(query, workspaceId);
		const contact = findContact(query.id, workspaceId);
		const fields = Object.keys(body ?? {});
		if (fields.length === 0)
			throw new HttpFailure(
				400,
				'Debe enviar al menos un campo para actualizar',
				'VALIDATION_ERROR',
			);
		const unknown = fields.filter((field) => !UPDATABLE_FIELDS.includes(field));
		if (unknown.length) {
			throw new HttpFailure(
				400,
				`Campo no actualizable: ${unknown.join(', ')}`,
				'VALIDATION_ERROR',
			);
		}
		for (const field of fields) {
			if (typeof body[field] !== 'string')
				throw new HttpFailure(400, `El campo ${field} debe ser texto`, 'VALIDATION_ERROR');
		}
		if (body.email !== undefined) checkEmail(body.email);
		Object.assign(contact, body);
		if (body.email !== undefined) contact.platformSenderEmail = body.email;
		return envelope({ id: contact.id, contact }, 'Contact updated successfully.');
	});

	// Registered before /api/contact/:id, which would otherwise take "searchByEmail" for an ID.
	router.get('/api/contact/searchByEmail', ({ query, workspaceId }) => {
		requireText(query, 'email');
		requireWorkspace(query, workspaceId);
		const email = query.email.trim().toLowerCase();
		const found = contactsOf(workspaceId).filter((contact) =>
			[contact.email, contact.platformSenderEmail].some(
				(value) => typeof value === 'string' && value.toLowerCase() === email,
			),
		);
		if (!found.length)
			throw new HttpFailure(
				404,
				`No se encontró un contacto con el email ${query.email}`,
				'CONTACT_NOT_FOUND',
			);
		return envelope({ contactId: found[0].id, data: found }, 'Successfully obtained list.');
	});

	router.get('/api/contact/searchByCellphone', ({ query, workspaceId }) => {
		requireText(query, 'cellphone');
		requireWorkspace(query, workspaceId);
		if (!PHONE_PATTERN.test(query.cellphone)) {
			throw new HttpFailure(
				400,
				`Número de teléfono inválido: ${query.cellphone}`,
				'VALIDATION_ERROR',
			);
		}
		const found = contactsOf(workspaceId).filter(
			(contact) =>
				contact.platformSenderPhone === query.cellphone ||
				contact.internalWhatsappNumber === query.cellphone,
		);
		if (!found.length)
			throw new HttpFailure(
				404,
				`No se encontró un contacto con el número ${query.cellphone}`,
				'CONTACT_NOT_FOUND',
			);
		return envelope({ contactId: found[0].id, data: found }, 'Successfully obtained list.');
	});

	router.get('/api/contact/:id', ({ params, query, workspaceId }) => {
		if (query.workspaceId !== undefined) requireWorkspace(query, workspaceId);
		const contact = findContact(params.id, workspaceId);
		// The hub documents the contact wrapped in a list; the newer docs give it directly.
		if (settings.contactByIdShape === 'hub') {
			return envelope({ contactId: contact.id, data: [contact] }, 'Successfully obtained list.');
		}
		return envelope(contact, 'Contact obtained successfully.');
	});

	router.post('/api/contact/:id/activities', ({ params, body, workspaceId }) => {
		requireWorkspace(body, workspaceId);
		requireText(body, 'content');
		const contact = findContact(params.id, workspaceId);
		const list = activities.get(contact) ?? [];
		list.push({ id: state.newId('a'), content: body.content, creationDate: state.now() });
		activities.set(contact, list);
		return envelope(null, 'The activity was recorded successfully.');
	});
}

module.exports = { register, buildContact, PAGE_SIZE };

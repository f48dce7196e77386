'use strict';
const {
	requireText,
	optionalText,
	requireWorkspace,
	pageOf,
	BODY_WORKSPACE_MISMATCH,
} = require('../contract');

const SEND_TYPES = new Set(['1', '2', '3']);

/** The templates this stand-in knows; any other name is refused as Plazbot refuses unknown templates. */
const KNOWN_TEMPLATES = new Set([
	'hello_world',
	'order_confirmation',
	'welcome',
	'appointment_reminder',
	'promo_campaign',
]);

/**
 * Send Conversation on the dialect's path (./../dialects.js): the hub's `/api/message/conversation`
 * reads the send type from `type`, the SDK's and the docs' `/api/conversation` from `sendType`; each
 * ignores the other name, as a server ignores a field it does not know. The variables must be as
 * many as the template has (the white-label copy: they "deben coincidir con los placeholders";
 * Meta refuses a template message with a variable missing or extra): checked by the sdk and docs
 * dialects, and by the hub one with `checkTemplateVariables: true` (its older tests send the
 * seeded templates with any variables).
 */
function register(router, { envelope, HttpFailure, state, settings, dialect, faults }) {
	router.post(dialect.sendConversationPath, ({ body, workspaceId }) => {
		requireWorkspace(body, workspaceId, BODY_WORKSPACE_MISMATCH);
		requireText(body, 'template');
		requireText(body, 'destination');
		if (!/^\d{8,15}$/.test(body.destination)) {
			throw new HttpFailure(
				400,
				`Número de destino inválido: ${body.destination}`,
				'INVALID_DESTINATION',
			);
		}
		for (const field of ['variablesBody', 'variablesHeader']) {
			const list = body[field];
			if (list === undefined || list === null) continue;
			if (
				!Array.isArray(list) ||
				list.some(
					(entry) => typeof entry?.variable !== 'string' || typeof entry?.value !== 'string',
				)
			) {
				throw new HttpFailure(
					400,
					`El campo ${field} debe ser una lista de { variable, value } de texto`,
					'VALIDATION_ERROR',
				);
			}
		}
		const sendType = body[dialect.sendTypeField];
		if (sendType !== undefined && sendType !== null && !SEND_TYPES.has(String(sendType))) {
			throw new HttpFailure(400, `Tipo de envío inválido: ${sendType}`, 'VALIDATION_ERROR');
		}
		optionalText(body, 'campaignName');
		if (!(settings.acceptAnyTemplate || KNOWN_TEMPLATES.has(body.template))) {
			throw new HttpFailure(
				dialect.unknownTemplateStatus,
				`La plantilla ${body.template} no existe o no está aprobada`,
				'TEMPLATE_NOT_FOUND',
			);
		}
		const template = [...(state.templates?.values() ?? [])].find(
			(candidate) => candidate.elementName === body.template,
		);
		if (template && (settings.checkTemplateVariables ?? dialect.checksTemplateVariables))
			requireVariableCounts(template, body, HttpFailure);

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
			// What Plazbot files the conversation as: the type under this dialect's name, else its default.
			type: Number(sendType ?? dialect.defaultSendType),
			campaignName: body.campaignName ?? null,
			platformSenderPhone: body.destination,
			requestBody: JSON.stringify(body),
			responseStatus: 200,
			creationDate: state.now(),
		});
		return envelope({ contactId: contact.id }, 'Conversation sent successfully.');
	});

	router.get('/api/message/conversation', ({ query, workspaceId }) => {
		requireWorkspace(query, workspaceId);
		const page = pageOf(state.conversations, query.continuationToken);
		const shape = faults().conversationShape;
		const records = page.data.map((stored) => oddConversation(conversationRecord(stored), shape));
		// The token the page was asked with comes back as continuationToken; the next one is newContinuationToken.
		return envelope(
			{
				workspaceId,
				continuationToken: query.continuationToken ?? null,
				newContinuationToken: page.next,
				[shape === 'listUnderItems' ? 'items' : 'data']: records,
			},
			'List obtained successfully.',
		);
	});

	router.post('/api/message', ({ body, workspaceId }) => {
		requireWorkspace(body, workspaceId);
		// SDK 1.1.5 sends only workspaceId, recipientPhone and content: contactId is optional.
		optionalText(body, 'contactId');
		requireText(body, 'content');
		requireText(body, 'recipientPhone');
		if (!/^\d{8,15}$/.test(body.recipientPhone)) {
			throw new HttpFailure(
				400,
				`Número de destino inválido: ${body.recipientPhone}`,
				'INVALID_DESTINATION',
			);
		}
		if (body.content.length > WHATSAPP_TEXT_MAX_LENGTH) {
			throw new HttpFailure(
				400,
				`El contenido supera los ${WHATSAPP_TEXT_MAX_LENGTH} caracteres`,
				'VALIDATION_ERROR',
			);
		}
		for (const field of ['externalReferenceId', 'agentSendedId']) optionalText(body, field);
		const contact = body.contactId
			? state.contacts.get(body.contactId)
			: state.findContactByPhone(body.recipientPhone);
		if (!contact)
			throw new HttpFailure(
				404,
				`Contacto no encontrado: ${body.contactId ?? body.recipientPhone}`,
				'CONTACT_NOT_FOUND',
			);
		const message = {
			id: state.newId('m'),
			messageWhatsappId: `wamid.${state.newId('w')}`,
			contactId: contact.id,
			content: body.content,
			workspaceId,
			recipientPhone: body.recipientPhone,
			externalReferenceId: body.externalReferenceId ?? null,
			platformId: '2',
			answerAgentId: body.agentSendedId ?? null,
			answerType: body.agentSendedId ? 'agent' : 'api',
		};
		state.messages?.push({ ...message, type: 'text', from: 'agent', timestamp: state.now() });
		return envelope({ contactId: contact.id, message }, 'Message sent successfully.');
	});
}

const WHATSAPP_TEXT_MAX_LENGTH = 4096;

/** The template's header and body variables must each be given, no more and no fewer. */
function requireVariableCounts(template, body, HttpFailure) {
	for (const [type, field] of [
		['HEADER', 'variablesHeader'],
		['BODY', 'variablesBody'],
	]) {
		const expected = (template.components ?? [])
			.filter((component) => component.type === type)
			.reduce((count, component) => count + (component.variables?.length ?? 0), 0);
		const given = Array.isArray(body[field]) ? body[field].length : 0;
		if (given !== expected) {
			throw new HttpFailure(
				400,
				`La plantilla ${template.elementName} espera ${expected} variables en ${field}, se recibieron ${given}`,
				'TEMPLATE_VARIABLES_MISMATCH',
			);
		}
	}
}

/** Every field List Conversation documents, null where the stand-in does not track it. */
function conversationRecord(stored) {
	return {
		id: stored.id,
		contactId: stored.contactId,
		workspaceId: stored.workspaceId,
		internalWhatsappNumber: null,
		platformSenderId: null,
		platformSenderName: null,
		platformSenderPhone: stored.platformSenderPhone ?? null,
		workspaceName: null,
		templateCode: stored.templateCode,
		templateType: null,
		type: stored.type,
		campaignName: stored.campaignName ?? null,
		agentSenderId: null,
		requestBody: stored.requestBody ?? null,
		responseBody: null,
		responseStatus: stored.responseStatus === undefined ? null : String(stored.responseStatus),
		creationDate: stored.creationDate,
	};
}

/** A conversation record in one of the shapes faults.conversationShape names. */
function oddConversation(record, shape) {
	if (shape === 'destinationOnlyInPhone') {
		const body = JSON.parse(record.requestBody ?? '{}');
		delete body.destination;
		return { ...record, requestBody: JSON.stringify(body) };
	}
	if (shape === 'statusOk') return { ...record, responseStatus: 'OK' };
	if (shape === 'statusEnviado') return { ...record, responseStatus: 'Enviado' };
	if (shape === 'statusUnknown') return { ...record, responseStatus: 'PENDIENTE' };
	if (shape === 'noCampaignName') {
		const { campaignName: _campaignName, ...rest } = record;
		return rest;
	}
	return record;
}

module.exports = { register, KNOWN_TEMPLATES };

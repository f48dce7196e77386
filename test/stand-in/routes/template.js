'use strict';
/**
 * WhatsApp templates (docs.plazbot.com/api-reference/template: create `POST /api/template`,
 * update `PUT /api/template/{id}`). No source publishes the list: the hub dialect answers it at
 * `GET /api/template?workspaceId` (the node's first guess), the sdk and docs dialects only at
 * `GET /api/template/actives` (a third party's path), the sdk one naming each template `name` as
 * SDK 2 prints it (../dialects.js). The seeded templates are the ones Send Conversation accepts.
 */
const { requireText, requireWorkspace, BODY_WORKSPACE_MISMATCH } = require('../contract');

const CATEGORIES = new Set(['MARKETING', 'UTILITY', 'AUTHENTICATION']);
const TYPES = new Set(['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT']);

const text = (type, body, variables = []) => ({
	type,
	format: 'TEXT',
	text: body,
	buttons: [],
	variables,
});
const media = (format) => ({ type: 'HEADER', format, text: null, buttons: [], variables: [] });

/** Templates every stand-in workspace starts with. */
function seedTemplates() {
	return [
		{
			id: 'tpl-hello',
			elementName: 'hello_world',
			languageCode: 'en',
			category: 'UTILITY',
			templateType: 'TEXT',
			status: 'APPROVED',
			components: [text('BODY', 'Hello from Plazbot!')],
		},
		{
			id: 'tpl-order',
			elementName: 'order_confirmation',
			languageCode: 'es',
			category: 'UTILITY',
			templateType: 'TEXT',
			status: 'APPROVED',
			components: [
				text('HEADER', 'Pedido {{1}}', [{ variable: '1', example: 'A-1001' }]),
				text('BODY', 'Hola {{1}}, tu pedido {{2}} está confirmado.', [
					{ variable: '1', example: 'Ana' },
					{ variable: '2', example: 'A-1001' },
				]),
			],
		},
		{
			id: 'tpl-welcome',
			elementName: 'welcome',
			languageCode: 'es',
			category: 'MARKETING',
			templateType: 'TEXT',
			status: 'APPROVED',
			components: [text('BODY', '¡Bienvenido {{1}}!', [{ variable: '1', example: 'Luis' }])],
		},
		{
			id: 'tpl-appointment',
			elementName: 'appointment_reminder',
			languageCode: 'es',
			category: 'UTILITY',
			templateType: 'DOCUMENT',
			status: 'APPROVED',
			components: [
				media('DOCUMENT'),
				text('BODY', 'Su cita es el {{1}} a las {{2}}.', [
					{ variable: '1', example: '12/05' },
					{ variable: '2', example: '10:00' },
				]),
			],
		},
		{
			id: 'tpl-promo',
			elementName: 'promo_campaign',
			languageCode: 'es',
			category: 'MARKETING',
			templateType: 'IMAGE',
			status: 'APPROVED',
			components: [
				media('IMAGE'),
				text('BODY', '{{1}}% de descuento hoy', [{ variable: '1', example: '20' }]),
			],
		},
	];
}

function register(router, { envelope, HttpFailure, state, dialect }) {
	const seed = () => {
		state.templates = new Map(seedTemplates().map((template) => [template.id, template]));
	};
	seed();
	// A reset forgets created templates and brings back the seeded ones.
	const resetOthers = state.reset;
	state.reset = () => {
		resetOthers();
		seed();
	};
	const templates = () => state.templates;
	const validate = (body, partial) => {
		for (const field of ['elementName', 'languageCode', 'category', 'templateType']) {
			if (!partial || body[field] !== undefined) requireText(body, field);
		}
		if (body.category !== undefined && !CATEGORIES.has(body.category))
			throw new HttpFailure(400, `Categoría inválida: ${body.category}`, 'VALIDATION_ERROR');
		if (body.templateType !== undefined && !TYPES.has(body.templateType))
			throw new HttpFailure(
				400,
				`Tipo de plantilla inválido: ${body.templateType}`,
				'VALIDATION_ERROR',
			);
		if ((!partial || body.components !== undefined) && !Array.isArray(body.components)) {
			throw new HttpFailure(400, 'El campo components es requerido', 'VALIDATION_ERROR');
		}
	};

	/** A template as this dialect lists it: its name under the dialect's field. */
	const listed = (template) => {
		if (dialect.templateNameField === 'elementName') return template;
		const { elementName, ...rest } = template;
		return { ...rest, [dialect.templateNameField]: elementName };
	};
	router.get(dialect.templateListPath, ({ query, workspaceId }) => {
		requireWorkspace(query, workspaceId);
		const approved = [...templates().values()]
			.filter((template) => dialect.templateListPath === '/api/template' || isActive(template))
			.map(listed);
		return envelope(
			dialect.templateListNested ? { data: approved } : approved,
			'Plantillas obtenidas',
		);
	});

	router.get('/api/template/:id', ({ params, query, workspaceId }) => {
		if (query.workspaceId !== undefined) requireWorkspace(query, workspaceId);
		const template = templates().get(params.id);
		if (!template)
			throw new HttpFailure(404, `Plantilla no encontrada: ${params.id}`, 'TEMPLATE_NOT_FOUND');
		return envelope(template, 'Plantilla obtenida');
	});

	router.post('/api/template', ({ body, workspaceId }) => {
		requireWorkspace(body, workspaceId, BODY_WORKSPACE_MISMATCH);
		requireText(body, 'userId');
		validate(body, false);
		const id = state.newId('tp');
		const template = { id, status: 'PENDING', ...body };
		delete template.workspaceId;
		delete template.userId;
		templates().set(id, template);
		return envelope(
			{ plantilla: { id, elementName: template.elementName, status: template.status } },
			'Plantilla creada',
		);
	});

	router.put('/api/template/:id', ({ params, body, workspaceId }) => {
		requireWorkspace(body, workspaceId, BODY_WORKSPACE_MISMATCH);
		validate(body, true);
		const template = templates().get(params.id);
		if (!template)
			throw new HttpFailure(404, `Plantilla no encontrada: ${params.id}`, 'TEMPLATE_NOT_FOUND');
		const { workspaceId: _ignored, ...changes } = body;
		Object.assign(template, changes);
		return envelope({}, 'Plantilla actualizada');
	});
}

const isActive = (template) => template.status === 'APPROVED';

module.exports = { register, seedTemplates };

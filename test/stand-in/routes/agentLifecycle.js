'use strict';
/**
 * An AI agent's life (Plazbot SDK 1.1.5 agent.js; docs.plazbot.com/api-reference/agent): create
 * (`add`, the agent.config.json body → top-level `agentId`), update (`update`, the agent named by
 * the `x-agent-id` header), delete (`delete?id&workspaceId`), copy (`copy-agent`: the SDK's
 * `?id&workspaceId` or the docs' body `{ agentId, workspaceId }`), the widget (`enable-widget`:
 * the SDK's `{ workspaceId, id, enableWidget }` or the docs' `{ agentId, widgetEnabled,
 * workspaceId }`, answering the embed script), the greeting and the tags.
 */
const { requireText, requireWorkspace, BODY_WORKSPACE_MISMATCH } = require('../contract');

const COLORS = new Set(['blue', 'orange', 'gray', 'green', 'white']);

function register(router, { envelope, HttpFailure, state }) {
	const findAgent = (id) => {
		const agent = state.agents.get(id);
		if (!agent) throw new HttpFailure(404, `Agente no encontrado: ${id}`, 'AGENT_NOT_FOUND');
		return agent;
	};
	const validateConfig = (config, creating) => {
		if (creating) requireText(config, 'name');
		else if (config.name !== undefined) requireText(config, 'name');
		if (config.color !== undefined && !COLORS.has(config.color))
			throw new HttpFailure(400, `Color inválido: ${config.color}`, 'VALIDATION_ERROR');
		if (
			config.buffer !== undefined &&
			(!Number.isInteger(config.buffer) || config.buffer < 3 || config.buffer > 10)
		)
			throw new HttpFailure(400, 'El campo buffer debe estar entre 3 y 10', 'VALIDATION_ERROR');
		if (config.zone !== undefined && config.zone !== 'LA' && config.zone !== 'EU')
			throw new HttpFailure(400, `Zona inválida: ${config.zone}`, 'VALIDATION_ERROR');
		if (config.enable !== undefined && typeof config.enable !== 'boolean')
			throw new HttpFailure(400, 'El campo enable debe ser booleano', 'VALIDATION_ERROR');
	};
	/** The same value under two names must agree; either one alone is enough. */
	const eitherOf = (body, first, second) => {
		if (body[first] !== undefined && body[second] !== undefined && body[first] !== body[second])
			throw new HttpFailure(400, `${first} y ${second} no coinciden`, 'VALIDATION_ERROR');
		return body[first] ?? body[second];
	};

	router.post('/api/agent/add', ({ body }) => {
		if (Object.keys(body).length === 0)
			throw new HttpFailure(400, 'La configuración del agente es requerida', 'VALIDATION_ERROR');
		validateConfig(body, true);
		const id = state.newId('ag');
		state.agents.set(id, {
			...body,
			id,
			widgetEnabled: false,
			creationDate: state.now(),
			files: [],
		});
		// SDK 1.1.5 addAgent reads `agentId` at the top of the body.
		return { success: true, code: 200, errorCode: null, message: 'Agente creado', agentId: id };
	});

	router.post('/api/agent/update', ({ body, headers }) => {
		const id = headers['x-agent-id'];
		if (typeof id !== 'string' || id.trim() === '')
			throw new HttpFailure(400, 'El header x-agent-id es requerido', 'VALIDATION_ERROR');
		const agent = findAgent(id);
		if (Object.keys(body).length === 0)
			throw new HttpFailure(400, 'La configuración del agente es requerida', 'VALIDATION_ERROR');
		validateConfig(body, false);
		const { id: _ignored, ...changes } = body;
		Object.assign(agent, changes, { updatedDate: state.now() });
		return envelope(null, 'Agente actualizado correctamente');
	});

	router.delete('/api/agent/delete', ({ query, workspaceId }) => {
		requireWorkspace(query, workspaceId);
		requireText(query, 'id');
		findAgent(query.id);
		state.agents.delete(query.id);
		return envelope(null, 'Agente eliminado');
	});

	router.post('/api/agent/copy-agent', ({ query, body, workspaceId }) => {
		const fromQuery = query.id !== undefined;
		if (fromQuery) requireWorkspace(query, workspaceId);
		if (body.agentId !== undefined || body.workspaceId !== undefined)
			requireWorkspace(body, workspaceId, BODY_WORKSPACE_MISMATCH);
		const id = eitherOf({ a: query.id, b: body.agentId }, 'a', 'b');
		if (typeof id !== 'string' || id.trim() === '')
			throw new HttpFailure(400, 'El campo id es requerido', 'VALIDATION_ERROR');
		const source = findAgent(id);
		const copyId = state.newId('ag');
		const copy = {
			...structuredClone(source),
			id: copyId,
			name: `${source.name} (copia)`,
			creationDate: state.now(),
			files: [],
		};
		state.agents.set(copyId, copy);
		return envelope({ ...copy, workspaceId }, 'Agente copiado');
	});

	router.post('/api/agent/enable-widget', ({ body, workspaceId }) => {
		requireWorkspace(body, workspaceId, BODY_WORKSPACE_MISMATCH);
		const id = eitherOf(body, 'id', 'agentId');
		const enabled = eitherOf(body, 'enableWidget', 'widgetEnabled');
		if (typeof id !== 'string' || id.trim() === '')
			throw new HttpFailure(400, 'El campo id es requerido', 'VALIDATION_ERROR');
		if (typeof enabled !== 'boolean')
			throw new HttpFailure(400, 'El campo enableWidget debe ser booleano', 'VALIDATION_ERROR');
		const agent = findAgent(id);
		agent.widgetEnabled = enabled;
		const script = enabled
			? `<script src="https://widget.plazbot.com/widget.js" data-agent-id="${agent.id}" data-workspace-id="${workspaceId}" async></script>`
			: null;
		return envelope(
			{ agentId: agent.id, widgetEnabled: enabled, script },
			enabled ? 'Widget habilitado' : 'Widget deshabilitado',
		);
	});

	router.post('/api/agent/set-greeting', ({ body, workspaceId }) => {
		requireWorkspace(body, workspaceId, BODY_WORKSPACE_MISMATCH);
		requireText(body, 'agentId');
		requireText(body, 'greeting');
		const agent = findAgent(body.agentId);
		agent.instructions = { ...(agent.instructions ?? {}), greeting: body.greeting };
		return envelope(null, 'Saludo actualizado');
	});

	router.post('/api/agent/set-tags', ({ body, workspaceId }) => {
		requireWorkspace(body, workspaceId, BODY_WORKSPACE_MISMATCH);
		requireText(body, 'agentId');
		if (!Array.isArray(body.tags) || !body.tags.every((tag) => typeof tag === 'string'))
			throw new HttpFailure(400, 'El campo tags debe ser una lista de textos', 'VALIDATION_ERROR');
		findAgent(body.agentId).tags = [...body.tags];
		return envelope(null, 'Etiquetas actualizadas');
	});
}

module.exports = { register };

'use strict';
/**
 * Plazbot's AI agents (SDK 1.1.5 agent.js, docs.plazbot.com/api-reference/agent): list, get, ask
 * (`on-message`, which keeps a conversation per sessionId) and the documented settings
 * (`set-instructions`, `set-persona`, `set-fallbacks`, `set-rules`). Agents live in state.agents.
 */
const { requireText, requireWorkspace, BODY_WORKSPACE_MISMATCH } = require('../contract');

/** The fields each settings endpoint takes, with their JSON types (SDK README, agent.config.json). */
const SETTINGS = {
	'set-instructions': {
		key: 'instructions',
		fields: {
			tone: 'string',
			style: 'string',
			personality: 'string',
			objective: 'string',
			language: 'string',
			emojis: 'boolean',
			preferredFormat: 'string',
			maxWords: 'number',
			avoidTopics: 'string[]',
			respondOnlyIfKnows: 'boolean',
			maintainToneBetweenMessages: 'boolean',
			greeting: 'string',
		},
	},
	'set-persona': {
		key: 'person',
		fields: { name: 'string', role: 'string', speaksInFirstPerson: 'boolean', isHuman: 'boolean' },
	},
	'set-fallbacks': {
		key: 'fallbacks',
		fields: { noAnswer: 'string', serviceError: 'string', doNotUnderstand: 'string' },
	},
	'set-rules': {
		key: 'rules',
		fields: {
			doNotMentionPrices: 'boolean',
			doNotDiagnose: 'boolean',
			doNotRespondOutsideHours: 'string',
		},
	},
};

const hasType = (value, type) =>
	type === 'string[]'
		? Array.isArray(value) && value.every((entry) => typeof entry === 'string')
		: typeof value === type;

function register(router, { envelope, HttpFailure, state, dialect }) {
	/** Past questions per session: the agent's "memory" that sessionId keeps. */
	const sessions = new Map();
	const findAgent = (id) => {
		const agent = state.agents.get(id);
		if (!agent) throw new HttpFailure(404, `Agente no encontrado: ${id}`, 'AGENT_NOT_FOUND');
		return agent;
	};
	const publicAgent = (agent, workspaceId) => ({ ...agent, workspaceId });

	router.get('/api/agent/get-agents', ({ query, workspaceId }) => {
		requireWorkspace(query, workspaceId);
		const agents = [...state.agents.values()].map((agent) => publicAgent(agent, workspaceId));
		// SDK 1.1.5 getAgents reads `agent` from the body; the docs show the list in `data`.
		if (dialect.agentListField === 'agent')
			return { ...envelope(null, 'Agentes obtenidos'), agent: agents };
		return envelope(agents, 'Agentes obtenidos');
	});

	router.get('/api/agent/get-agent', ({ query, workspaceId }) => {
		requireWorkspace(query, workspaceId);
		// The SDK sends `id`, the API reference requires `agentId`: each dialect reads its own
		// name(s) only, so a client that sends one of them works against one dialect only.
		const name = dialect.agentIdQuery.find((field) => query[field] !== undefined);
		const id = name && query[name];
		if (typeof id !== 'string' || id.trim() === '')
			throw new HttpFailure(
				400,
				`El campo ${dialect.agentIdQuery.join(' o ')} es requerido`,
				'VALIDATION_ERROR',
			);
		return envelope(publicAgent(findAgent(id), workspaceId), 'Agente obtenido');
	});

	router.post('/api/agent/on-message', ({ body, workspaceId }) => {
		requireWorkspace(body, workspaceId, BODY_WORKSPACE_MISMATCH);
		requireText(body, 'agentId');
		requireText(body, 'question');
		requireText(body, 'sessionId');
		if (
			body.multipleAnswers !== undefined &&
			body.multipleAnswers !== null &&
			typeof body.multipleAnswers !== 'boolean'
		) {
			throw new HttpFailure(400, 'El campo multipleAnswers debe ser booleano', 'VALIDATION_ERROR');
		}
		const agent = findAgent(body.agentId);
		const key = `${agent.id}:${body.sessionId}`;
		const history = sessions.get(key) ?? [];
		history.push(body.question);
		sessions.set(key, history);
		// A deterministic answer that shows what the agent remembers of this session.
		const answer = `${agent.name}: you asked "${body.question}" (message ${history.length} of this session)`;
		// Not the usual envelope: the API reference and the SDK show `{ success, answer }`.
		return { success: true, answer: body.multipleAnswers ? [answer, 'Anything else?'] : answer };
	});

	for (const [path, { key, fields }] of Object.entries(SETTINGS)) {
		router.post(`/api/agent/${path}`, ({ body, workspaceId }) => {
			requireWorkspace(body, workspaceId, BODY_WORKSPACE_MISMATCH);
			requireText(body, 'agentId');
			const agent = findAgent(body.agentId);
			const given = Object.keys(body).filter(
				(name) => name !== 'agentId' && name !== 'workspaceId',
			);
			const unknown = given.filter((name) => !(name in fields));
			if (unknown.length)
				throw new HttpFailure(400, `Campo desconocido: ${unknown.join(', ')}`, 'VALIDATION_ERROR');
			if (!given.length)
				throw new HttpFailure(400, 'Debe enviar al menos un campo', 'VALIDATION_ERROR');
			for (const name of given) {
				if (!hasType(body[name], fields[name]))
					throw new HttpFailure(400, `El campo ${name} no es válido`, 'VALIDATION_ERROR');
			}
			agent[key] = {
				...(agent[key] ?? {}),
				...Object.fromEntries(given.map((name) => [name, body[name]])),
			};
			agent.updatedDate = state.now();
			return envelope(null, 'Agente actualizado correctamente');
		});
	}
}

module.exports = { register, SETTINGS };

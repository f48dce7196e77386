'use strict';
/** Update Agente IA Prompt: the AI agents are AI Agent nodes of automations, kept in state.agents. */
const { requireWorkspace, BODY_WORKSPACE_MISMATCH } = require('../contract');

function register(router, { envelope, HttpFailure, state }) {
	router.post('/api/automation/node/:nodeId/prompt', ({ params, body, workspaceId }) => {
		requireWorkspace(body, workspaceId, BODY_WORKSPACE_MISMATCH);
		// The documented body is { workspaceId, urlDocument }; a `prompt` field appears in no source,
		// so it is stored if sent (to show what the node sent) but never replaces the document.
		const hasPrompt = typeof body.prompt === 'string' && body.prompt.trim() !== '';
		const hasDocument = typeof body.urlDocument === 'string' && body.urlDocument.trim() !== '';
		if (!hasDocument)
			throw new HttpFailure(400, 'El campo urlDocument es requerido', 'VALIDATION_ERROR');
		const agent = state.agents.get(params.nodeId);
		if (!agent) throw new HttpFailure(404, 'Agente de IA no encontrado', 'NOT_FOUND');
		if (hasPrompt) agent.prompt = body.prompt;
		if (hasDocument) agent.urlDocument = body.urlDocument;
		agent.updatedDate = state.now();
		return envelope(
			{
				id: agent.id,
				name: agent.name,
				prompt: agent.prompt,
				...(agent.urlDocument ? { urlDocument: agent.urlDocument } : {}),
				updatedDate: agent.updatedDate,
			},
			'Prompt actualizado correctamente',
		);
	});
}

module.exports = { register };

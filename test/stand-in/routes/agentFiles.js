'use strict';
/**
 * An AI agent's knowledge files. From a URL (SDK 1.1.5 addFile): `POST /api/agent/add-file` with
 * the SDK's capitalised keys `{ WorkspaceId, FileUrl, Reference, AgentId, Tags? }`. Uploaded
 * (docs agent/add-file-direct): multipart/form-data with `file`, `agentId`, `workspaceId`. Both
 * answer the new `fileId`. `GET /api/agent/validate-file?WorkspaceId&FileId` answers "processing"
 * for the first `fileProcessingChecks` checks of a file (2 unless the stand-in is configured
 * otherwise), then "processed". `DELETE /api/agent/delete-file` takes `{ WorkspaceId, AgentId,
 * FileId }` as its body.
 */
const { requireText, requireWorkspace, BODY_WORKSPACE_MISMATCH } = require('../contract');

function register(router, { envelope, HttpFailure, state, settings }) {
	const processingChecks = () => settings.fileProcessingChecks ?? 2;
	const findAgent = (id) => {
		const agent = state.agents.get(id);
		if (!agent) throw new HttpFailure(404, `Agente no encontrado: ${id}`, 'AGENT_NOT_FOUND');
		return agent;
	};
	/** The workspace under the SDK's capitalised key. */
	const requireWorkspaceKey = (source, workspaceId) => {
		requireText(source, 'WorkspaceId');
		if (source.WorkspaceId !== workspaceId)
			throw new HttpFailure(400, BODY_WORKSPACE_MISMATCH, 'WORKSPACE_MISMATCH');
	};
	const findFile = (fileId) => {
		for (const agent of state.agents.values()) {
			const file = (agent.files ?? []).find((candidate) => candidate.id === fileId);
			if (file) return { agent, file };
		}
		throw new HttpFailure(404, `Archivo no encontrado: ${fileId}`, 'FILE_NOT_FOUND');
	};
	const addFile = (agent, file) => {
		const stored = { id: state.newId('fl'), checks: 0, creationDate: state.now(), ...file };
		agent.files = [...(agent.files ?? []), stored];
		return envelope({ fileId: stored.id, status: 'processing' }, 'Archivo agregado');
	};

	router.post('/api/agent/add-file', ({ body, workspaceId }) => {
		requireWorkspaceKey(body, workspaceId);
		requireText(body, 'AgentId');
		requireText(body, 'FileUrl');
		requireText(body, 'Reference');
		if (!/^https?:\/\//.test(body.FileUrl))
			throw new HttpFailure(400, 'FileUrl no es una URL válida', 'VALIDATION_ERROR');
		if (
			body.Tags !== undefined &&
			(!Array.isArray(body.Tags) || !body.Tags.every((tag) => typeof tag === 'string'))
		)
			throw new HttpFailure(400, 'Tags debe ser una lista de textos', 'VALIDATION_ERROR');
		return addFile(findAgent(body.AgentId), {
			reference: body.Reference,
			fileUrl: body.FileUrl,
			tags: body.Tags ?? [],
		});
	});

	router.post('/api/agent/add-file-direct', ({ body, files, workspaceId }) => {
		const file = files.file;
		if (!file) throw new HttpFailure(400, 'El campo file es requerido', 'VALIDATION_ERROR');
		if (file.bytes.length === 0)
			throw new HttpFailure(400, 'El archivo está vacío', 'VALIDATION_ERROR');
		requireWorkspace(body, workspaceId, BODY_WORKSPACE_MISMATCH);
		requireText(body, 'agentId');
		return addFile(findAgent(body.agentId), {
			reference: file.fileName,
			fileName: file.fileName,
			contentType: file.contentType,
			size: file.bytes.length,
		});
	});

	router.get('/api/agent/validate-file', ({ query, workspaceId }) => {
		requireWorkspaceKey(query, workspaceId);
		requireText(query, 'FileId');
		const { file } = findFile(query.FileId);
		file.checks += 1;
		const status = file.checks > processingChecks() ? 'processed' : 'processing';
		return envelope({ fileId: file.id, status }, 'Estado del archivo');
	});

	router.delete('/api/agent/delete-file', ({ body, workspaceId }) => {
		requireWorkspaceKey(body, workspaceId);
		requireText(body, 'AgentId');
		requireText(body, 'FileId');
		const agent = findAgent(body.AgentId);
		const { agent: owner } = findFile(body.FileId);
		if (owner !== agent)
			throw new HttpFailure(404, `Archivo no encontrado: ${body.FileId}`, 'FILE_NOT_FOUND');
		agent.files = agent.files.filter((file) => file.id !== body.FileId);
		return envelope(null, 'Archivo eliminado');
	});
}

module.exports = { register };

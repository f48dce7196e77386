'use strict';
/**
 * An opportunity's activity history and files (docs.plazbot.com/api-reference/opportunity:
 * get-agent-activities, add-files). Activities are those Create Activity recorded, answered as
 * `data[{ id, content, date, categoryType, userId, creationDate }]`; a file comes as
 * multipart/form-data with the parts `file` and `workspaceId`.
 */
const { requireWorkspace } = require('../contract');

function register(router, { envelope, HttpFailure, state }) {
	const findOpportunity = (id, workspaceId) => {
		const opportunity = state.opportunities.get(id);
		if (!opportunity || opportunity.workspaceId !== workspaceId)
			throw new HttpFailure(404, `Oportunidad no encontrada: ${id}`, 'OPPORTUNITY_NOT_FOUND');
		return opportunity;
	};

	router.get('/api/opportunity/:id/agent/activities', ({ params, query, workspaceId }) => {
		requireWorkspace(query, workspaceId);
		const opportunity = findOpportunity(params.id, workspaceId);
		return envelope(
			opportunity.activities.map((activity) => ({
				id: activity.id,
				content: activity.content,
				date: activity.date,
				categoryType: activity.categoryType,
				userId: activity.createdBy ?? null,
				creationDate: activity.creationDate,
			})),
			'Activities obtained successfully.',
		);
	});

	router.post('/api/opportunity/:id/files', ({ params, body, files, workspaceId }) => {
		const file = files.file;
		if (!file) throw new HttpFailure(400, 'El campo file es requerido', 'VALIDATION_ERROR');
		requireWorkspace(body, workspaceId);
		const opportunity = findOpportunity(params.id, workspaceId);
		const stored = {
			id: state.newId('f'),
			name: file.fileName,
			contentType: file.contentType,
			size: file.bytes.length,
			creationDate: state.now(),
		};
		opportunity.files.push(stored);
		return envelope(stored, 'File uploaded successfully.');
	});
}

module.exports = { register };

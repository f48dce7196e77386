'use strict';
/**
 * Update Opportunity: `PUT /api/opportunity?id&workspaceId` with the fields to change by name
 * (white-label copy and the newer API reference). The white-label page's `paramToUpdate`, naming
 * one of them, is accepted and ignored. Answers `data: { id, oportunity }` (sic, as documented).
 */
const { requireText, requireWorkspace } = require('../contract');

const FIELDS = {
	name: 'string',
	description: 'string',
	amount: 'number',
	stageId: 'string',
	assignedAgentId: 'string',
	expirationDate: 'string',
	contactId: 'string',
	// docs opportunity/update: `customFields: [{ name, value }]`.
	customFields: 'customFields',
};

const isCustomFields = (value) =>
	Array.isArray(value) &&
	value.every(
		(entry) =>
			typeof entry === 'object' &&
			entry !== null &&
			typeof entry.name === 'string' &&
			entry.name.trim() !== '' &&
			['string', 'number', 'boolean'].includes(typeof entry.value) &&
			Object.keys(entry).every((key) => key === 'name' || key === 'value'),
	);

function register(router, { envelope, HttpFailure, state }) {
	router.put('/api/opportunity', ({ query, body, workspaceId }) => {
		requireText(query, 'id');
		requireWorkspace(query, workspaceId);
		const opportunity = state.opportunities.get(query.id);
		if (!opportunity || opportunity.workspaceId !== workspaceId) {
			throw new HttpFailure(404, `Oportunidad no encontrada: ${query.id}`, 'OPPORTUNITY_NOT_FOUND');
		}
		const fields = Object.keys(body ?? {}).filter((field) => field !== 'paramToUpdate');
		if (!fields.length)
			throw new HttpFailure(
				400,
				'Debe enviar al menos un campo para actualizar',
				'VALIDATION_ERROR',
			);
		const unknown = fields.filter((field) => !(field in FIELDS));
		if (unknown.length)
			throw new HttpFailure(
				400,
				`Campo no actualizable: ${unknown.join(', ')}`,
				'VALIDATION_ERROR',
			);
		for (const field of fields) {
			const ok =
				FIELDS[field] === 'number'
					? typeof body[field] === 'number' && Number.isFinite(body[field])
					: FIELDS[field] === 'customFields'
						? isCustomFields(body[field])
						: typeof body[field] === 'string';
			if (!ok)
				throw new HttpFailure(422, `El valor del campo ${field} no es válido`, 'VALIDATION_ERROR');
		}
		if (body.expirationDate !== undefined && Number.isNaN(Date.parse(body.expirationDate))) {
			throw new HttpFailure(
				422,
				`La fecha no es válida: ${body.expirationDate}`,
				'VALIDATION_ERROR',
			);
		}
		for (const field of fields) {
			if (field !== 'customFields') opportunity[field] = body[field];
			else {
				const values = new Map(
					(opportunity.customFields ?? []).map((entry) => [entry.name, entry]),
				);
				for (const entry of body.customFields) values.set(entry.name, { ...entry });
				opportunity.customFields = [...values.values()];
			}
		}
		opportunity.updatedDate = state.now();
		return envelope(
			{ id: opportunity.id, oportunity: opportunity },
			'Opportunity successfully updated.',
		);
	});
}

module.exports = { register };

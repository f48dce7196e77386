'use strict';
/**
 * Opportunities: list (paged by 20), create, read by ID, delete, and activities. They live in
 * `state.opportunities`, in creation order.
 *
 * Get by ID, Delete and Create Activity follow the node's REST-style choice
 * (`/api/opportunity/{id}`, `/api/opportunity/{id}/activities`): the hub lists them without
 * readable pages.
 */
const {
	PAGE_SIZE,
	requireText,
	optionalText,
	requireWorkspace,
	pageOf,
	tokenPage,
} = require('../contract');

function register(router, { envelope, HttpFailure, state, dialect }) {
	const findOpportunity = (id, workspaceId) => {
		const opportunity = state.opportunities.get(id);
		if (!opportunity || opportunity.workspaceId !== workspaceId) {
			throw new HttpFailure(404, `Oportunidad no encontrada: ${id}`, 'OPPORTUNITY_NOT_FOUND');
		}
		return opportunity;
	};

	router.get('/api/opportunity', ({ query, workspaceId }) => {
		requireWorkspace(query, workspaceId);
		const all = [...state.opportunities.values()].filter(
			(opportunity) => opportunity.workspaceId === workspaceId,
		);
		const page = pageOf(all, query.continuationToken);
		return envelope(tokenPage(dialect, workspaceId, page), 'List obtained successfully.');
	});

	router.post('/api/opportunity', ({ body, workspaceId }) => {
		requireWorkspace(body, workspaceId);
		requireText(body, 'name');
		requireText(body, 'description');
		if (body.amount === undefined || body.amount === null) {
			throw new HttpFailure(400, 'El campo amount es requerido', 'VALIDATION_ERROR');
		}
		if (typeof body.amount !== 'number' || !Number.isFinite(body.amount)) {
			throw new HttpFailure(400, 'El campo amount debe ser numérico', 'VALIDATION_ERROR');
		}
		optionalText(body, 'assignedComercialId');
		optionalText(body, 'contactId');
		const now = state.now();
		const id = state.newId('o');
		const opportunity = {
			id,
			opportCode: `OPP-${String(state.opportunities.size + 1).padStart(4, '0')}`,
			opportStatus: 1,
			winLossStatus: 0,
			winLossDate: null,
			finalAmount: 0,
			creationDate: now,
			creationTypeId: 1,
			updatedDate: null,
			deletionDate: null,
			userDeletion: null,
			statusId: 1,
			files: [],
			orderInCards: state.opportunities.size + 1,
			orderInCardsLastUpdated: now,
			activities: [],
			segmentationId: null,
			workspaceId,
			name: body.name,
			description: body.description,
			amount: body.amount,
			userCreation: null,
			contactId: body.contactId ?? null,
			expirationDate: null,
			// The salesperson given at creation is the one Get by ID shows as assigned.
			assignedAgentId: body.assignedComercialId ?? null,
			stageId: null,
		};
		state.opportunities.set(id, opportunity);
		return envelope({ id, opportunity }, 'Opportunity successfully created.');
	});

	router.get('/api/opportunity/:id', ({ params, query, workspaceId }) => {
		if (query.workspaceId !== undefined) requireWorkspace(query, workspaceId);
		// Documented (white-label reference) as a bare JSON array holding the opportunity, without the envelope.
		return { status: 200, body: [findOpportunity(params.id, workspaceId)] };
	});

	router.delete('/api/opportunity/:id', ({ params, query, workspaceId }) => {
		if (query.workspaceId !== undefined) requireWorkspace(query, workspaceId);
		const opportunity = findOpportunity(params.id, workspaceId);
		state.opportunities.delete(opportunity.id);
		return envelope(null, 'Opportunity successfully deleted.');
	});

	// Create Activity for Opportunity: workspaceId, content, date (ISO 8601) and categoryType are all
	// required; categoryType is one of Calls, Meeting, Whatsapp, Email (white-label reference).
	router.post('/api/opportunity/:id/agent/activities', ({ params, body, workspaceId }) => {
		requireWorkspace(body, workspaceId);
		requireText(body, 'content');
		requireText(body, 'date');
		requireText(body, 'categoryType');
		if (!/^\d{4}-\d{2}-\d{2}T/.test(body.date) || Number.isNaN(Date.parse(body.date))) {
			throw new HttpFailure(422, `La fecha no es válida: ${body.date}`, 'VALIDATION_ERROR');
		}
		if (!ACTIVITY_CATEGORIES.includes(body.categoryType)) {
			throw new HttpFailure(
				422,
				`Categoría no permitida: ${body.categoryType}`,
				'VALIDATION_ERROR',
			);
		}
		const opportunity = findOpportunity(params.id, workspaceId);
		const now = state.now();
		const activity = {
			id: state.newId('a'),
			categoryType: body.categoryType,
			content: body.content,
			date: body.date,
			createdBy: null,
			creationDate: now,
		};
		opportunity.activities.push(activity);
		opportunity.updatedDate = now;
		return envelope({ opportunityId: opportunity.id, activity }, 'Activity successfully created.');
	});
}

const ACTIVITY_CATEGORIES = ['Calls', 'Meeting', 'Whatsapp', 'Email'];

module.exports = { register, PAGE_SIZE };

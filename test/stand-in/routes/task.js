'use strict';
/**
 * Tasks: create, read by ID, delete, and the newer docs' list (paged by page number, 10 by
 * default). They live in `state.tasks`, in creation order.
 *
 * Get by ID and Delete follow the node's REST-style choice (`/api/task/{id}`): the hub lists them
 * without readable pages.
 *
 * The list per dialect (../dialects.js): hub honours pageNumber and pageSize; docs caps a page at
 * 20 tasks whatever pageSize asks; sdk ignores pageNumber (every page is page 1) and names the ID
 * `_id`, so that a client cannot tell pages apart by `id`.
 */
const { requireText, optionalText, requireWorkspace } = require('../contract');
const { DOCS_TASK_PAGE_CAP } = require('../dialects');

const DEFAULT_PAGE_SIZE = 10;

function register(router, { envelope, HttpFailure, state, dialect }) {
	/** A task as this dialect answers it: its ID under the dialect's field. */
	const shown = (task) => {
		if (dialect.taskIdField === 'id') return task;
		const { id, ...rest } = task;
		return { [dialect.taskIdField]: id, ...rest };
	};
	const findTask = (id, workspaceId) => {
		const task = state.tasks.get(id);
		if (!task || task.workspaceId !== workspaceId)
			throw new HttpFailure(404, `Tarea no encontrada: ${id}`, 'TASK_NOT_FOUND');
		return task;
	};
	const positive = (value, field, fallback) => {
		if (value === undefined || value === '') return fallback;
		if (!/^\d+$/.test(value) || Number(value) < 1) {
			throw new HttpFailure(
				400,
				`El parámetro ${field} debe ser un entero positivo`,
				'VALIDATION_ERROR',
			);
		}
		return Number(value);
	};

	router.get('/api/task', ({ query, workspaceId }) => {
		if (query.workspaceId !== undefined) requireWorkspace(query, workspaceId);
		const askedPage = positive(query.pageNumber, 'pageNumber', 1);
		const askedSize = positive(query.pageSize, 'pageSize', DEFAULT_PAGE_SIZE);
		const pageNumber = dialect.taskPages === 'ignoresPageNumber' ? 1 : askedPage;
		const pageSize =
			dialect.taskPages === 'cappedAt20' ? Math.min(askedSize, DOCS_TASK_PAGE_CAP) : askedSize;
		const name = typeof query.name === 'string' ? query.name.toLowerCase() : '';
		const all = [...state.tasks.values()].filter(
			(task) =>
				task.workspaceId === workspaceId &&
				(!query.contactId || task.contactId === query.contactId) &&
				(!query.projectStatusId || task.projectStatusId === query.projectStatusId) &&
				(!name || task.name.toLowerCase().includes(name)),
		);
		return envelope(
			all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map(shown),
			'List obtained successfully.',
		);
	});

	router.post('/api/task', ({ body, workspaceId }) => {
		requireWorkspace(body, workspaceId);
		requireText(body, 'name');
		requireText(body, 'description');
		for (const field of ['notes', 'assignedUserId', 'contactId']) optionalText(body, field);
		if (body.expirationDate !== undefined && body.expirationDate !== null) {
			if (
				typeof body.expirationDate !== 'string' ||
				Number.isNaN(Date.parse(body.expirationDate))
			) {
				throw new HttpFailure(
					400,
					`La fecha de vencimiento no es válida: ${body.expirationDate}`,
					'VALIDATION_ERROR',
				);
			}
		}
		const now = state.now();
		const id = state.newId('t');
		const task = {
			id,
			workspaceId,
			name: body.name,
			description: body.description,
			creationDate: now,
			updatedDate: null,
			expirationDate: body.expirationDate ?? null,
			statusId: 1,
			notes: body.notes ?? null,
			asignedUsers: body.assignedUserId ? [body.assignedUserId] : [],
			projectStatusId: null,
			contactId: body.contactId ?? null,
			files: [],
			project: [],
			subTask: [],
			orderInCards: state.tasks.size + 1,
			orderInCardsLastUpdated: now,
		};
		state.tasks.set(id, task);
		return envelope({ taskId: id, task }, 'Task successfully created.');
	});

	router.get('/api/task/:id', ({ params, query, workspaceId }) => {
		if (query.workspaceId !== undefined) requireWorkspace(query, workspaceId);
		return envelope(shown(findTask(params.id, workspaceId)), 'Task obtained successfully.');
	});

	router.delete('/api/task/:id', ({ params, query, workspaceId }) => {
		if (query.workspaceId !== undefined) requireWorkspace(query, workspaceId);
		state.tasks.delete(findTask(params.id, workspaceId).id);
		return envelope(null, 'Task successfully deleted.');
	});
}

module.exports = { register, DEFAULT_PAGE_SIZE };

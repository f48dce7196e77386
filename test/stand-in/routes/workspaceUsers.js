'use strict';
/** The workspace's users (docs.plazbot.com/api-reference/workspace/list-users): `GET /api/workspace/usersByWorkspaceId/{id}`. */

function register(router, { envelope, HttpFailure, state }) {
	router.get('/api/workspace/usersByWorkspaceId/:id', ({ params, workspaceId }) => {
		if (params.id !== workspaceId)
			throw new HttpFailure(403, 'No tiene acceso a este workspace', 'WORKSPACE_FORBIDDEN');
		// The documented fields only: never the stored password or tokens.
		const users = [...state.users.values()].map(
			({ id, name, lastName, email, avatar, role, creationDate, company }) => ({
				id,
				name,
				lastName,
				email,
				avatar,
				role,
				creationDate,
				company,
			}),
		);
		return envelope(users, 'Usuarios obtenidos');
	});
}

module.exports = { register };

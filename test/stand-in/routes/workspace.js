'use strict';

function register(router, { HttpFailure, settings, state }) {
	const workspaceRead = router.get('/api/workspace/:id', ({ params }) => {
		if (params.id !== settings.workspaceId)
			throw new HttpFailure(404, 'Workspace no encontrado', 'NOT_FOUND');
		// The hub's example answer is the workspace in a bare JSON array, without the envelope.
		return {
			status: 200,
			body: [
				{
					id: settings.workspaceId,
					name: 'Demo workspace',
					masterOfStates: [
						{ id: 'stage-new', color: '#5b3df5', name: 'New', stateCode: 'NEW', isDefault: true },
						{ id: 'stage-won', color: '#1aa260', name: 'Won', stateCode: 'WON', isDefault: false },
					],
					projects: [],
					segmentations: [{ id: 'seg-vip', name: 'VIP' }],
					tags: [{ id: 'tag-lead', name: 'Lead', color: '#ffaa00' }],
					// Each integration in the shape of the white-label API reference's Get Workspace example.
					integrations: state.whatsappNumbers.map(({ id, name, number, enabled }) => ({
						id,
						name,
						type: 'whatsapp',
						enabled,
						config: { phoneNumber: number, provider: 'Meta' },
					})),
				},
			],
		};
	});
	// The hub's example sends only x-workspace-id: this read is answered without the Bearer token.
	workspaceRead.workspaceHeaderOnly = true;
}

module.exports = { register };

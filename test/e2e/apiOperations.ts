/** The operations test/e2e/api.test.ts runs in real n8n (crm.test.ts runs all the others). */
export const API_E2E_OPERATIONS = [
	'agent.ask',
	'agent.get',
	'agent.getMany',
	'agent.updateFallbacks',
	'agent.updateInstructions',
	'agent.updatePersona',
	'agent.updateRules',
	'contact.delete',
	'contact.getMessages',
	'message.search',
	'opportunity.update',
	'task.getMany',
	'user.getMany',
];

/**
 * The operations the e2e files run in real n8n, each listed by the file that runs it. These are
 * fixed lists, not "every operation": a new operation needs a unit test (test/unit/node/
 * operations.test.ts checks its wiring), and joins an e2e workflow only when n8n itself adds
 * something to it (parameter layout, expressions, binary data).
 */
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

/** The operations test/e2e/crm.test.ts runs in real n8n. */
export const CRM_E2E_OPERATIONS = [
	'automation.updateAgentPrompt',
	'contact.addActivity',
	'contact.create',
	'contact.get',
	'contact.getByEmail',
	'contact.getByPhone',
	'contact.getMany',
	'contact.update',
	'message.getConversations',
	'message.sendConversation',
	'message.sendMessage',
	'opportunity.addActivity',
	'opportunity.create',
	'opportunity.delete',
	'opportunity.get',
	'opportunity.getMany',
	'task.create',
	'task.delete',
	'task.get',
	'user.create',
	'user.getByEmail',
	'user.login',
	'user.sendResetPassword',
	'user.updatePassword',
	'workspace.get',
];

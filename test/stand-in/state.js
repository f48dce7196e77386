'use strict';
/** The stand-in's in-memory workspace: what the API has created, readable back until reset. */

/** Two numbers, so that a picker has a choice; the second one's integration is switched off. */
const WHATSAPP_NUMBERS = [
	{ id: 'int-wa-1', name: 'WhatsApp Sales', number: '51900000001', enabled: true },
	{ id: 'int-wa-2', name: 'WhatsApp Support', number: '51900000002', enabled: false },
];

function createState() {
	const state = {
		contacts: new Map(),
		conversations: [],
		opportunities: new Map(),
		tasks: new Map(),
		users: new Map(),
		agents: new Map(),
		/** Send Conversation deliveries per destination, to prove "exactly once". */
		deliveries: new Map(),
		/** The workspace's WhatsApp numbers (Get Workspace lists them as integrations). */
		whatsappNumbers: WHATSAPP_NUMBERS,
		/** Incoming-message webhook per WhatsApp number: digits → registered URL. */
		whatsappWebhooks: new Map(),
		/** Per number: a message to deliver while its next registration is being answered. */
		deliveryDuringRegistration: new Map(),
		/** What the registered URL answered to those messages, in order. */
		deliveriesDuringRegistration: [],
		counter: 0,
		newId(prefix) {
			state.counter += 1;
			return `${prefix}${String(state.counter).padStart(20, '0')}`.slice(-24);
		},
		now() {
			return new Date().toISOString();
		},
		findContactByPhone(digits) {
			for (const contact of state.contacts.values()) {
				if (contact.platformSenderPhone === digits || contact.internalWhatsappNumber === digits)
					return contact;
			}
			return undefined;
		},
		reset() {
			state.contacts.clear();
			state.conversations.length = 0;
			state.opportunities.clear();
			state.tasks.clear();
			state.users.clear();
			state.agents.clear();
			state.deliveries.clear();
			state.whatsappWebhooks.clear();
			state.deliveryDuringRegistration.clear();
			state.deliveriesDuringRegistration.length = 0;
			state.counter = 0;
			seed(state);
		},
	};
	seed(state);
	return state;
}

/** A workspace is never empty in real life: one agent and one user to pick from. */
function seed(state) {
	state.agents.set('agent-demo-1', {
		id: 'agent-demo-1',
		name: 'Sales assistant',
		model: 'gpt-4o-mini',
		prompt: 'You are a helpful sales assistant.',
		temperature: 0.7,
		maxTokens: 512,
		channelId: 2,
		platformType: 'whatsapp',
		widgetEnabled: false,
		creationDate: '2026-01-01T00:00:00.000Z',
		files: [],
	});
	state.users.set('user-demo-1', {
		id: 'user-demo-1',
		name: 'Ana',
		lastName: 'Demo',
		email: 'ana@example.com',
		password: 'Secret123!',
		company: 'plazbot',
		role: 'admin',
		avatar: null,
		creationDate: '2026-01-01T00:00:00.000Z',
	});
}

module.exports = { createState };

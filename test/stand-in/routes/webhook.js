'use strict';
/**
 * Incoming-message webhooks, one URL per WhatsApp number of the workspace, as Plazbot SDK 1.1.5
 * (`dist/core/message.js`, registerWebhook / deleteWebhook) calls them:
 *   POST   /api/workspace/{workspaceId}/whatsapp/numbers/{number}/webhook   { "webhook": url }
 *   DELETE /api/workspace/{workspaceId}/whatsapp/numbers/{number}/webhook
 * Registering replaces any URL set before; nothing reads a URL back.
 *
 * Control routes, so that the trigger can be tried without WhatsApp:
 *   POST /__standin/whatsapp/{number}/incoming   { text?, from?, name?, payload? }
 *        sends an incoming message to the number's registered URL (as Plazbot would when a
 *        customer writes) and answers with what that URL answered
 *   GET  /__standin/whatsapp/webhooks            the registered URL per number
 */
const { randomBytes } = require('node:crypto');

const { requireText } = require('../contract');

const WEBHOOK_PATH = '/api/workspace/:workspaceId/whatsapp/numbers/:number/webhook';

/**
 * Plazbot does not publish what it sends. This shape carries what a customer's message has (who,
 * from which phone, what text, which message) in Plazbot's vocabulary; the trigger passes any
 * shape through unchanged.
 */
function incomingMessage(number, { text, from, name }, contact) {
	return {
		event: 'message.received',
		channel: 'whatsapp',
		number,
		messageId: `wamid.${randomBytes(18).toString('base64url')}`,
		timestamp: new Date().toISOString(),
		contact: {
			id: contact?.id ?? null,
			name: contact ? [contact.name, contact.lastname].filter(Boolean).join(' ') : name,
			phone: from,
		},
		message: { type: 'text', text },
	};
}

function register(router, { envelope, HttpFailure, state, settings, control }) {
	function knownNumber({ workspaceId, number }) {
		if (workspaceId !== settings.workspaceId)
			throw new HttpFailure(404, 'Workspace no encontrado', 'NOT_FOUND');
		if (!state.whatsappNumbers.some((entry) => entry.number === number)) {
			throw new HttpFailure(
				404,
				`El número ${number} no pertenece al workspace`,
				'WHATSAPP_NUMBER_NOT_FOUND',
			);
		}
		return number;
	}

	router.post(WEBHOOK_PATH, ({ params, body }) => {
		const number = knownNumber(params);
		requireText(body, 'webhook');
		let url;
		try {
			url = new URL(body.webhook);
		} catch {
			throw new HttpFailure(400, 'El campo webhook debe ser una URL válida', 'VALIDATION_ERROR');
		}
		if (url.protocol !== 'https:' && url.protocol !== 'http:') {
			throw new HttpFailure(
				400,
				'El campo webhook debe ser una URL http o https',
				'VALIDATION_ERROR',
			);
		}
		state.whatsappWebhooks.set(number, body.webhook);
		return envelope({ number, webhook: body.webhook }, 'Webhook registrado');
	});

	router.delete(WEBHOOK_PATH, ({ params }) => {
		const number = knownNumber(params);
		if (!state.whatsappWebhooks.delete(number)) {
			throw new HttpFailure(
				404,
				`El número ${number} no tiene un webhook registrado`,
				'WEBHOOK_NOT_FOUND',
			);
		}
		return envelope(null, 'Webhook eliminado');
	});

	control('GET', '/__standin/whatsapp/webhooks', () => ({
		body: Object.fromEntries(state.whatsappWebhooks),
	}));

	control('POST', '/__standin/whatsapp/:number/incoming', async ({ params, body }) => {
		const url = state.whatsappWebhooks.get(params.number);
		if (!url) {
			const error = new Error(
				`No webhook is registered for ${params.number}: activate a workflow with a Plazbot Trigger for this number first`,
			);
			error.status = 404;
			throw error;
		}
		const from = String(body.from ?? '51987654321').replace(/\D/g, '');
		const payload =
			body.payload ??
			incomingMessage(
				params.number,
				{
					text: String(body.text ?? 'Hola, quisiera más información'),
					from,
					name: String(body.name ?? 'Ana Torres'),
				},
				state.findContactByPhone(from),
			);
		const answer = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(payload),
			signal: AbortSignal.timeout(30_000),
		});
		return {
			body: {
				delivered: answer.ok,
				url,
				status: answer.status,
				response: await answer.text(),
				payload,
			},
		};
	});
}

module.exports = { register, incomingMessage };

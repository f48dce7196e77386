'use strict';
/**
 * Incoming-message webhooks, one URL per WhatsApp number of the workspace, as Plazbot SDK 1.1.5
 * (`dist/core/message.js`, registerWebhook / deleteWebhook) calls them:
 *   POST   /api/workspace/{workspaceId}/whatsapp/numbers/{number}/webhook   { "webhook": url }
 *   DELETE /api/workspace/{workspaceId}/whatsapp/numbers/{number}/webhook
 * Registering replaces any URL set before; nothing reads a URL back.
 *
 * Control routes, so that the trigger can be tried without WhatsApp:
 *   POST /__standin/whatsapp/{number}/incoming   { text?, from?, name?, payload?, contentType? }
 *        sends an incoming message to the number's registered URL (as Plazbot would when a
 *        customer writes) and answers with what that URL answered; a text `payload` is sent as
 *        it is, with `contentType` (default application/json; null sends none)
 *   POST /__standin/whatsapp/{number}/deliver-during-registration   { text?, from?, name?, payload? }
 *        the next registration for the number stores its URL, sends this message to it and
 *        answers only after the URL did (as a Plazbot that delivers before answering would);
 *        what the URL answered is in state.deliveriesDuringRegistration
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
		const early = state.deliveryDuringRegistration.get(number);
		if (early) {
			state.deliveryDuringRegistration.delete(number);
			return deliver(number, early).then((outcome) => {
				state.deliveriesDuringRegistration.push(outcome);
				return envelope({ number, webhook: body.webhook }, 'Webhook registrado');
			});
		}
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

	/** Sends a customer's message to the number's registered URL; what that URL answered. */
	async function deliver(number, body) {
		const url = state.whatsappWebhooks.get(number);
		if (!url) {
			const error = new Error(
				`No webhook is registered for ${number}: activate a workflow with a Plazbot Trigger for this number first`,
			);
			error.status = 404;
			throw error;
		}
		const from = String(body.from ?? '51987654321').replace(/\D/g, '');
		const payload =
			body.payload ??
			incomingMessage(
				number,
				{
					text: String(body.text ?? 'Hola, quisiera más información'),
					from,
					name: String(body.name ?? 'Ana Torres'),
				},
				state.findContactByPhone(from),
			);
		const raw = typeof payload === 'string' ? payload : JSON.stringify(payload);
		const answer = await fetch(url, {
			method: 'POST',
			headers:
				body.contentType === null ? {} : { 'content-type': body.contentType ?? 'application/json' },
			body: raw,
			signal: AbortSignal.timeout(30_000),
		});
		return {
			delivered: answer.ok,
			url,
			status: answer.status,
			response: await answer.text(),
			payload,
		};
	}

	control('POST', '/__standin/whatsapp/:number/incoming', async ({ params, body }) => ({
		body: await deliver(params.number, body),
	}));

	control('POST', '/__standin/whatsapp/:number/deliver-during-registration', ({ params, body }) => {
		state.deliveryDuringRegistration.set(params.number, body);
		return { body: { armed: true } };
	});
}

module.exports = { register, incomingMessage };

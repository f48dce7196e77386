/**
 * The texts a user reads when Plazbot refuses a request or does not answer, from the pure wording
 * helpers: the hint by status and the explanation by failure code.
 */
import { refusedAnswer, transportFailure } from '../../../nodes/Plazbot/helpers/errorWording';
import type { TransportFailure } from '../../../nodes/Plazbot/helpers/http';

const failure = (code: string, timedOut = false): TransportFailure => ({
	kind: 'transportError',
	code,
	detail: 'details',
	timedOut,
});

describe('the hint for a refused request', () => {
	it.each([
		[401, 'Check the API Key in the Plazbot API credential.'],
		[
			403,
			'Check the Workspace ID in the Plazbot API credential and that the API key belongs to it.',
		],
		[404, 'Check the ID you gave and the Workspace ID in the Plazbot API credential.'],
		[
			429,
			'Plazbot is rate limiting this workspace. Lower the request rate in the node Options, or raise Max Attempts.',
		],
		[
			503,
			'Plazbot had a problem processing the request. Try again later; if it persists, contact Plazbot support.',
		],
		[400, 'Check the values sent for this item.'],
	])('names what to check for HTTP %i', (status, hint) => {
		expect(refusedAnswer(status, '', undefined, 1).description).toBe(hint);
	});

	it('names the session token, not the API Key, for a 401 with Email and Password', () => {
		expect(refusedAnswer(401, '', { success: false }, 1, {}, true).description).toMatch(
			/^Plazbot refused the session token of the Email and Password sign-in/,
		);
	});

	it('tells a refusal inside a 200 from one Plazbot explains with its message', () => {
		expect(refusedAnswer(200, '', { success: false }, 1).description).toBe(
			'Plazbot refused the request. Check the values sent for this item.',
		);
		expect(refusedAnswer(400, '', { success: false, message: 'Bad phone' }, 1)).toMatchObject({
			message: 'Plazbot error 400: Bad phone',
			description:
				'Plazbot refused a value sent for this item: correct the value its message names, then run the item again.',
		});
	});
});

describe('the explanation of a request without an answer', () => {
	it.each([
		['ECONNREFUSED', 'Could not connect to Plazbot at h:1: the connection was refused'],
		['ENOTFOUND', 'Could not find the Plazbot server h:1: the name does not resolve'],
		['EAI_AGAIN', 'Could not find the Plazbot server h:1: the name does not resolve'],
		[
			'DEPTH_ZERO_SELF_SIGNED_CERT',
			'Could not establish a secure connection to h:1: the TLS certificate was not accepted',
		],
		[
			'REDIRECTED_TO_OTHER_HOST',
			'Plazbot at h:1 redirected the request to another host; the redirect was not followed',
		],
		['ECONNRESET', 'The connection to Plazbot at h:1 was dropped before an answer arrived'],
		['ERR_BAD_RESPONSE', 'The connection to Plazbot at h:1 was dropped before an answer arrived'],
		['EHOSTUNREACH', 'The request to Plazbot at h:1 failed'],
	])('says what %s means', (code, message) => {
		const wording = transportFailure(failure(code), 'h:1', 30_000, 1);
		expect(wording.message).toBe(message);
		expect(wording.description).toMatch(new RegExp(`\\(${code}: details\\)$`));
	});

	it('warns that a send may have gone out only when the request may have reached Plazbot', () => {
		const mayHaveBeenSent =
			/^Plazbot may have received the request: the message may have been sent/;
		expect(transportFailure(failure('ECONNRESET'), 'h', 30_000, 1, true).description).toMatch(
			mayHaveBeenSent,
		);
		expect(transportFailure(failure('EHOSTUNREACH'), 'h', 30_000, 1, true).description).toMatch(
			mayHaveBeenSent,
		);
		expect(transportFailure(failure('ECONNREFUSED'), 'h', 30_000, 1, true).description).not.toMatch(
			mayHaveBeenSent,
		);
		expect(transportFailure(failure('ECONNRESET'), 'h', 30_000, 1).description).not.toMatch(
			mayHaveBeenSent,
		);
	});

	it('says how long it waited, and how many attempts it made', () => {
		expect(transportFailure(failure('ETIMEDOUT', true), 'h', 90_000, 3).message).toBe(
			'Plazbot did not answer within 90 s (gave up after 3 attempts)',
		);
		expect(transportFailure(failure('ETIMEDOUT', true), 'h', 500, 1).message).toBe(
			'Plazbot did not answer within 500 ms',
		);
	});
});

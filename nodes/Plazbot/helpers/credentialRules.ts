import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { characterName } from './phone';

/*
 * The Plazbot API credential's rules, shared by the credential (its hooks and Test button) and the
 * node's client, so that both accept and refuse the same values with the same words.
 */

export const DEFAULT_BASE_URL = 'https://api.plazbot.com';
/** The `authentication` value of a credential that signs in with email and password. */
export const EMAIL_PASSWORD = 'emailPassword';

/** A credential value the node cannot use, in the words the user sees, and what to do. */
export interface CredentialProblem {
	message: string;
	description: string;
}

/**
 * A sign-in that failed, as the credential words it and the node reads it back (n8n hands the
 * node only the error's text): refused (a 4xx: wrong email or password), remembered by the node
 * for the run so that it does not sign in again for every item; or "not now" (429, 5xx), retried
 * like any request answered so, following the Retry-After it carries.
 */
export function signInFailureMessage(status: number, said: string, retryAfter?: string): string {
	const detail = `HTTP ${status}${retryAfter ? `, Retry-After "${retryAfter.replace(/"/g, '')}"` : ''}${said ? `: ${said}` : ''}`;
	return status >= 400 && status < 500 && status !== 429
		? `Plazbot refused the sign-in (${detail}): check the Email and Password in the Plazbot API credential`
		: `Plazbot could not sign in now (${detail}): try again later`;
}

export interface SignInFailure {
	refused: boolean;
	status: number;
	retryAfter?: string;
	message: string;
}

export function readSignInFailure(text: string): SignInFailure | undefined {
	const found =
		/Plazbot (refused the sign-in|could not sign in now) \(HTTP (\d{3})(?:, Retry-After "([^"]{1,40})")?/.exec(
			text,
		);
	if (!found) return undefined;
	return {
		refused: found[1] === 'refused the sign-in',
		status: Number(found[2]),
		retryAfter: found[3],
		message: text.slice(found.index),
	};
}

type BaseUrlVerdict = Readonly<{ baseUrl: string }> | Readonly<CredentialProblem>;

/**
 * Verdicts of the Base URL rule by the value as saved, with the host the credential's headers may
 * go to: n8n calls the credential's preAuthentication and authenticate for every request of a
 * campaign, each with the same Base URL. A few values are kept (an n8n instance has few Plazbot
 * credentials), the oldest dropped first. A Base URL is not a secret.
 */
const baseUrlVerdicts = new Map<string, { verdict: BaseUrlVerdict; hostname?: string }>();
const BASE_URL_VERDICTS_KEPT = 16;

function baseUrlVerdictOf(value: unknown): { verdict: BaseUrlVerdict; hostname?: string } {
	const saved = String(value ?? '');
	let known = baseUrlVerdicts.get(saved);
	if (known === undefined) {
		known = judgeBaseUrl(saved);
		Object.freeze(known.verdict);
		if (baseUrlVerdicts.size >= BASE_URL_VERDICTS_KEPT)
			baseUrlVerdicts.delete(baseUrlVerdicts.keys().next().value as string);
		baseUrlVerdicts.set(saved, known);
	}
	return known;
}

/**
 * The one Base URL rule, used by the node's requests, the sign-in and the Test button: https, or
 * plain http to this machine only (localhost, ::1, 127.0.0.0/8), and no query string or fragment,
 * since every path is added after it. Gives the URL without a trailing slash, or the problem (the
 * same frozen object for the same value).
 */
export function checkBaseUrl(value: unknown): BaseUrlVerdict {
	return baseUrlVerdictOf(value).verdict;
}

/** The host of an accepted Base URL (the only host the credential's headers go to), or undefined. */
export function baseUrlHostname(value: unknown): string | undefined {
	return baseUrlVerdictOf(value).hostname;
}

function judgeBaseUrl(saved: string): { verdict: BaseUrlVerdict; hostname?: string } {
	const raw = saved.trim() || DEFAULT_BASE_URL;
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		const shown = raw.replace(/\s+/g, ' ').slice(0, 120);
		return {
			verdict: {
				message: `The Base URL "${shown}" in the Plazbot API credential is not a valid URL`,
				description: `Use ${DEFAULT_BASE_URL} unless Plazbot gave you another address.`,
			},
		};
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
		return {
			verdict: {
				message: `The Base URL "${url.origin}" in the Plazbot API credential must start with https://`,
				description:
					'Plain http is accepted only for a server on this machine (localhost, ::1 or an address 127.x.x.x), such as the Plazbot stand-in.',
			},
		};
	}
	if (url.search || url.hash || /[?#]/.test(raw)) {
		return {
			verdict: {
				message: `The Base URL "${url.origin}${url.pathname}" in the Plazbot API credential has a query string or fragment ("?…" or "#…")`,
				description: `Remove everything from the "?" or "#" on: the node adds each request's path after the Base URL. For Europe use https://apieu.plazbot.com, not a parameter.`,
			},
		};
	}
	return { verdict: { baseUrl: url.href.replace(/\/+$/, '') }, hostname: url.hostname };
}

/**
 * localhost, ::1, or IPv4 127.0.0.0/8. The URL parser has already turned "127.1" or "0x7f.1" into
 * "127.0.0.1"; "127.0.0.1.example.com" is a host on the internet.
 */
function isLoopbackHost(hostname: string): boolean {
	if (hostname === 'localhost' || hostname === '[::1]') return true;
	const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
	return octets !== null && octets[1] === '127' && octets.slice(2).every((o) => Number(o) <= 255);
}

/** A control character or one beyond Latin-1 (a UTF-16 surrogate included). */
const UNSENDABLE_IN_HEADER = /[^\x20-\x7e\x80-\xff]/;

/**
 * Why a value cannot go in a request header: a line break would let it add headers of its own,
 * and a header carries only Latin-1 (a zero-width space or curly quote copied from a web page
 * would fail every request with an error that does not say why).
 */
export function headerValueProblem(label: string, value: string): CredentialProblem | undefined {
	// Printable Latin-1 throughout, as every credential is: checked for every request.
	if (!UNSENDABLE_IN_HEADER.test(value)) return undefined;
	for (const character of value) {
		const code = character.codePointAt(0) ?? 0;
		if (code < 0x20 || code === 0x7f) {
			return {
				message: `The ${label} in the Plazbot API credential contains a line break or another control character`,
				description: `Open the Plazbot API credential, paste the ${label} again without line breaks, and save it.`,
			};
		}
	}
	const unsendable = [...value].find((character) => (character.codePointAt(0) ?? 0) > 0xff);
	if (unsendable === undefined) return undefined;
	return {
		message: `The ${label} in the Plazbot API credential contains ${characterName(unsendable)}, which cannot be sent in a request header`,
		description: `Open the Plazbot API credential, type or paste the ${label} again (copied text can carry invisible characters), and save it.`,
	};
}

/**
 * The credential's values as the node sends them, checked before any request. `secrets`: the API
 * key and password (4 characters or more), never shown back; the Workspace ID is treated apart.
 */
export function readCredential(
	credentials: ICredentialDataDecryptedObject,
): { workspaceId: string; baseUrl: string; secrets: string[] } | CredentialProblem {
	const workspaceId = String(credentials.workspaceId ?? '').trim();
	const apiKey = String(credentials.apiKey ?? '').trim();
	const checked = checkBaseUrl(credentials.baseUrl);
	if ('message' in checked) return checked;
	const problem =
		headerValueProblem('Workspace ID', workspaceId) ?? headerValueProblem('API Key', apiKey);
	if (problem) return problem;
	if (!workspaceId)
		return {
			message: 'The Plazbot API credential has no Workspace ID',
			description:
				'Open the credential and fill in the Workspace ID from Plazbot (Settings → Developers).',
		};
	const password = String(credentials.password ?? '');
	const secrets = [apiKey, password].filter((secret) => secret.length >= 4);
	return { workspaceId, baseUrl: checked.baseUrl, secrets };
}

import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_BASE_URL } from '../../../credentials/PlazbotApi.credentials';
import { characterName } from '../helpers/phone';
import { snippet } from './text';

/** The credential's values, checked before any request is sent. */
export interface CredentialSettings {
	workspaceId: string;
	apiKey: string;
	/** Without a trailing slash. */
	baseUrl: string;
	/** The values that must never be shown back: in errors, logs or output. */
	secrets: string[];
}

export function readCredentialSettings(
	node: INode,
	credentials: ICredentialDataDecryptedObject,
): CredentialSettings {
	const workspaceId = String(credentials.workspaceId ?? '').trim();
	const apiKey = String(credentials.apiKey ?? '').trim();
	const baseUrl = checkBaseUrl(node, String(credentials.baseUrl ?? '').trim() || DEFAULT_BASE_URL);
	// Refused here, before any request: in a header, a line break would let the value add headers of its own.
	for (const [label, value] of [
		['Workspace ID', workspaceId],
		['API Key', apiKey],
	]) {
		if (hasControlCharacter(value)) {
			throw new NodeOperationError(
				node,
				`The ${label} in the Plazbot API credential contains a line break or another control character`,
				{
					description: `Open the Plazbot API credential, paste the ${label} again without line breaks, and save it.`,
				},
			);
		}
		// An HTTP header carries only Latin-1: a zero-width space or a curly quote copied from a web
		// page would fail every request with an error that does not say why.
		const unsendable = [...value].find((character) => (character.codePointAt(0) ?? 0) > 0xff);
		if (unsendable !== undefined) {
			throw new NodeOperationError(
				node,
				`The ${label} in the Plazbot API credential contains ${characterName(unsendable)}, which cannot be sent in a request header`,
				{
					description: `Open the Plazbot API credential, type or paste the ${label} again (copied text can carry invisible characters), and save it.`,
				},
			);
		}
	}
	if (!workspaceId) {
		throw new NodeOperationError(node, 'The Plazbot API credential has no Workspace ID', {
			description:
				'Open the credential and fill in the Workspace ID from Plazbot (Settings → Developers).',
		});
	}
	// The password (Email and Password credentials) is never shown back either.
	const password = String(credentials.password ?? '');
	return {
		workspaceId,
		apiKey,
		baseUrl,
		secrets: [workspaceId, apiKey, password].filter((secret) => secret.length >= 4),
	};
}

/** The Base URL without a trailing slash; https, or plain http to this machine only. */
export function checkBaseUrl(node: INode, raw: string): string {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new NodeOperationError(
			node,
			`The Base URL "${snippet(raw)}" in the Plazbot API credential is not a valid URL`,
			{
				description: `Use ${DEFAULT_BASE_URL} unless Plazbot gave you another address.`,
			},
		);
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
		throw new NodeOperationError(
			node,
			`The Base URL "${url.origin}" in the Plazbot API credential must start with https://`,
			{
				description:
					'Plain http is accepted only for a server on this machine (localhost, ::1 or an address 127.x.x.x), such as the Plazbot stand-in.',
			},
		);
	}
	return url.href.replace(/\/+$/, '');
}

/**
 * Whether a URL's host name is this machine: localhost, ::1, or an IPv4 address in 127.0.0.0/8.
 * The WHATWG URL parser has already turned "127.1" or "0x7f.1" into "127.0.0.1"; a name such as
 * "127.0.0.1.example.com" is a host on the internet and does not count.
 */
export function isLoopbackHost(hostname: string): boolean {
	if (hostname === 'localhost' || hostname === '[::1]') return true;
	const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
	return (
		octets !== null && octets[1] === '127' && octets.slice(2).every((octet) => Number(octet) <= 255)
	);
}

function hasControlCharacter(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

export function safeHost(baseUrl: string): string {
	try {
		return new URL(baseUrl).host;
	} catch {
		return 'the configured Base URL';
	}
}

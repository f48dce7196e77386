import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export const DEFAULT_BASE_URL = 'https://api.plazbot.com';

/**
 * A workspace ID or key with a line break in it would let a crafted value add its own HTTP
 * headers, so such values are refused before they reach a request.
 */
function assertHeaderSafe(fieldName: string, value: string): void {
	if (/[\r\n]/.test(value)) {
		throw new Error(`The credential field "${fieldName}" contains a line break. Remove it and save the credential again.`);
	}
}

export class PlazbotApi implements ICredentialType {
	name = 'plazbotApi';

	displayName = 'Plazbot API';

	icon: Icon = {
		light: 'file:../nodes/Plazbot/plazbot.svg',
		dark: 'file:../nodes/Plazbot/plazbot.dark.svg',
	};

	documentationUrl = 'https://docs.plazbot.com/api-reference/introduction';

	properties: INodeProperties[] = [
		// eslint-disable-next-line @n8n/community-nodes/credential-unnecessary-password -- the Workspace ID alone authorises API calls (the API Key is optional), so it is a secret
		{
			displayName: 'Workspace ID',
			name: 'workspaceId',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The ID of your Plazbot workspace. In Plazbot open Settings → Developers (API) to copy it.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Your Plazbot API key (Bearer token). Sent as "Authorization: Bearer &lt;key&gt;" when set.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				'Plazbot API address: https://api.plazbot.com (Latin America, the default) or https://apieu.plazbot.com (Europe), the regional hosts of Plazbot\'s SDK. Plain http is accepted only for a test server on this machine (http://127.0.0.1:…).',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const workspaceId = String(credentials.workspaceId ?? '').trim();
		const apiKey = String(credentials.apiKey ?? '').trim();
		assertHeaderSafe('Workspace ID', workspaceId);
		assertHeaderSafe('API Key', apiKey);
		const headers: Record<string, string> = { 'x-workspace-id': workspaceId };
		if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
		return {
			...requestOptions,
			headers: { ...(requestOptions.headers ?? {}), ...headers },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			// The node's rule (transport/credentialSettings.ts): https, or plain http only to this machine.
			baseURL: `={{ (url => /^https:\\/\\//i.test(url) || /^http:\\/\\/(localhost|127(\\.\\d{1,3}){3}|\\[::1\\])(:\\d+)?(\\/.*)?$/i.test(url) ? url : (() => { throw new Error("The Base URL must start with https:// (plain http only for localhost or 127.x.x.x)"); })())(($credentials.baseUrl || "${DEFAULT_BASE_URL}").trim().replace(/\\/+$/, "")) }}`,
			url: '=/api/workspace/{{ encodeURIComponent($credentials.workspaceId.trim()) }}',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: false,
					message: 'Plazbot refused the credential: check the Workspace ID and the API Key',
				},
			},
		],
	};
}

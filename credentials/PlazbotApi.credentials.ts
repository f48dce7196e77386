import type {
	IAuthenticateRuleResponseCode,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	IN8nHttpFullResponse,
	INodeProperties,
} from 'n8n-workflow';

import {
	baseUrlHostname,
	checkBaseUrl,
	type CredentialProblem,
	DEFAULT_BASE_URL,
	EMAIL_PASSWORD,
	headerValueProblem,
	signInFailureMessage,
} from '../nodes/Plazbot/helpers/credentialRules';
import { headerValue } from '../nodes/Plazbot/helpers/http';
import { USER_LOGIN_PATH } from '../nodes/Plazbot/transport/apiContract';

/** Throws the first problem, for n8n to show (the credential's own hooks have no node to name). */
function assertUsable(...problems: Array<CredentialProblem | undefined>): void {
	const problem = problems.find((entry) => entry !== undefined);
	if (problem) throw new Error(`${problem.message}. ${problem.description}`);
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
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'API Key', value: 'apiKey', description: 'A Plazbot API key (Bearer token)' },
				{
					name: 'Email and Password',
					value: EMAIL_PASSWORD,
					description:
						'Sign in as a Plazbot user; n8n keeps the session token and signs in again when it expires',
				},
			],
			// A credential saved without this field uses the API key.
			default: 'apiKey',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authentication: ['apiKey'] } },
			description:
				'Your Plazbot API key (Bearer token). Sent as "Authorization: Bearer &lt;key&gt;" when set.',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			displayOptions: { show: { authentication: [EMAIL_PASSWORD] } },
			description: 'The email address you sign in to Plazbot with',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authentication: [EMAIL_PASSWORD] } },
			description: 'Your Plazbot password. Sent only to the Base URL, to sign in.',
		},
		{
			// The session token from signing in: n8n fills it through preAuthentication and clears it
			// (expirable) so that the next request signs in again.
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				"Plazbot API address: https://api.plazbot.com (Latin America, the default) or https://apieu.plazbot.com (Europe), the regional hosts of Plazbot's SDK. Plain http is accepted only for a test server on this machine (http://127.0.0.1:…). No query string or fragment.",
		},
	];

	/**
	 * Email and Password: signs in and returns the session token for n8n to keep (n8n calls this
	 * when `sessionToken` is empty). API Key: nothing to do. Errors never carry the password: the
	 * answer is read here instead of letting the HTTP helper throw with the request attached.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// Called for every request of an API-key credential too (its session token is always empty)
		// and by the Test button: the Base URL rule is checked here before the test request goes out.
		const checked = checkBaseUrl(credentials.baseUrl);
		const workspaceId = String(credentials.workspaceId ?? '').trim();
		assertUsable(
			'message' in checked ? checked : undefined,
			headerValueProblem('Workspace ID', workspaceId),
		);
		if (credentials.authentication !== EMAIL_PASSWORD || 'message' in checked) return {};
		const { baseUrl } = checked;
		let answer: { statusCode: number; body: unknown; headers?: IN8nHttpFullResponse['headers'] };
		try {
			answer = await this.helpers.httpRequest({
				method: 'POST',
				url: `${baseUrl}${USER_LOGIN_PATH}`,
				headers: { 'x-workspace-id': workspaceId },
				body: {
					email: String(credentials.email ?? '').trim(),
					password: String(credentials.password ?? ''),
				},
				json: true,
				// The password is in the body: it must not follow a redirect to another host.
				allowedDomains: new URL(baseUrl).hostname,
				disableFollowRedirect: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			});
		} catch (error) {
			const code = (error as { code?: unknown }).code;
			throw new Error(
				`Could not reach Plazbot to sign in${typeof code === 'string' ? ` (${code})` : ''}`,
			);
		}
		const envelope = (
			typeof answer.body === 'object' && answer.body !== null ? answer.body : {}
		) as {
			message?: unknown;
			data?: { token?: unknown };
		};
		const token = envelope.data?.token;
		if (
			answer.statusCode >= 200 &&
			answer.statusCode < 300 &&
			typeof token === 'string' &&
			token !== ''
		) {
			return { sessionToken: token };
		}
		const said =
			typeof envelope.message === 'string'
				? envelope.message.slice(0, 120).replace(/[()]/g, '')
				: '';
		const retryAfter = headerValue(answer.headers, 'retry-after')?.slice(0, 40);
		throw new Error(signInFailureMessage(answer.statusCode, said, retryAfter));
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const workspaceId = String(credentials.workspaceId ?? '').trim();
		const bearer = String(
			(credentials.authentication === EMAIL_PASSWORD
				? credentials.sessionToken
				: credentials.apiKey) ?? '',
		).trim();
		assertUsable(
			headerValueProblem('Workspace ID', workspaceId),
			headerValueProblem(
				credentials.authentication === EMAIL_PASSWORD ? 'Session Token' : 'API Key',
				bearer,
			),
		);
		const headers: Record<string, string> = { 'x-workspace-id': workspaceId };
		if (bearer) headers.Authorization = `Bearer ${bearer}`;
		// n8n follows a redirect to any host with these headers. Only the Base URL's host may have
		// them: this covers the Test button's request, which the node's own client does not send.
		const hostname = baseUrlHostname(credentials.baseUrl);
		return {
			...requestOptions,
			headers: { ...(requestOptions.headers ?? {}), ...headers },
			...(requestOptions.allowedDomains === undefined && hostname !== undefined
				? { allowedDomains: hostname }
				: {}),
		};
	}

	test: ICredentialTestRequest = {
		request: {
			// The Base URL rule (checkBaseUrl) runs in preAuthentication, which n8n calls first.
			baseURL: `={{ ($credentials.baseUrl || "${DEFAULT_BASE_URL}").trim().replace(/\\/+$/, "") }}`,
			// The workspace's users (docs.plazbot.com "Listar Usuarios", transport/apiContract.ts
			// workspaceUsersPath): a small read that needs the Bearer token, as most of Plazbot's API
			// does. Get Workspace by ID (the developer hub's example sends only x-workspace-id) would
			// pass without the API Key, or with a wrong one.
			url: '=/api/workspace/usersByWorkspaceId/{{ encodeURIComponent($credentials.workspaceId.trim()) }}',
			method: 'GET',
		},
		// n8n shows a rule's message when Plazbot answers with its status: each one names the field to
		// check. (A node-level credentialTest could quote Plazbot's own words, but n8n gives it only
		// the deprecated `helpers.request`, which n8n's verification refuses.) n8n's tester reads both
		// kinds of rule from one list; its type allows only one kind per list.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Plazbot refused the API Key (HTTP 401): check the API Key field, which most of Plazbot’s API needs. Copy it again from Plazbot (Settings → API Key).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Plazbot refused access to this workspace (HTTP 403): check the Workspace ID field, and that the API Key belongs to that workspace.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Plazbot found no workspace with this ID (HTTP 404): check the Workspace ID field, and that the Base URL is the Plazbot API of your region.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: false,
					message: 'Plazbot refused the credential: check the Workspace ID and the API Key',
				},
			},
		] as unknown as IAuthenticateRuleResponseCode[],
	};
}

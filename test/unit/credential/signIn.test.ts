/**
 * Email and Password through the node, with n8n's sign-in (preAuthentication) as the unit fake
 * plays it: a refused sign-in is remembered for the run, a 429 on the sign-in is retried, and a
 * refused session token does not point at an API Key the credential does not have.
 */
import { router } from '../../../nodes/Plazbot/actions/router';
import { campaign } from '../support/campaign';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';

const EMAIL = 'ana@example.com';
const PASSWORD = 'Secret123!';
const LOGIN = '/api/user/login';
const SEND = '/api/message/conversation';

const signingIn = (baseUrl: string, password = PASSWORD) => ({
	workspaceId: WORKSPACE_ID,
	authentication: 'emailPassword',
	email: EMAIL,
	password,
	baseUrl,
});

describe('Email and Password sign-in through the node', () => {
	const { standIn } = startStandIn();

	it('a refused sign-in is tried once for the run, and every item says to check the Email and Password', async () => {
		const { fns } = campaign(
			signingIn(standIn().url, 'Wrong-Pass-1'),
			25,
			{ concurrency: 5 },
			{
				continueOnFail: true,
			},
		);

		const [output] = await router.call(fns);

		expect(standIn().requestsTo(LOGIN)).toHaveLength(1);
		expect(standIn().requestsTo(SEND)).toHaveLength(0);
		expect(output).toHaveLength(25);
		for (const item of output) {
			expect(item.json.error).toBe(
				'Plazbot refused the sign-in (HTTP 401: Credenciales inválidas): check the Email and Password in the Plazbot API credential',
			);
			expect(item.json.description).not.toContain('Base URL');
			expect(JSON.stringify(item.json)).not.toContain('Wrong-Pass-1');
		}
	});

	it('a sign-in answered 429 is retried like any 429, and the message goes out once', async () => {
		standIn().setFaults({ script: { 1: '429' }, retryAfterSeconds: 0 });
		const { fns } = campaign(signingIn(standIn().url), 1);

		const [output] = await router.call(fns);

		expect(output[0].json.contactId).toEqual(expect.any(String));
		expect(
			standIn()
				.requestsTo(LOGIN)
				.map((request) => request.fault),
		).toEqual(['429', null]);
		expect(standIn().requestsTo(SEND)).toHaveLength(1);
	});
});

describe('a session token Plazbot keeps refusing', () => {
	// Every token has expired by the time it is used.
	const { standIn } = startStandIn({ tokenTtlMs: 0 });

	it('fails with a 401 whose hint names the Email and Password, not an API Key', async () => {
		const { fns } = campaign(signingIn(standIn().url), 1);

		const error = await router.call(fns).catch((caught) => caught);

		expect(error.message).toBe('Plazbot error 401: Token inválido o expirado');
		expect(error.description).toContain('Check the Email and Password');
		expect(error.description).not.toContain('API Key');
		expect(standIn().requestsTo(SEND).length).toBeGreaterThan(1);
	});
});

describe('a sign-in elsewhere that revokes older tokens (one session per user)', () => {
	const { standIn } = startStandIn();

	it('a token another request already renewed costs this request no try: the message goes out once', async () => {
		standIn().setFaults({ revokeOlderSessions: true });
		const signIn = async () => {
			const login = await fetch(`${standIn().url}${LOGIN}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-workspace-id': WORKSPACE_ID },
				body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
			});
			return ((await login.json()) as { data: { token: string } }).data.token;
		};
		// The run starts with a session token n8n kept from an earlier sign-in.
		const { fns } = campaign({ ...signingIn(standIn().url), sessionToken: await signIn() }, 1);
		const send = fns.helpers.httpRequestWithAuthentication;
		let rivalRenewals = 0;
		// Four times, between this request leaving and its answer, another request of the run signs
		// in again (revoking the token this request carries) and writes its token into the
		// credential the node shares, as n8n does: more 401s than a request has sign-ins of its own.
		fns.helpers.httpRequestWithAuthentication = async function (type, options, additional) {
			const data = (additional as { credentialsDecrypted: { data: Record<string, string> } })
				.credentialsDecrypted.data;
			if (options.url === SEND && data.sessionToken && rivalRenewals < 4) {
				rivalRenewals++;
				const carried = data.sessionToken;
				data.sessionToken = await signIn();
				return await send.call(this, type, options, {
					credentialsDecrypted: {
						...additional!.credentialsDecrypted!,
						data: { ...data, sessionToken: carried },
					},
				});
			}
			return await send.call(this, type, options, additional);
		} as typeof send;

		const [output] = await router.call(fns);

		expect(rivalRenewals).toBe(4);
		expect(output).toHaveLength(1);
		expect(output[0].json.error).toBeUndefined();
		expect(output[0].json.contactId).toEqual(expect.any(String));
		// Four refused with a revoked token, then the one accepted; the node itself signed in once.
		expect(
			standIn()
				.requestsTo(SEND)
				.map((request) => request.status),
		).toEqual([401, 401, 401, 401, 200]);
		expect(standIn().requestsTo(LOGIN)).toHaveLength(5);
	});
});

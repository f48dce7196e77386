/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * The credential's two sign-in modes: API-key credentials saved before the choice existed keep
 * sending exactly what they sent; Email and Password signs in once (preAuthentication) and sends
 * the session token; a refused sign-in never repeats the password.
 */
import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { PlazbotApi } from '../../../credentials/PlazbotApi.credentials';
import { Session } from '../../../nodes/Plazbot/transport/policy';

const credential = new PlazbotApi();
const PASSWORD = 'S3cret-unit-Pw!';

function helperAnswering(statusCode: number, body: unknown, headers: Record<string, string> = {}) {
	const sent: IHttpRequestOptions[] = [];
	const helper = {
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				sent.push(options);
				return { statusCode, body, headers };
			},
		},
	} as unknown as IHttpRequestHelper;
	return { helper, sent };
}

describe('Plazbot API credential sign-in modes', () => {
	it('an API-key credential saved before the choice existed sends the same headers as before', async () => {
		const options = await credential.authenticate(
			{ workspaceId: 'ws-1', apiKey: 'key-1', baseUrl: 'https://api.plazbot.com' },
			{ url: '/x', headers: { a: 'b' } },
		);
		expect(options.headers).toEqual({
			a: 'b',
			'x-workspace-id': 'ws-1',
			Authorization: 'Bearer key-1',
		});
	});

	it('a sign-in answered 429 says so with its Retry-After, whatever the header name’s case', async () => {
		const { helper } = helperAnswering(
			429,
			{ success: false, message: 'Demasiadas solicitudes' },
			{ 'Retry-After': '7' },
		);
		await expect(
			credential.preAuthentication.call(helper, {
				authentication: 'emailPassword',
				workspaceId: 'ws-1',
				email: 'ana@example.com',
				password: PASSWORD,
				baseUrl: 'https://api.plazbot.com',
			}),
		).rejects.toThrow(
			'Plazbot could not sign in now (HTTP 429, Retry-After "7": Demasiadas solicitudes): try again later',
		);
	});

	it('an API-key credential never signs in', async () => {
		const { helper, sent } = helperAnswering(200, {});
		expect(
			await credential.preAuthentication.call(helper, {
				authentication: 'apiKey',
				workspaceId: 'ws-1',
				apiKey: 'key-1',
			}),
		).toEqual({});
		expect(sent).toEqual([]);
	});

	it('Email and Password signs in at the Base URL and keeps data.token as the session token', async () => {
		const { helper, sent } = helperAnswering(200, {
			success: true,
			data: { token: 'tok-abc', user: { id: 'u1' } },
		});
		const data = {
			authentication: 'emailPassword',
			workspaceId: 'ws-1',
			email: ' ana@example.com ',
			password: PASSWORD,
			baseUrl: 'http://127.0.0.1:4010/',
		};
		expect(await credential.preAuthentication.call(helper, data)).toEqual({
			sessionToken: 'tok-abc',
		});
		expect(sent).toEqual([
			expect.objectContaining({
				method: 'POST',
				url: 'http://127.0.0.1:4010/api/user/login',
				body: { email: 'ana@example.com', password: PASSWORD },
				allowedDomains: '127.0.0.1',
				disableFollowRedirect: true,
			}),
		]);
		const options = await credential.authenticate(
			{ ...data, sessionToken: 'tok-abc' },
			{ url: '/x' },
		);
		expect(options.headers).toEqual({ 'x-workspace-id': 'ws-1', Authorization: 'Bearer tok-abc' });
	});

	it("a refused sign-in says so with Plazbot's message and never the password", async () => {
		const { helper } = helperAnswering(401, { success: false, message: 'Credenciales inválidas' });
		const signIn = credential.preAuthentication.call(helper, {
			authentication: 'emailPassword',
			workspaceId: 'ws-1',
			email: 'a@b.co',
			password: PASSWORD,
			baseUrl: 'https://api.plazbot.com',
		});
		await expect(signIn).rejects.toThrow(
			'Plazbot refused the sign-in (HTTP 401: Credenciales inválidas): check the Email and Password in the Plazbot API credential',
		);
		await expect(signIn).rejects.not.toThrow(PASSWORD);
	});

	it('refuses to send the password over plain http to another machine', async () => {
		const { helper, sent } = helperAnswering(200, {});
		const signIn = credential.preAuthentication.call(helper, {
			authentication: 'emailPassword',
			workspaceId: 'ws-1',
			email: 'a@b.co',
			password: PASSWORD,
			baseUrl: 'http://plazbot.example.com',
		});
		await expect(signIn).rejects.toThrow(
			'The Base URL "http://plazbot.example.com" in the Plazbot API credential must start with https://',
		);
		expect(sent).toEqual([]);
	});
});

describe('Session', () => {
	const response = (statusCode: number) => ({
		kind: 'response' as const,
		response: { statusCode, headers: {}, body: '' },
	});

	it('drops only the token Plazbot refused, not a newer one another request already got', () => {
		const data = { authentication: 'emailPassword', sessionToken: 'tok-new' };
		const session = new Session(data);
		expect(session.refused(response(401), 'tok-old')).toBe('renewed');
		expect(data.sessionToken).toBe('tok-new');
		expect(session.refused(response(401), 'tok-new')).toBe('signIn');
		expect(data.sessionToken).toBe('');
	});

	it('leaves API-key credentials and other answers alone', () => {
		const apiKey = { authentication: 'apiKey', sessionToken: '' };
		expect(new Session(apiKey).refused(response(401), '')).toBeUndefined();
		const data = { authentication: 'emailPassword', sessionToken: 'tok-1' };
		expect(new Session(data).refused(response(403), 'tok-1')).toBeUndefined();
		expect(data.sessionToken).toBe('tok-1');
	});

	it('lets one request sign in while the others wait for its token', async () => {
		const data: Record<string, string> = { authentication: 'emailPassword', sessionToken: '' };
		const session = new Session(data);
		let signIns = 0;
		const tokensSent: string[] = [];
		const attempt = async () => {
			if (data.sessionToken === '') {
				signIns++;
				await new Promise((resolve) => setImmediate(resolve));
				data.sessionToken = `tok-${signIns}`;
			}
			tokensSent.push(data.sessionToken);
			return response(200);
		};
		const sent = await Promise.all([1, 2, 3, 4, 5].map(async () => await session.send(attempt)));
		expect(signIns).toBe(1);
		expect(sent.map((one) => one.tokenSent)).toEqual(Array(5).fill('tok-1'));
		expect(tokensSent).toEqual(Array(5).fill('tok-1'));
	});
});

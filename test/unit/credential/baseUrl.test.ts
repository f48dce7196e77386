/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * One Base URL rule for the node's requests, the Email and Password sign-in and the credential's
 * Test button (which n8n runs after preAuthentication): a Base URL one of them accepts, all accept.
 */
import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { PlazbotApi } from '../../../credentials/PlazbotApi.credentials';
import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn();
const credential = new PlazbotApi();

/** preAuthentication with an HTTP helper that records the sign-in and answers it with a token. */
async function signIn(baseUrl: string, authentication = 'emailPassword') {
	const sent: IHttpRequestOptions[] = [];
	const helper = {
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				sent.push(options);
				return { statusCode: 200, body: { success: true, data: { token: 'tok-1' } }, headers: {} };
			},
		},
	} as unknown as IHttpRequestHelper;
	const result = await credential.preAuthentication
		.call(helper, {
			authentication,
			workspaceId: WORKSPACE_ID,
			email: 'ana@example.com',
			password: 'pw-unit-1234',
			baseUrl,
		})
		.catch((error: Error) => error);
	return { result, sent };
}

async function getWorkspace(baseUrl: string) {
	const { fns, requests } = fakeExecuteFunctions({
		parameters: { resource: 'workspace', operation: 'get' },
		credentials: { ...credentials(), baseUrl },
	});
	const result = await router.call(fns).catch((error: Error) => error);
	return { result, requests };
}

describe('the Base URL rule', () => {
	it('accepts a loopback address however it is written, for the sign-in as for API-key requests', async () => {
		const port = new URL(standIn().url).port;
		const shortForm = `http://127.1:${port}`;

		const request = await getWorkspace(shortForm);
		expect(request.result).not.toBeInstanceOf(Error);
		expect(request.requests[0]).toMatchObject({ baseURL: `http://127.0.0.1:${port}` });

		const { result, sent } = await signIn(shortForm);
		expect(result).toEqual({ sessionToken: 'tok-1' });
		expect(sent.map((options) => options.url)).toEqual([`http://127.0.0.1:${port}/api/user/login`]);
	});

	it.each([
		['a query string', 'https://api.plazbot.com/?region=eu'],
		['a query string without a slash', 'https://api.plazbot.com?region=eu'],
		['a fragment', 'https://api.plazbot.com/#eu'],
		['an empty query', 'https://api.plazbot.com/?'],
	])('refuses a Base URL with %s before any request, naming it', async (_label, baseUrl) => {
		const message =
			'The Base URL "https://api.plazbot.com/" in the Plazbot API credential has a query string or fragment ("?…" or "#…")';

		const request = await getWorkspace(baseUrl);
		expect(request.result).toMatchObject({ message });
		expect((request.result as { description?: string }).description).toContain(
			'Remove everything from the "?" or "#" on',
		);
		expect(request.requests).toHaveLength(0);

		for (const authentication of ['emailPassword', 'apiKey']) {
			const { result, sent } = await signIn(baseUrl, authentication);
			expect(result).toBeInstanceOf(Error);
			expect((result as Error).message).toContain(message);
			expect(sent).toHaveLength(0);
		}
	});

	it('refuses plain http to another machine in the same words everywhere', async () => {
		const message =
			'The Base URL "http://api.example.com" in the Plazbot API credential must start with https://';
		const request = await getWorkspace('http://api.example.com');
		expect(request.result).toMatchObject({ message });
		for (const authentication of ['emailPassword', 'apiKey']) {
			const { result, sent } = await signIn('http://api.example.com', authentication);
			expect((result as Error).message).toContain(message);
			expect(sent).toHaveLength(0);
		}
	});

	it('judges a Base URL once, however many requests n8n runs the credential for, and in the same words each time', async () => {
		// n8n calls preAuthentication and authenticate for every request of an API-key credential.
		// Values as saved that no other test uses, so that nothing was judged before.
		const accepted = ' https://apieu.plazbot.com/  ';
		const refused = 'http://api.example.com/?judged=once';
		const apiKeyCredential = (baseUrl: string) => ({
			authentication: 'apiKey',
			workspaceId: WORKSPACE_ID,
			apiKey: 'key-unit-1234',
			baseUrl,
		});
		const noRequests = { helpers: {} } as unknown as IHttpRequestHelper;
		const ParseURL = globalThis.URL;
		let urlsParsed = 0;
		globalThis.URL = class CountedURL extends ParseURL {
			constructor(...args: ConstructorParameters<typeof URL>) {
				super(...args);
				urlsParsed++;
			}
		};
		try {
			const options: IHttpRequestOptions[] = [];
			const refusals: string[] = [];
			for (let request = 0; request < 5; request++) {
				await credential.preAuthentication.call(noRequests, apiKeyCredential(accepted));
				options.push(await credential.authenticate(apiKeyCredential(accepted), { url: '/x' }));
				refusals.push(
					await credential.preAuthentication.call(noRequests, apiKeyCredential(refused)).then(
						() => 'accepted',
						(error: Error) => error.message,
					),
				);
			}

			// One of each value: the refused one fails the https rule after parsing.
			expect(urlsParsed).toBe(2);
			expect(options.map((sent) => sent.allowedDomains)).toEqual(
				Array(5).fill('apieu.plazbot.com'),
			);
			expect(new Set(refusals)).toEqual(
				new Set([
					'The Base URL "http://api.example.com" in the Plazbot API credential must start with https://. Plain http is accepted only for a server on this machine (localhost, ::1 or an address 127.x.x.x), such as the Plazbot stand-in.',
				]),
			);
		} finally {
			globalThis.URL = ParseURL;
		}
	});

	it("refuses a line break in the Workspace ID at sign-in and in the client with the client's words", async () => {
		const message =
			'The Workspace ID in the Plazbot API credential contains a line break or another control character';
		const { fns } = fakeExecuteFunctions({
			parameters: { resource: 'workspace', operation: 'get' },
			credentials: { ...credentials(), workspaceId: `${WORKSPACE_ID}\nX-Injected: 1` },
		});
		await expect(router.call(fns)).rejects.toMatchObject({ message });
		await expect(
			credential.authenticate(
				{ workspaceId: `${WORKSPACE_ID}\rX: 1`, apiKey: 'key-1' },
				{ url: '/x' },
			),
		).rejects.toThrow(message);
	});
});

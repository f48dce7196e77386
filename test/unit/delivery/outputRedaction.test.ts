/**
 * Every output item of a campaign is redacted (the API key, password and session tokens in any
 * form); the forms of the secrets are worked out once for the run, and again only when a sign-in
 * adds a session token.
 */
import { PlazbotClient } from '../../../nodes/Plazbot/transport/client';
import { fakeExecuteFunctions, type FakeCredentials } from '../support/fakeExecuteFunctions';
import { API_KEY, startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn();

async function clientWith(creds: FakeCredentials): Promise<PlazbotClient> {
	const { fns } = fakeExecuteFunctions({
		parameters: { resource: 'workspace', operation: 'get' },
		credentials: creds,
	});
	return await PlazbotClient.create(fns);
}

describe("a campaign's output items", () => {
	it("work out the secrets' forms once for the run, not once per item", async () => {
		const client = await clientWith(credentials());
		const encode = jest.spyOn(Buffer, 'from');

		const output = Array.from({ length: 50 }, (_, item) =>
			client.redactRecord({ note: `key=${API_KEY} #${item}` }),
		);
		const encodingsOfTheKey = encode.mock.calls.filter(([value]) => value === API_KEY).length;
		encode.mockRestore();

		expect(output[0]).toEqual({ note: 'key=*** #0' });
		expect(output[49]).toEqual({ note: 'key=*** #49' });
		expect(encodingsOfTheKey).toBe(1);
	});

	it('hide a session token from the moment a sign-in during the run sent it', async () => {
		const client = await clientWith({
			workspaceId: WORKSPACE_ID,
			authentication: 'emailPassword',
			email: 'ana@example.com',
			password: 'Secret123!',
			baseUrl: standIn().url,
		});
		expect(client.redactRecord({ note: 'before the sign-in' })).toEqual({
			note: 'before the sign-in',
		});

		await client.request({ method: 'GET', path: `/api/workspace/${WORKSPACE_ID}` });
		const [sent] = standIn().requestsTo(`/api/workspace/${WORKSPACE_ID}`);
		const token = String(sent.headers.authorization).replace(/^Bearer /, '');

		expect(token).toMatch(/^tok-/);
		expect(client.redactRecord({ note: `session ${token}` })).toEqual({ note: 'session ***' });
	});
});

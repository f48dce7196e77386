/**
 * A Plazbot Trigger whose registration Plazbot never answers, in real n8n (`n8n start`). A file of
 * its own because it waits: the trigger gives up after 10 s, and n8n 2.x's publication service
 * tries the activation five times, with backoff, before it reports the error (about a minute).
 * Beside trigger.test.ts, that minute overlaps the other files' work.
 */
import { randomUUID } from 'node:crypto';

import { N8nInstance, type N8nServer } from './n8n';
import {
	activationError,
	API_KEY,
	NUMBER,
	saveTriggerWorkflow,
	type SavedWorkflow,
	WEBHOOK_PATH,
	WORKSPACE_ID,
} from './triggerStand';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createStandIn } = require('../stand-in/server');

jest.setTimeout(5 * 60_000);

describe('Plazbot Trigger registration in real n8n', () => {
	const standIn = createStandIn({ workspaceId: WORKSPACE_ID, apiKey: API_KEY });
	const n8n = new N8nInstance();
	let server: N8nServer;
	let workflow: SavedWorkflow;

	beforeAll(async () => {
		const standInUrl = await standIn.start(0);
		server = await n8n.startServer();
		({ workflow } = await saveTriggerWorkflow(server, standInUrl, randomUUID()));
	});

	afterAll(async () => {
		await server?.stop();
		await standIn.stop();
		await n8n.dispose();
	});

	it('a registration Plazbot never answers fails after 10 s a try, naming Plazbot and the number', async () => {
		standIn.setFaults({ byRoute: { [`POST ${WEBHOOK_PATH}`]: 'hang' } });
		const error = await activationError(server, workflow);
		expect(error).toContain(
			`Registering the webhook of WhatsApp number +${NUMBER} with Plazbot failed: Plazbot did not answer within 10 s`,
		);
	});
});

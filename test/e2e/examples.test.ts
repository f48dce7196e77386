/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * The example workflows users import (test/e2e/workflows/, and what `npm start` sets up) share one
 * Plazbot workspace, as they do for a user: run one after another, in either order, and again,
 * they never disturb each other. Real n8n against one stand-in that keeps its state between runs.
 */
import {
	exampleWorkflow,
	expectExecutionSucceeded,
	N8nInstance,
	outputOf,
	type CredentialSpec,
	type ExecutionResult,
} from './n8n';
import { redactRecord } from '../../nodes/Plazbot/helpers/secrets';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createStandIn } = require('../stand-in/server');

const WORKSPACE_ID = 'ws-e2e-examples-3c81';
const API_KEY = 'key-e2e-examples-9d27e0';

const CAMPAIGN = 'PlzSendCampaign1';
const CRM = 'PlzCrmRoundTrip1';
const LIST = 'PlzListContacts1';

/** The customers of send-campaign.json and crm-round-trip.json, as Plazbot stores their numbers. */
const ANA = '51987654321';
const CAMPAIGN_NUMBERS = [ANA, '51912345678', '51955111222'];

jest.setTimeout(15 * 60_000);

interface Run {
	workflow: string;
	result: ExecutionResult;
	/** What the stand-in received during this run only. */
	requests: Array<{ method: string; path: string; query: any; body: any }>;
	/** The stand-in's contacts and opportunities right after this run. */
	contacts: any[];
	opportunities: any[];
}

describe('Example workflows in sequence, in either order, twice, on one workspace', () => {
	const standIn = createStandIn({ workspaceId: WORKSPACE_ID, apiKey: API_KEY });
	const n8n = new N8nInstance();
	const orders: Record<string, string[]> = {
		'campaign first': [CAMPAIGN, CRM, LIST, CAMPAIGN, CRM, LIST],
		'CRM round trip first': [CRM, CAMPAIGN, LIST, CRM, CAMPAIGN, LIST],
	};
	const runs: Record<string, Run[]> = {};

	beforeAll(async () => {
		const url = await standIn.start(0);
		const credential: CredentialSpec = {
			id: 'cred-examples',
			name: 'Plazbot stand-in',
			data: { workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl: url },
		};
		await n8n.importCredentials([credential]);
		await n8n.importWorkflows(
			['send-campaign.json', 'crm-round-trip.json', 'list-contacts.json'].map((file) =>
				exampleWorkflow(file, credential),
			),
		);
		for (const [order, workflows] of Object.entries(orders)) {
			standIn.reset();
			runs[order] = [];
			for (const workflow of workflows) {
				const before = standIn.requests.length;
				const result = await n8n.execute(workflow);
				const { state } = standIn;
				runs[order].push({
					workflow,
					result,
					requests: standIn.requests
						.slice(before)
						.map(({ method, path, query, body }: any) => ({ method, path, query, body })),
					contacts: JSON.parse(JSON.stringify([...state.contacts.values()])),
					opportunities: JSON.parse(JSON.stringify([...state.opportunities.values()])),
				});
			}
		}
	});

	afterAll(async () => {
		await standIn.stop();
		await n8n.dispose();
	});

	const runsOf = (order: string, workflow: string) =>
		runs[order].filter((run) => run.workflow === workflow);

	describe.each(Object.keys(orders))('%s', (order) => {
		it('every execution succeeds', () => {
			for (const run of runs[order]) expectExecutionSucceeded(run.result);
		});

		it('leaves exactly one contact per number, Ana with every field the CRM round trip sets, and no opportunity', () => {
			const last = runs[order][runs[order].length - 1];
			const numbers = last.contacts.map((contact) => contact.platformSenderPhone);
			expect([...numbers].sort()).toEqual([...CAMPAIGN_NUMBERS].sort());
			expect(last.contacts.find((contact) => contact.platformSenderPhone === ANA)).toMatchObject({
				name: 'Ana',
				lastname: 'Torres',
				email: 'ana.torres@example.com',
			});
			for (const run of runs[order]) expect(run.opportunities).toEqual([]);
		});

		it('creates the contact only when no contact has the number: once in all, and only if the CRM round trip comes first', () => {
			const creates = runs[order].flatMap((run) =>
				run.requests.filter((r) => r.method === 'POST' && r.path === '/api/contact'),
			);
			expect(creates).toHaveLength(order === 'CRM round trip first' ? 1 : 0);
		});

		it('each CRM round trip handles the one customer once: one opportunity "Annual plan - Ana Torres" for the same contact, logged and deleted', () => {
			const crmRuns = runsOf(order, CRM);
			expect(crmRuns).toHaveLength(2);
			const anaId = runs[order][runs[order].length - 1].contacts.find(
				(contact) => contact.platformSenderPhone === ANA,
			).id;
			for (const [index, run] of crmRuns.entries()) {
				const opportunities = run.requests.filter(
					(r) => r.method === 'POST' && r.path === '/api/opportunity',
				);
				expect(opportunities.map((r) => [r.body.name, r.body.contactId])).toEqual([
					['Annual plan - Ana Torres', anaId],
				]);
				const opportunityId = outputOf(run.result, 'Create Opportunity')[0].json.id;
				expect(run.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
					'GET /api/contact/searchByCellphone',
					// The first run of "CRM round trip first" finds no contact and creates it; every other run finds it and updates it.
					order === 'CRM round trip first' && index === 0
						? 'POST /api/contact'
						: 'PUT /api/contact',
					'POST /api/opportunity',
					`POST /api/opportunity/${opportunityId}/agent/activities`,
					`DELETE /api/opportunity/${opportunityId}`,
				]);
				const updates = run.requests.filter((r) => r.method === 'PUT');
				for (const update of updates) {
					expect(update).toEqual({
						method: 'PUT',
						path: '/api/contact',
						query: { id: anaId, workspaceId: WORKSPACE_ID },
						body: { name: 'Ana', lastname: 'Torres', email: 'ana.torres@example.com' },
					});
				}
				for (const node of ['Create Opportunity', 'Log Call', 'Delete Opportunity']) {
					expect(outputOf(run.result, node)).toHaveLength(1);
				}
			}
		});

		it('each campaign sends each customer once and answers with the one contact of each number', () => {
			for (const run of runsOf(order, CAMPAIGN)) {
				expect(run.requests.map((r) => r.body.destination).sort()).toEqual(
					[...CAMPAIGN_NUMBERS].sort(),
				);
				const contactOf = (phone: string) =>
					run.contacts.find((contact) => contact.platformSenderPhone === phone).id;
				expect(
					outputOf(run.result, 'Send Conversation').map((item) => item.json.contactId),
				).toEqual(CAMPAIGN_NUMBERS.map(contactOf));
			}
		});

		it('list contacts shows the same three contacts every time', () => {
			for (const run of runsOf(order, LIST)) {
				const items = outputOf(run.result, 'Get Many Contacts').map((item) => item.json);
				expect(items).toEqual(
					redactRecord(run.contacts, { inText: [API_KEY], wholeValue: [WORKSPACE_ID] }),
				);
				expect(items).toHaveLength(3);
			}
		});
	});
});

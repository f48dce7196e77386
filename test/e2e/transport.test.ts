/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * Issue 10 where the behaviour depends on n8n itself: its HTTP stack (redirects, timeouts), its
 * expression engine and parameter handling (values from expressions arrive as text), in real
 * n8n against the stand-in.
 */
import {
	chainWorkflow,
	executionError,
	N8nInstance,
	outputOf,
	plazbotNode,
	type CredentialSpec,
	type ExecutionResult,
} from './n8n';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createStandIn } = require('../stand-in/server');

const WORKSPACE_ID = 'ws-e2e-transport-5c1';
const API_KEY = 'key-e2e-transport-77d0e2';
const SEND_PATH = '/api/message/conversation';

jest.setTimeout(10 * 60_000);

describe('the transport in real n8n', () => {
	const standIn = createStandIn({ workspaceId: WORKSPACE_ID, apiKey: API_KEY });
	const n8n = new N8nInstance();
	let credential: CredentialSpec;
	const results: Record<string, ExecutionResult> = {};
	const received: Record<string, any[]> = {};

	const send = (extra: Record<string, unknown> = {}) => ({
		resource: 'message',
		operation: 'sendConversation',
		template: 'order_confirmation',
		destination: '={{ $json.phone }}',
		sendType: 'individual',
		...extra,
	});
	const customers = (count: number) =>
		Array.from({ length: count }, (_, index) => ({
			phone: `+51 900 100 ${String(index).padStart(3, '0')}`,
		}));
	const continueOnFail = { onError: 'continueRegularOutput' as const };

	async function run(id: string, faults: Record<string, unknown> = {}): Promise<void> {
		standIn.reset();
		standIn.setFaults(faults);
		results[id] = await n8n.execute(id);
		received[id] = standIn.requests.map((r: any) => ({ ...r }));
	}

	beforeAll(async () => {
		const url = await standIn.start(0);
		credential = {
			id: 'cred-transport',
			name: 'Plazbot stand-in',
			data: { workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl: url },
		};
		await n8n.importCredentials([credential]);
		await n8n.importWorkflows([
			chainWorkflow(
				'wfRedirect',
				[plazbotNode('Send', send(), credential, continueOnFail)],
				customers(3),
			),
			chainWorkflow(
				'wfTrickle',
				[plazbotNode('Send', send({ options: { timeout: 2000 } }), credential, continueOnFail)],
				customers(1),
			),
			chainWorkflow(
				'wfDropFalse',
				[
					plazbotNode(
						'Send',
						send({ options: { retryOnConnectionDrop: '={{ "false" }}' } }),
						credential,
						continueOnFail,
					),
				],
				customers(1),
			),
			chainWorkflow(
				'wfLimitFromText',
				[
					plazbotNode(
						'List',
						{
							resource: 'message',
							operation: 'getConversations',
							returnAll: '={{ "false" }}',
							limit: '={{ "3" }}',
						},
						credential,
					),
				],
				[{}],
			),
			chainWorkflow(
				'wfBadConcurrency',
				[plazbotNode('Send', send({ options: { concurrency: '={{ "five" }}' } }), credential)],
				customers(2),
			),
			chainWorkflow(
				'wfThrowingExpression',
				// Item 1 refers to a node that does not exist: n8n's expression engine throws.
				[
					plazbotNode(
						'Send',
						send({
							destination: "={{ $json.phone ? $json.phone : $('No Such Node').item.json.phone }}",
						}),
						credential,
					),
				],
				[{ phone: '+51 900 200 001' }, { name: 'no phone' }],
			),
			chainWorkflow(
				'wfLookup404',
				[
					plazbotNode(
						'Find',
						{
							resource: 'contact',
							operation: 'getByEmail',
							email: '={{ $json.email }}',
							options: { concurrency: 1 },
						},
						credential,
					),
				],
				Array.from({ length: 5 }, (_, index) => ({ email: `nobody${index}@example.com` })),
			),
			chainWorkflow(
				'wfStopNamesDelivered',
				[plazbotNode('Send', send({ options: { concurrency: 2 } }), credential)],
				customers(8),
			),
		]);
		// Five campaigns for the list, sent through the stand-in directly.
		await run('wfRedirect', {
			byDestination: {
				'51900100000': 'redirect302',
				'51900100001': 'redirect301',
				'51900100002': 'redirect303',
			},
		});
		await run('wfTrickle', { script: { '1': 'trickle' }, trickleIntervalMs: 200 });
		await run('wfDropFalse', { script: { '1': 'drop' } });
		standIn.reset();
		for (let index = 0; index < 5; index++)
			standIn.state.conversations.push({
				id: `v-${index}`,
				contactId: `c-${index}`,
				workspaceId: WORKSPACE_ID,
			});
		results.wfLimitFromText = await n8n.execute('wfLimitFromText');
		await run('wfBadConcurrency');
		await run('wfThrowingExpression');
		await run('wfLookup404');
		await run('wfStopNamesDelivered', {
			latencyMs: 30,
			byDestination: { '51900100004': 'messageObject' },
		});
	});

	afterAll(async () => {
		await standIn.stop();
		await n8n.dispose();
	});

	it('a redirect in answer to a send (301, 302, 303) is an error item; n8n does not re-send it as a GET', () => {
		const items = outputOf(results.wfRedirect, 'Send');
		expect(items.map((item) => item.json.error)).toEqual(
			['302', '301', '303'].map(
				(status) =>
					`Plazbot answered HTTP ${status}, a redirect to "${SEND_PATH}?redirected=1"; the POST request was not repeated there, so nothing was sent`,
			),
		);
		expect(received.wfRedirect.map((request) => `${request.method} ${request.path}`)).toEqual(
			Array(3).fill(`POST ${SEND_PATH}`),
		);
	});

	it('Timeout bounds the whole request: a trickled answer fails the item', () => {
		const [item] = outputOf(results.wfTrickle, 'Send');
		expect(item.json.error).toBe('Plazbot did not answer within 2 s');
		expect(received.wfTrickle).toHaveLength(1);
	});

	it('Retry on Connection Drop = {{ "false" }} is off: a dropped send is not repeated', () => {
		const [item] = outputOf(results.wfDropFalse, 'Send');
		expect(item.json.error).toContain('was dropped before an answer arrived');
		expect(received.wfDropFalse).toHaveLength(1);
	});

	it('Return All = {{ "false" }} and Limit = {{ "3" }} return 3 records', () => {
		expect(outputOf(results.wfLimitFromText, 'List')).toHaveLength(3);
	});

	it('an option that is not a number fails naming the field, before anything is sent', () => {
		const error = executionError(results.wfBadConcurrency);
		expect(error?.message).toContain('Concurrency');
		expect(received.wfBadConcurrency).toHaveLength(0);
	});

	it('an expression that throws names the field and the item', () => {
		const error = executionError(results.wfThrowingExpression);
		expect(error?.message).toMatch(/^Destination: .+ \[item 1\]$/);
		expect(received.wfThrowingExpression.length).toBeLessThanOrEqual(1);
	});

	it('lookups answered 404 are results: every item is looked up, the run succeeds with no output', () => {
		expect(executionError(results.wfLookup404)).toBeUndefined();
		expect(received.wfLookup404).toHaveLength(5);
	});

	it('stopping at an error names exactly the items that were delivered', () => {
		const error = executionError(results.wfStopNamesDelivered);
		expect(error?.message).toContain('Plazbot error 400');
		const deliveredIndexes = received.wfStopNamesDelivered
			.filter((request) => request.fault === null)
			.map((request) => Number(String(request.body.destination).slice(-3)))
			.sort((a, b) => a - b);
		expect(deliveredIndexes.length).toBeGreaterThan(0);
		expect(error?.description).toContain(
			`${deliveredIndexes.length} of 8 items completed and reached Plazbot`,
		);
		const runs: string[] = [];
		for (let start = 0; start < deliveredIndexes.length; ) {
			let end = start;
			while (
				end + 1 < deliveredIndexes.length &&
				deliveredIndexes[end + 1] === deliveredIndexes[end] + 1
			)
				end++;
			runs.push(
				end === start
					? String(deliveredIndexes[start])
					: `${deliveredIndexes[start]}–${deliveredIndexes[end]}`,
			);
			start = end + 1;
		}
		const list =
			runs.length > 1 ? `${runs.slice(0, -1).join(', ')} and ${runs[runs.length - 1]}` : runs[0];
		expect(error?.description).toContain(
			`: ${deliveredIndexes.length === 1 ? 'item' : 'items'} ${list}. Do not send them again`,
		);
	});
});

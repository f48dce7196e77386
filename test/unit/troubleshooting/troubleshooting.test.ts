/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * Every row of the troubleshooting table (cases.ts), run through the node's router against the
 * stand-in or an odd server: with Continue On Fail off the run stops with the exact message and a
 * description that says how to fix it; with it on, every input item comes out exactly once, in
 * order, the failing ones carrying the error in their place.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import { heldByStandIn } from '../support/fakeClock';
import { startStandIn } from '../support/standIn';
import {
	CASES,
	DESTINATIONS,
	FORBIDDEN_IN_MESSAGES,
	NUMBER_VARIABLE_PARAMETERS,
	README_ENV,
	SEND_PATH,
	isInputCase,
	runCase,
	startOddServers,
	troubleshootingMarkdown,
	type CaseEnv,
	type TroubleshootingCase,
} from './cases';

jest.setTimeout(20_000);

const { standIn, credentials } = startStandIn();
const oddServers = startOddServers();

const env = (): CaseEnv => ({
	...oddServers(),
	standInUrl: standIn().url,
	held: () => heldByStandIn(standIn()) + oddServers().heldByOddServer(),
});

function prepare(testCase: TroubleshootingCase): void {
	if (testCase.faults) standIn().setFaults(testCase.faults);
}

const failingIndexes = (testCase: TroubleshootingCase) =>
	testCase.failing === 'all' ? [0, 1, 2] : [1];

function expectReadable(text: unknown) {
	expect(typeof text).toBe('string');
	for (const forbidden of FORBIDDEN_IN_MESSAGES) expect(text).not.toContain(forbidden);
}

/** What reached the stand-in for Send Conversation, by destination. */
const sentDestinations = () =>
	standIn()
		.requestsTo(SEND_PATH)
		.map((request) => request.body?.destination);

describe('the troubleshooting table', () => {
	it('has at least 22 failure cases, each with a distinct id', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(22);
		expect(new Set(CASES.map((testCase) => testCase.id)).size).toBe(CASES.length);
	});

	it("is README.md's Troubleshooting section, word for word, showing every message and fix", () => {
		const markdown = troubleshootingMarkdown();
		const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
		const start = readme.indexOf('## Troubleshooting\n');
		const end = readme.indexOf('\n## ', start + 1);
		expect(start).toBeGreaterThan(-1);
		const section = readme.slice(start, end === -1 ? undefined : end + 1);
		// After changing a case: PLAZBOT_UPDATE_README=1 npx jest test/unit/troubleshooting/troubleshooting.test.ts
		if (process.env.PLAZBOT_UPDATE_README === '1' && section !== markdown) {
			writeFileSync(
				join(__dirname, '..', '..', '..', 'README.md'),
				readme.replace(section, markdown),
			);
		} else {
			expect(section).toBe(markdown);
		}
		expect(markdown).toMatch(/^## Troubleshooting\n/);
		for (const testCase of CASES) {
			expect(markdown).toContain(testCase.message(README_ENV));
			expect(markdown).toContain(testCase.title);
		}
		expectReadable(markdown);
	});
});

describe.each(CASES.map((testCase) => [testCase.id, testCase] as const))('%s', (_id, testCase) => {
	it('Continue On Fail off: stops with the exact message and a description that says how to fix it', async () => {
		prepare(testCase);
		const run = await runCase(testCase, env(), credentials(), false);

		expect(run.output).toBeUndefined();
		const { error } = run;
		expect(error.message).toBe(testCase.message(env()));
		expect(error.description).toContain(testCase.fix);
		expectReadable(error.message);
		expectReadable(error.description);
		if (testCase.httpCode) expect(error.httpCode).toBe(testCase.httpCode);
		else expect(error.httpCode ?? undefined).toBeUndefined();
		expect(failingIndexes(testCase)).toContain(error.context.itemIndex);

		if (testCase.refusedBeforeSending) {
			// The failing item was refused before sending; the others, already under way, were sent.
			expect(
				run.requests.map((request) => (request.body as { destination?: string }).destination),
			).not.toContain(DESTINATIONS[1]);
			expect(sentDestinations()).not.toContain(DESTINATIONS[1]);
		}
	});

	it("Continue On Fail on: every item exactly once, in order, the error in the failing item's place", async () => {
		prepare(testCase);
		const run = await runCase(testCase, env(), credentials(), true);

		expect(run.error).toBeUndefined();
		const output = run.output as INodeExecutionData[];
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		output.forEach((item, index) => {
			if (failingIndexes(testCase).includes(index)) {
				expect(item.json).toEqual({
					error: testCase.message(env()),
					description: expect.stringContaining(testCase.fix),
					...(testCase.httpCode ? { httpCode: testCase.httpCode } : {}),
				});
				expectReadable(item.json.error);
				expectReadable(item.json.description);
			} else {
				expect(item.json).toEqual({
					contactId: expect.any(String),
					destination: expect.stringMatching(/^\d+$/),
					template: expect.any(String),
				});
			}
		});

		if (isInputCase(testCase)) {
			expect(sentDestinations().sort()).toEqual([DESTINATIONS[0], DESTINATIONS[2]]);
			expect(run.requests).toHaveLength(2);
		}
		if (!isInputCase(testCase) && !testCase.credentials?.(env()).baseUrl) {
			// Answered by the stand-in: every item was tried (retries may add requests), none skipped.
			const received = standIn().requests;
			if (testCase.parameters?.operation === 'get') {
				expect(received.map((request) => request.path)).toEqual(
					Array(3).fill('/api/workspace/ws-does-not-exist'),
				);
			} else {
				expect(new Set(received.map((request) => request.body?.destination))).toEqual(
					new Set(DESTINATIONS),
				);
			}
		}
	});
});

describe('a number from an expression in a variable', () => {
	it.each([false, true])('is sent as text "42" (Continue On Fail %s)', async (continueOnFail) => {
		const numberCase: TroubleshootingCase = {
			id: 'variable-number',
			group: 'Input',
			title: 'number',
			failing: 'middle',
			failingParameters: NUMBER_VARIABLE_PARAMETERS,
			message: () => '',
			fix: '',
		};
		const run = await runCase(numberCase, env(), credentials(), continueOnFail);

		expect(run.error).toBeUndefined();
		expect(run.output?.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(run.output?.every((item) => typeof item.json.contactId === 'string')).toBe(true);
		const middle = run.requests.find(
			(request) => (request.body as { destination?: string }).destination === DESTINATIONS[1],
		);
		expect((middle?.body as { variablesBody?: unknown }).variablesBody).toEqual([
			{ variable: '1', value: '42' },
		]);
		const received = standIn()
			.requestsTo(SEND_PATH)
			.find((request) => request.body.destination === DESTINATIONS[1]);
		expect(received?.body.variablesBody).toEqual([{ variable: '1', value: '42' }]);
	});
});

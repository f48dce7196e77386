import type { IExecuteFunctions } from 'n8n-workflow';

import { asOptionalDateTime } from '../../../nodes/Plazbot/helpers/parameters';
import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { API_KEY, expectedOutput, startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn();

/** The fake has no getTimezone; the workflow's time zone is what a date without an offset means. */
function inLima(fns: IExecuteFunctions): IExecuteFunctions {
	(fns as unknown as { getTimezone: () => string }).getTimezone = () => 'America/Lima';
	return fns;
}

const base = {
	resource: 'task',
	operation: 'create',
	name: 'Send the quote',
	description: 'Quote for the annual plan',
};

describe('Task → Create', () => {
	it('sends every set field, the expiration date as UTC ISO, and outputs the new task', async () => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: {
				...base,
				additionalFields: {
					notes: 'Ask for the PO number',
					expirationDate: '2026-06-30T18:00:00',
					assignedUserId: 'user-demo-1',
					contactId: { __rl: true, mode: 'id', value: 'c-42' },
				},
			},
			credentials: credentials(),
		});

		const [output] = await router.call(inLima(fns));

		const expectedBody = {
			workspaceId: WORKSPACE_ID,
			name: 'Send the quote',
			description: 'Quote for the annual plan',
			notes: 'Ask for the PO number',
			expirationDate: '2026-06-30T23:00:00.000Z',
			assignedUserId: 'user-demo-1',
			contactId: 'c-42',
		};
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ method: 'POST', url: '/api/task', baseURL: standIn().url });
		expect(requests[0].body).toEqual(expectedBody);
		const [received] = standIn().requestsTo('/api/task');
		expect(received.body).toEqual(expectedBody);
		expect(received.headers.authorization).toBe(`Bearer ${API_KEY}`);

		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		const { taskId, task } = output[0].json as { taskId: string; task: Record<string, unknown> };
		expect(task).toMatchObject({
			id: taskId,
			name: 'Send the quote',
			description: 'Quote for the annual plan',
			notes: 'Ask for the PO number',
			expirationDate: '2026-06-30T23:00:00.000Z',
			asignedUsers: ['user-demo-1'],
			contactId: 'c-42',
			workspaceId: '***',
		});
		expect(standIn().state.tasks.get(taskId).workspaceId).toBe(WORKSPACE_ID);
		expect(task).toEqual(expectedOutput(standIn().state.tasks.get(taskId)));
	});

	it('sends only the required fields when nothing else is set', async () => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: {
				...base,
				additionalFields: {
					notes: '',
					expirationDate: '',
					contactId: { __rl: true, mode: 'list', value: '' },
				},
			},
			credentials: credentials(),
		});
		await router.call(inLima(fns));
		expect(requests[0].body).toEqual({
			workspaceId: WORKSPACE_ID,
			name: 'Send the quote',
			description: 'Quote for the annual plan',
		});
	});

	it.each([
		['a blank name', { name: ' ' }, 'Name is empty [item 0]'],
		['no description', { description: '' }, 'Description is empty [item 0]'],
		[
			'an expiration date that is not a date',
			{ additionalFields: { expirationDate: 'tomorrow' } },
			'Expiration Date "tomorrow" is not a valid date [item 0]',
		],
	])('refuses %s before sending anything', async (_case, override, message) => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: { ...base, ...override },
			credentials: credentials(),
		});
		await expect(router.call(inLima(fns))).rejects.toThrow(message);
		expect(requests).toHaveLength(0);
		expect(standIn().requests).toHaveLength(0);
	});

	it('stand-in: a created task appears in the task list, and a body without a name is refused with 400', async () => {
		const { fns } = fakeExecuteFunctions({ parameters: base, credentials: credentials() });
		const [output] = await router.call(inLima(fns));
		const headers = {
			'content-type': 'application/json',
			'x-workspace-id': WORKSPACE_ID,
			authorization: `Bearer ${API_KEY}`,
		};

		const list = await fetch(`${standIn().url}/api/task?workspaceId=${WORKSPACE_ID}`, { headers });
		expect(
			((await list.json()) as { data: Array<{ id: string }> }).data.map((task) => task.id),
		).toEqual([output[0].json.taskId]);

		const refused = await fetch(`${standIn().url}/api/task`, {
			method: 'POST',
			headers,
			body: JSON.stringify({ workspaceId: WORKSPACE_ID, description: 'no name' }),
		});
		expect(refused.status).toBe(400);
		expect(await refused.json()).toEqual({
			success: false,
			code: 400,
			errorCode: 'VALIDATION_ERROR',
			message: 'El campo name es requerido',
			data: null,
		});
	});
});

describe('asOptionalDateTime', () => {
	it('reads a date without an offset in the given time zone, and keeps explicit instants', () => {
		expect(asOptionalDateTime('2026-01-15T09:30:00', 'Due', 'America/Lima')).toBe(
			'2026-01-15T14:30:00.000Z',
		);
		expect(asOptionalDateTime('2026-07-01T09:30:00', 'Due', 'Europe/Madrid')).toBe(
			'2026-07-01T07:30:00.000Z',
		);
		expect(asOptionalDateTime('2026-01-15', 'Due', 'Europe/Madrid')).toBe(
			'2026-01-14T23:00:00.000Z',
		);
		expect(asOptionalDateTime('2026-01-15T09:30:00-03:00', 'Due', 'America/Lima')).toBe(
			'2026-01-15T12:30:00.000Z',
		);
		expect(asOptionalDateTime(new Date('2026-01-15T09:30:00Z'), 'Due')).toBe(
			'2026-01-15T09:30:00.000Z',
		);
		expect(asOptionalDateTime({ toISO: () => '2026-01-15T09:30:00.000-05:00' }, 'Due')).toBe(
			'2026-01-15T14:30:00.000Z',
		);
		expect(asOptionalDateTime('  ', 'Due')).toBeUndefined();
		expect(asOptionalDateTime(undefined, 'Due')).toBeUndefined();
	});

	it('names the field when the value is not a date', () => {
		expect(() => asOptionalDateTime('2026-13-45', 'Due')).toThrow(
			'Due "2026-13-45" is not a valid date',
		);
		expect(() => asOptionalDateTime(42, 'Due')).toThrow(
			'Due must be a date, but the expression gave a number',
		);
	});
});

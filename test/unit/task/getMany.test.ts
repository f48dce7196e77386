import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { expectedOutput, startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn();

function seedTasks(count: number, fields: (i: number) => Record<string, unknown> = () => ({})) {
	const { state } = standIn();
	for (let i = 1; i <= count; i++) {
		const id = `t-${String(i).padStart(3, '0')}`;
		state.tasks.set(id, {
			id,
			workspaceId: WORKSPACE_ID,
			name: `Task ${i}`,
			contactId: null,
			projectStatusId: null,
			...fields(i),
		});
	}
	return [...state.tasks.values()];
}

const run = (parameters: Record<string, unknown>) => {
	const context = fakeExecuteFunctions({
		parameters: { resource: 'task', operation: 'getMany', ...parameters },
		credentials: credentials(),
	});
	return { ...context, result: router.call(context.fns) };
};

describe('Task → Get Many', () => {
	it('pages by page number until a short page, one item per task', async () => {
		const tasks = seedTasks(120);
		const { requests, result } = run({ returnAll: true });
		const [output] = await result;

		expect(requests.map((r) => r.qs)).toEqual(
			[1, 2, 3].map((pageNumber) => ({ workspaceId: WORKSPACE_ID, pageNumber, pageSize: 50 })),
		);
		expect(output.map((item) => item.json)).toEqual(expectedOutput(tasks));
		expect(output[119].pairedItem).toEqual({ item: 0 });
	});

	it('stops asking at the Limit and sends the filters', async () => {
		seedTasks(130, (i) => ({
			contactId: i % 2 ? 'c-1' : 'c-2',
			name: i % 2 ? `Call ${i}` : `Visit ${i}`,
		}));
		const { requests, result } = run({
			returnAll: false,
			limit: 55,
			filters: { contactId: { __rl: true, mode: 'id', value: 'c-1' }, name: ' call ' },
		});
		const [output] = await result;
		expect(requests.map((r) => r.qs)).toEqual([
			{ workspaceId: WORKSPACE_ID, contactId: 'c-1', name: 'call', pageNumber: 1, pageSize: 50 },
			{ workspaceId: WORKSPACE_ID, contactId: 'c-1', name: 'call', pageNumber: 2, pageSize: 50 },
		]);
		expect(output).toHaveLength(55);
		expect(output.every((item) => item.json.contactId === 'c-1')).toBe(true);
	});

	it('ends at an empty page after an exactly full one', async () => {
		seedTasks(50);
		const { requests, result } = run({ returnAll: true });
		expect((await result)[0]).toHaveLength(50);
		expect(requests.map((r) => r.qs?.pageNumber)).toEqual([1, 2]);
	});
});

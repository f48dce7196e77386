import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';
import { createTask, runTask } from './run';

const { standIn, credentials } = startStandIn();

describe('Task → Get', () => {
	it('reads back a created task by its ID', async () => {
		const { taskId, task } = await createTask(credentials());
		const { fns, requests } = fakeExecuteFunctions({
			parameters: { resource: 'task', operation: 'get', taskId: ` ${taskId} ` },
			credentials: credentials(),
		});

		const [output] = await router.call(fns);

		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			method: 'GET',
			url: `/api/task/${taskId}`,
			qs: { workspaceId: WORKSPACE_ID },
		});
		expect(
			standIn()
				.requestsTo(`/api/task/${taskId}`)
				.map((r) => [r.method, r.query]),
		).toEqual([['GET', { workspaceId: WORKSPACE_ID }]]);
		expect(output).toEqual([{ json: task, pairedItem: { item: 0 } }]);
	});

	it("fails with Plazbot's 404 message for an unknown ID", async () => {
		await expect(runTask(credentials(), 'get', 't-missing').result).rejects.toMatchObject({
			message: 'Plazbot error 404: Tarea no encontrada: t-missing',
			httpCode: '404',
		});
	});

	it('refuses an empty Task ID before sending anything', async () => {
		const { requests, result } = runTask(credentials(), 'get', '');
		await expect(result).rejects.toThrow('Task ID is empty [item 0]');
		expect(requests).toHaveLength(0);
	});
});

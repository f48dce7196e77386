import { startStandIn, WORKSPACE_ID } from '../support/standIn';
import { createTask, runTask } from './run';

const { standIn, credentials } = startStandIn();

describe('Task → Delete', () => {
	it('deletes the task, outputs { deleted, id }, and afterwards Get fails with 404', async () => {
		const { taskId } = await createTask(credentials());

		const deletion = runTask(credentials(), 'delete', taskId);
		const [output] = await deletion.result;

		expect(deletion.requests).toHaveLength(1);
		expect(deletion.requests[0]).toMatchObject({
			method: 'DELETE',
			url: `/api/task/${taskId}`,
			qs: { workspaceId: WORKSPACE_ID },
		});
		expect(
			standIn()
				.requestsTo(`/api/task/${taskId}`)
				.map((r) => r.method),
		).toEqual(['DELETE']);
		expect(output).toEqual([{ json: { deleted: true, id: taskId }, pairedItem: { item: 0 } }]);
		expect(standIn().state.tasks.has(taskId)).toBe(false);

		await expect(runTask(credentials(), 'get', taskId).result).rejects.toMatchObject({
			message: `Plazbot error 404: Tarea no encontrada: ${taskId}`,
			httpCode: '404',
		});
	});

	it('refuses an empty Task ID before sending anything', async () => {
		const { requests, result } = runTask(credentials(), 'delete', '  ');
		await expect(result).rejects.toThrow('Task ID is empty [item 0]');
		expect(requests).toHaveLength(0);
	});
});

/** Runs the task operations through the node, as the get and delete tests need them. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions, type FakeCredentials } from '../support/fakeExecuteFunctions';

export function runTask(credentials: FakeCredentials, operation: string, taskId: string) {
	const context = fakeExecuteFunctions({
		parameters: { resource: 'task', operation, taskId },
		credentials,
	});
	return { ...context, result: router.call(context.fns) };
}

export async function createTask(
	credentials: FakeCredentials,
): Promise<{ taskId: string; task: IDataObject }> {
	const { fns } = fakeExecuteFunctions({
		parameters: {
			resource: 'task',
			operation: 'create',
			name: 'Call back',
			description: 'The customer asked for a call',
			additionalFields: { expirationDate: '2026-06-30T23:00:00Z' },
		},
		credentials,
	});
	(fns as unknown as { getTimezone: () => string }).getTimezone = () => 'UTC';
	const [output] = await router.call(fns as IExecuteFunctions);
	return output[0].json as { taskId: string; task: IDataObject };
}

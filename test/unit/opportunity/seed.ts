/** Creates opportunities through the node itself, one at a time so that the list order is known. */
import type { IDataObject } from 'n8n-workflow';

import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions, type FakeCredentials } from '../support/fakeExecuteFunctions';

export async function createOpportunities(
	credentials: FakeCredentials,
	count: number,
): Promise<IDataObject[]> {
	const { fns } = fakeExecuteFunctions({
		items: Array.from({ length: count }, (_, index) => ({ index: index + 1 })),
		parameters: (_i, item) => ({
			resource: 'opportunity',
			operation: 'create',
			name: `Opportunity ${String(item.index)}`,
			description: `Deal number ${String(item.index)}`,
			amount: 100 * Number(item.index),
			options: { concurrency: 1 },
		}),
		credentials,
	});
	const [output] = await router.call(fns);
	return output.map((item) => item.json.opportunity as IDataObject);
}

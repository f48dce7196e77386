import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asRequiredText } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { TASK_PATH } from '../../transport/apiContract';
import { taskIdField } from '../common.descriptions';
import { getRecordById } from '../common.runtime';

const properties: INodeProperties[] = [taskIdField];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const id = asRequiredText(this.getNodeParameter('taskId', itemIndex, ''), 'Task ID');
	return await getRecordById(client, TASK_PATH, id, itemIndex);
}

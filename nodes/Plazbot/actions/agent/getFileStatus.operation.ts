import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { asBoolean, asNumber } from '../../helpers/coerce';
import { isRecord } from '../../helpers/records';
import { waitFor } from '../../helpers/wait';
import type { PlazbotClient } from '../../transport/client';
import {
	AGENT_FILE_STATUS_PATH,
	FILE_DONE_STATUSES,
	FILE_FAILED_STATUSES,
} from '../../transport/apiContract';
import { fileIdField, readFileId } from './agent.files';

const properties: INodeProperties[] = [
	fileIdField('getFileStatus'),
	{
		displayName: 'Wait Until Processed',
		name: 'waitUntilProcessed',
		type: 'boolean',
		default: false,
		validateType: 'boolean',
		description:
			'Whether to check again until Plazbot has processed the file (the agent can then answer from it), up to Max Wait',
	},
	{
		displayName: 'Max Wait (Seconds)',
		name: 'maxWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 3600 },
		default: 300,
		validateType: 'number',
		description:
			'How long to wait at most; a file still not processed by then fails the item (or, with Continue On Fail, outputs the error)',
		displayOptions: { show: { waitUntilProcessed: [true] } },
	},
	{
		displayName: 'Check Every (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 600 },
		default: 5,
		validateType: 'number',
		description: 'How long to wait between two checks',
		displayOptions: { show: { waitUntilProcessed: [true] } },
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['getFileStatus'] } },
	properties,
);

/** The status in a validate-file answer: `data.status`, a bare `status`, or `data` as text. */
export function fileStatusIn(envelope: { data?: unknown }): string {
	const data = envelope.data;
	const record = isRecord(data) ? data : (envelope as IDataObject);
	const status = record.status ?? record.Status ?? (typeof data === 'string' ? data : undefined);
	return typeof status === 'string' ? status.trim() : status === undefined ? '' : String(status);
}

const isOneOf = (status: string, list: readonly string[]) => list.includes(status.toLowerCase());

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const fileId = readFileId(this.getNodeParameter('fileId', itemIndex, ''));
	const wait = asBoolean(
		this.getNodeParameter('waitUntilProcessed', itemIndex, false),
		'Wait Until Processed',
		false,
	);
	const maxWaitSeconds = wait
		? asNumber(this.getNodeParameter('maxWaitSeconds', itemIndex, 300), 'Max Wait (Seconds)', 300, {
				min: 1,
				max: 3600,
			})
		: 0;
	const intervalSeconds = wait
		? asNumber(
				this.getNodeParameter('pollIntervalSeconds', itemIndex, 5),
				'Check Every (Seconds)',
				5,
				{ min: 1, max: 600 },
			)
		: 0;
	// Counted in checks, not read from a clock: the wait is bounded whatever the machine's load.
	const maxChecks = wait ? Math.floor(maxWaitSeconds / intervalSeconds) + 1 : 1;
	const signal = this.getExecutionCancelSignal?.();
	const statuses: string[] = [];
	let record: IDataObject = {};
	let status = '';
	for (let check = 1; ; check++) {
		const envelope = await client.request(
			{
				method: 'GET',
				path: AGENT_FILE_STATUS_PATH,
				qs: { WorkspaceId: client.workspaceId, FileId: fileId },
			},
			itemIndex,
		);
		record = isRecord(envelope.data) ? envelope.data : {};
		status = fileStatusIn(envelope);
		if (statuses[statuses.length - 1] !== status) statuses.push(status);
		const processed = isOneOf(status, FILE_DONE_STATUSES);
		const progress = {
			checks: check,
			waitedSeconds: (check - 1) * intervalSeconds,
			statuses,
		};
		if (isOneOf(status, FILE_FAILED_STATUSES))
			throw new NodeOperationError(
				this.getNode(),
				`Plazbot could not process the file "${fileId}": its status is "${status}" [item ${itemIndex}]`,
				{
					itemIndex,
					description:
						'Check that the file is a document Plazbot reads (PDF, Word, text) and not damaged, then add it again.',
				},
			);
		if (processed || !wait) return { ...record, fileId, status, processed, ...progress };
		if (check >= maxChecks)
			throw new NodeOperationError(
				this.getNode(),
				`The file "${fileId}" was still "${status}" after ${progress.waitedSeconds} seconds [item ${itemIndex}]`,
				{
					itemIndex,
					description: `Checked ${check} times (statuses seen: ${statuses.join(' → ')}). Raise Max Wait (Seconds), or check again later with Wait Until Processed off.`,
				},
			);
		await waitFor(intervalSeconds * 1000, signal);
	}
}

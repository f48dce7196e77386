import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { asLocatorId } from '../../helpers/parameters';
import { isRecord } from '../../helpers/records';
import { AGENT_FILE_ID_FIELDS } from '../../transport/apiContract';

/** The knowledge file of Get File Status and Delete File: the ID Add File output as `fileId`. */
export function fileIdField(operation: string): INodeProperties {
	return {
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 66a0f1c0e2a9b4d3f1e2c0b7',
		description:
			'The knowledge file, by the ID AI Agent → Add File output as "fileId" (map that field here)',
		displayOptions: { show: { resource: ['agent'], operation: [operation] } },
	};
}

export function readFileId(value: unknown): string {
	return asLocatorId(value, 'File ID');
}

/** The file ID in an Add File answer: at the top (SDK 2 `fileId`) or in `data`. */
export function fileIdIn(envelope: { data?: unknown }): string | undefined {
	const sources = [envelope.data, envelope as unknown].filter(isRecord) as IDataObject[];
	for (const source of sources)
		for (const field of AGENT_FILE_ID_FIELDS)
			if (typeof source[field] === 'string' && source[field] !== '') return source[field] as string;
	return typeof envelope.data === 'string' && envelope.data !== '' ? envelope.data : undefined;
}

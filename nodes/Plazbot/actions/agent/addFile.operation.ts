import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asRequiredText } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { AGENT_FILE_FROM_URL_PATH, AGENT_FILE_UPLOAD_PATH } from '../../transport/apiContract';
import { binaryPropertyField, multipartWithBinary } from '../binaryUpload';
import { agentLocator, readAgentId } from './agent.common';
import { fileIdIn } from './agent.files';
import { readTags, tagsField } from './agent.tags';

const show = { resource: ['agent'], operation: ['addFile'] };

const properties: INodeProperties[] = [
	agentLocator,
	{
		displayName: 'File Source',
		name: 'fileSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Binary File',
				value: 'binary',
				description:
					'Upload a file of the input item (read from disk, a Drive, an email attachment…)',
			},
			{
				name: 'File URL',
				value: 'url',
				description: 'Plazbot downloads the file from a public URL',
			},
		],
		default: 'binary',
	},
	binaryPropertyField({ ...show, fileSource: ['binary'] }),
	{
		displayName: 'File URL',
		name: 'fileUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/prices.pdf',
		description: 'A public URL Plazbot can download the file from (PDF, DOC or DOCX)',
		displayOptions: { show: { fileSource: ['url'] } },
	},
	{
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Price list 2026',
		description:
			"A description of the file's content: Plazbot uses it to decide when the agent consults the file",
		displayOptions: { show: { fileSource: ['url'] } },
	},
	{ ...tagsField, displayOptions: { show: { fileSource: ['url'] } } },
];

export const description = updateDisplayOptions({ show }, properties);

/** Running it again sends or creates again: refuses n8n's Retry On Fail. */
export const sendsOrCreates = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const agentId = readAgentId(this, itemIndex);
	if (this.getNodeParameter('fileSource', itemIndex, 'binary') === 'url') {
		const fileUrl = asRequiredText(this.getNodeParameter('fileUrl', itemIndex, ''), 'File URL');
		const reference = asRequiredText(
			this.getNodeParameter('reference', itemIndex, ''),
			'Reference',
		);
		const tags = readTags(this.getNodeParameter('tags', itemIndex, ''), 'Tags', false);
		// SDK 1.1.5 addFile writes these keys capitalised.
		const envelope = await client.request(
			{
				method: 'POST',
				path: AGENT_FILE_FROM_URL_PATH,
				body: {
					WorkspaceId: client.workspaceId,
					FileUrl: fileUrl,
					Reference: reference,
					AgentId: agentId,
					...(tags.length ? { Tags: tags } : {}),
				},
			},
			itemIndex,
		);
		return {
			fileId: fileIdIn(envelope),
			agentId,
			fileUrl,
			reference,
			...(tags.length ? { tags } : {}),
		};
	}
	const { body, file } = multipartWithBinary(this, itemIndex, {
		agentId,
		workspaceId: client.workspaceId,
	});
	const envelope = await client.request(
		{ method: 'POST', path: AGENT_FILE_UPLOAD_PATH, body },
		itemIndex,
	);
	return { fileId: fileIdIn(envelope), agentId, ...file };
}

import type { INodeProperties } from 'n8n-workflow';

import type { PlazbotResource } from '../operation.types';
import * as addFile from './addFile.operation';
import * as ask from './ask.operation';
import * as copy from './copy.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as deleteFile from './deleteFile.operation';
import * as get from './get.operation';
import * as getFileStatus from './getFileStatus.operation';
import * as getMany from './getMany.operation';
import * as setGreeting from './setGreeting.operation';
import * as setTags from './setTags.operation';
import * as setWidget from './setWidget.operation';
import * as update from './update.operation';
import * as updateFallbacks from './updateFallbacks.operation';
import * as updateInstructions from './updateInstructions.operation';
import * as updatePersona from './updatePersona.operation';
import * as updateRules from './updateRules.operation';

export const operations: PlazbotResource = {
	addFile,
	ask,
	copy,
	create,
	delete: del,
	deleteFile,
	get,
	getFileStatus,
	getMany,
	setGreeting,
	setTags,
	setWidget,
	update,
	updateFallbacks,
	updateInstructions,
	updatePersona,
	updateRules,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		options: [
			{
				name: 'Add File',
				value: 'addFile',
				description:
					"Add a document (PDF, Word, text) to an AI agent's knowledge, uploaded from the input item's binary data or downloaded by Plazbot from a URL; outputs the file ID",
				action: 'Add a file to the knowledge of an AI agent',
			},
			{
				name: 'Ask',
				value: 'ask',
				description:
					"Ask a Plazbot AI agent a question and get its answer; a session ID keeps the conversation's memory",
				action: 'Ask an AI agent',
			},
			{
				name: 'Copy',
				value: 'copy',
				description:
					'Create a new AI agent as a copy of an existing one, with its whole configuration',
				action: 'Copy an AI agent',
			},
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a new AI agent from a name and its configuration (prompt, persona, instructions); outputs the new agent ID',
				action: 'Create an AI agent',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an AI agent for good',
				action: 'Delete an AI agent',
			},
			{
				name: 'Delete File',
				value: 'deleteFile',
				description: "Remove a document from an AI agent's knowledge by its file ID",
				action: 'Delete a file from the knowledge of an AI agent',
			},
			{
				name: 'Enable or Disable Widget',
				value: 'setWidget',
				description:
					"Switch an AI agent's website chat widget on or off; when on, outputs the script to embed on a website",
				action: 'Enable or disable the widget of an AI agent',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an AI agent by its ID',
				action: 'Get an AI agent',
			},
			{
				name: 'Get File Status',
				value: 'getFileStatus',
				description:
					'Check whether Plazbot has finished processing a knowledge file, optionally waiting until it has',
				action: 'Get the status of a knowledge file of an AI agent',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: "List the workspace's AI agents",
				action: 'Get many AI agents',
			},
			{
				name: 'Set Greeting',
				value: 'setGreeting',
				description: 'Change only the first message an AI agent greets people with',
				action: 'Set the greeting of an AI agent',
			},
			{
				name: 'Set Tags',
				value: 'setTags',
				description: "Replace an AI agent's tags, which classify a company's agents",
				action: 'Set the tags of an AI agent',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					"Change an AI agent's configuration: name, prompt, description, or any other field of its configuration as JSON",
				action: 'Update an AI agent',
			},
			{
				name: 'Update Fallback Answers',
				value: 'updateFallbacks',
				description: 'Change what the agent says when it cannot answer',
				action: 'Update the fallback answers of an AI agent',
			},
			{
				name: 'Update Instructions',
				value: 'updateInstructions',
				description: "Change the agent's tone, style, language, word limit and topics to avoid",
				action: 'Update the instructions of an AI agent',
			},
			{
				name: 'Update Persona',
				value: 'updatePersona',
				description: 'Change who the agent says it is',
				action: 'Update the persona of an AI agent',
			},
			{
				name: 'Update Rules',
				value: 'updateRules',
				description: 'Change what the agent must not do',
				action: 'Update the rules of an AI agent',
			},
		],
		default: 'ask',
	},
	...ask.description,
	...create.description,
	...update.description,
	...del.description,
	...copy.description,
	...setWidget.description,
	...setGreeting.description,
	...setTags.description,
	...addFile.description,
	...getFileStatus.description,
	...deleteFile.description,
	...get.description,
	...getMany.description,
	...updateInstructions.description,
	...updatePersona.description,
	...updateFallbacks.description,
	...updateRules.description,
];

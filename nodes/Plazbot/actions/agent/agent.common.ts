import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asBoolean, asNumber } from '../../helpers/coerce';
import { InvalidInput } from '../../helpers/errors';
import { asLocatorId, asOptionalText } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { idLocator } from '../common.descriptions';
import { envelopeOutput } from '../output';
import type { PlazbotOperation } from '../operation.types';

/** The AI agent picker (parameter `agentId`) of every agent operation. */
export const agentLocator: INodeProperties = idLocator({
	name: 'agentId',
	displayName: 'AI Agent',
	searchListMethod: 'searchAgents',
	description: 'The Plazbot AI agent, picked from the list or given by its ID',
	placeholder: 'e.g. 6650f1c0e2a9b4d3f1e2c0a9',
});

export function readAgentId(fns: IExecuteFunctions, itemIndex: number): string {
	return asLocatorId(fns.getNodeParameter('agentId', itemIndex, ''), 'AI Agent');
}

type SettingField = INodeProperties & { type: 'string' | 'boolean' | 'number' };

/**
 * One "set-…" endpoint of an agent (instructions, persona, fallbacks, rules): the agent picker and
 * a collection of the documented fields; only the fields the user added are sent, at least one.
 * `listFields` are text fields sent as a list of strings (comma-separated in the editor).
 */
export function agentSettingsOperation(options: {
	operation: string;
	path: string;
	collection: { name: string; displayName: string; description: string };
	fields: SettingField[];
	listFields?: string[];
}): PlazbotOperation {
	const { collection, fields, listFields = [] } = options;
	const properties: INodeProperties[] = [
		agentLocator,
		{
			displayName: collection.displayName,
			name: collection.name,
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: collection.description,
			options: [...fields].sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	];

	function buildBody(values: IDataObject): IDataObject {
		const body: IDataObject = {};
		for (const field of fields) {
			const value = values[field.name];
			if (value === undefined || value === null || value === '') continue;
			if (field.type === 'boolean') {
				// An expression gives text: "true" and "false" are read as n8n reads them.
				body[field.name] = asBoolean(value, field.displayName, false);
			} else if (field.type === 'number') {
				const number = asNumber(value, field.displayName, 0, { min: 1 });
				if (!Number.isInteger(number))
					throw new InvalidInput(
						field.displayName,
						`must be a whole number of at least 1, but is "${String(value)}"`,
					);
				body[field.name] = number;
			} else if (listFields.includes(field.name)) {
				const list = (Array.isArray(value) ? value.map(String) : String(value).split(','))
					.map((entry) => entry.trim())
					.filter((entry) => entry !== '');
				if (list.length) body[field.name] = list;
			} else {
				const text = asOptionalText(value, field.displayName);
				if (text !== undefined) body[field.name] = text;
			}
		}
		if (Object.keys(body).length === 0) {
			throw new InvalidInput(
				collection.displayName,
				'has no field with a value',
				`Add at least one of ${fields.map((field) => field.displayName).join(', ')} and give it a value.`,
			);
		}
		return body;
	}

	return {
		description: updateDisplayOptions(
			{ show: { resource: ['agent'], operation: [options.operation] } },
			properties,
		),
		async execute(
			this: IExecuteFunctions,
			itemIndex: number,
			client: PlazbotClient,
		): Promise<IDataObject> {
			const agentId = readAgentId(this, itemIndex);
			const changes = buildBody(
				this.getNodeParameter(collection.name, itemIndex, {}) as IDataObject,
			);
			const envelope = await client.request(
				{
					method: 'POST',
					path: options.path,
					body: { agentId, workspaceId: client.workspaceId, ...changes },
				},
				itemIndex,
			);
			// The SDK returns nothing for these calls: say which agent changed and what was sent.
			return { ...envelopeOutput(envelope), agentId, [collection.name]: changes };
		},
	};
}

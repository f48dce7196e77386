import type { INodeProperties } from 'n8n-workflow';

import { idLocator } from './common.descriptions';

/**
 * ID fields that are pickers from node version 2. A saved parameter never changes meaning, so a
 * field that was plain text in version 1 stays plain text there; version 2 shows the picker
 * under the same name (its value, a resource locator, is read by the same helpers).
 */
export const VERSION_1 = { '@version': [1] };
export const FROM_VERSION_2 = { '@version': [{ _cnd: { gte: 2 } }] };

export function userLocator(
	name: string,
	displayName: string,
	description: string,
): INodeProperties {
	return idLocator({
		name,
		displayName,
		searchListMethod: 'searchUsers',
		description,
		required: false,
	});
}

export function stageLocator(description: string): INodeProperties {
	return idLocator({
		name: 'stageId',
		displayName: 'Stage',
		searchListMethod: 'searchStages',
		description,
		required: false,
	});
}

export function segmentationLocator(description: string): INodeProperties {
	return idLocator({
		name: 'segmentationId',
		displayName: 'Segmentation',
		searchListMethod: 'searchSegmentations',
		description,
		required: false,
	});
}

/**
 * The collection as version 1 has it, and the same collection from version 2 with the listed
 * options replaced by their pickers (same parameter names).
 */
export function withPickersFromVersion2(
	collection: INodeProperties,
	pickers: Record<string, INodeProperties>,
): INodeProperties[] {
	const options = (collection.options ?? []) as INodeProperties[];
	return [
		{
			...collection,
			displayOptions: {
				...collection.displayOptions,
				show: { ...collection.displayOptions?.show, ...VERSION_1 },
			},
		},
		{
			...collection,
			displayOptions: {
				...collection.displayOptions,
				show: { ...collection.displayOptions?.show, ...FROM_VERSION_2 },
			},
			options: options.map((option) =>
				pickers[option.name] ? { ...pickers[option.name], name: option.name } : option,
			),
		},
	];
}

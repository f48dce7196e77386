/**
 * The sending operations' Output choice: every item as today, or a campaign report (one summary
 * item plus the failed items, each paired to its input row). The router hands every item's
 * outcome to an `OutputCollector`, so pairing and Continue On Fail stay where they are.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { InvalidInput } from '../helpers/errors';

export const OUTPUT_EACH_ITEM = 'eachItem';
export const OUTPUT_CAMPAIGN_REPORT = 'campaignReport';

/** Operations that offer the Output choice. */
export const REPORTING_OPERATIONS: Record<string, string[]> = {
	message: ['sendConversation', 'sendMessage'],
};

export const outputField: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Each Item',
			value: OUTPUT_EACH_ITEM,
			description: "One output item per input item, with Plazbot's answer or the error",
		},
		{
			name: 'Campaign Report',
			value: OUTPUT_CAMPAIGN_REPORT,
			description:
				'One summary item (sent, failed, skipped, errors by kind, time taken), then one item per failed input item, paired to its row',
		},
	],
	// n8n does not save a parameter left at its default: saved workflows keep one item per item.
	default: OUTPUT_EACH_ITEM,
	displayOptions: { show: { resource: ['message'], operation: REPORTING_OPERATIONS.message } },
	description: 'What the node outputs',
};

/**
 * What a failure is, in the summary's `errorsByKind`: the HTTP status, or what kept it from being
 * sent.
 */
export function errorKind(caught: unknown): string {
	if (caught instanceof InvalidInput) return 'invalid input';
	if (caught instanceof NodeApiError) {
		return caught.httpCode ? `HTTP ${caught.httpCode}` : 'no answer';
	}
	return 'other';
}

/** Receives every item's outcome, in any order, and gives the node's output at the end. */
export interface OutputCollector {
	/** The output items for a completed item (none in a report: it is counted instead). */
	completed(itemIndex: number, items: INodeExecutionData[]): INodeExecutionData[];
	/** The output item for a failed item under Continue On Fail. */
	failed(itemIndex: number, item: INodeExecutionData, kind: string): INodeExecutionData[];
	/** The node's output from the per-item results, in input order. */
	finish(perItem: INodeExecutionData[][]): INodeExecutionData[];
}

const eachItem: OutputCollector = {
	completed: (_itemIndex, items) => items,
	failed: (_itemIndex, item) => [item],
	finish: (perItem) => perItem.flat(),
};

/** The collector for this run's Output choice (`output` is read from the first item). */
export function outputCollector(
	fns: IExecuteFunctions,
	resource: string,
	operation: string,
	itemCount: number,
	now: () => number = Date.now,
): OutputCollector {
	if (!REPORTING_OPERATIONS[resource]?.includes(operation)) return eachItem;
	const output = fns.getNodeParameter('output', 0, OUTPUT_EACH_ITEM);
	if (output === OUTPUT_EACH_ITEM) return eachItem;
	if (output !== OUTPUT_CAMPAIGN_REPORT) {
		throw new InvalidInput(
			'Output',
			`is "${String(output)}", not ${OUTPUT_EACH_ITEM} or ${OUTPUT_CAMPAIGN_REPORT}`,
			'Choose Each Item or Campaign Report.',
		);
	}
	return new CampaignReport(fns, operation, itemCount, now);
}

/** Shared by every completed item of a report (never changed: `flat()` copies). */
const NO_ITEMS: INodeExecutionData[] = [];

/**
 * Counts completed items without keeping their output: at 50,000 messages n8n then holds one
 * summary and the failures instead of 50,000 items.
 */
class CampaignReport implements OutputCollector {
	private readonly startedAt: number;
	private sent = 0;
	private skipped = 0;
	private failures = 0;
	private readonly errorsByKind: Record<string, number> = {};

	constructor(
		private readonly fns: IExecuteFunctions,
		private readonly operation: string,
		private readonly itemCount: number,
		private readonly now: () => number,
	) {
		this.startedAt = now();
	}

	completed(_itemIndex: number, items: INodeExecutionData[]): INodeExecutionData[] {
		// Skip Destinations Already Sent outputs `skipped: true` in place of a send.
		if (items.length > 0 && items.every((item) => item.json.skipped === true)) this.skipped++;
		else this.sent++;
		return NO_ITEMS;
	}

	failed(_itemIndex: number, item: INodeExecutionData, kind: string): INodeExecutionData[] {
		this.failures++;
		this.errorsByKind[kind] = (this.errorsByKind[kind] ?? 0) + 1;
		return [{ ...item, json: { ...item.json, errorKind: kind } }];
	}

	finish(perItem: INodeExecutionData[][]): INodeExecutionData[] {
		const finishedAt = this.now();
		const summary: IDataObject = {
			operation: this.operation,
			...this.campaignName(),
			total: this.itemCount,
			sent: this.sent,
			failed: this.failures,
			skipped: this.skipped,
			errorsByKind: { ...this.errorsByKind },
			startedAt: new Date(this.startedAt).toISOString(),
			finishedAt: new Date(finishedAt).toISOString(),
			durationSeconds: Math.round(finishedAt - this.startedAt) / 1000,
		};
		// The summary comes from every input row, as n8n's Aggregate and Summarize pair theirs.
		const pairedItem = Array.from({ length: this.itemCount }, (_, item) => ({ item }));
		return [{ json: summary, pairedItem }, ...perItem.flat()];
	}

	/** The first item's Campaign Name (Send Conversation with a campaign or API send type). */
	private campaignName(): IDataObject {
		if (this.operation !== 'sendConversation' || this.itemCount === 0) return {};
		try {
			const name = this.fns.getNodeParameter('campaignName', 0, '');
			return typeof name === 'string' && name.trim() ? { campaignName: name } : {};
		} catch {
			// A name that cannot be read already failed item 0; the report still counts the rest.
			return {};
		}
	}
}

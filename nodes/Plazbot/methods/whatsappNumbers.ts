import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isRecord } from '../helpers/records';
import { normalizeWhatsappNumber } from '../helpers/phone';
import {
	INTEGRATION_NUMBER_FIELDS,
	WHATSAPP_INTEGRATION_TYPE,
	workspacePath,
} from '../transport/apiContract';
import { PlazbotClient } from '../transport/client';

/**
 * The workspace's WhatsApp numbers, read from Get Workspace's integrations: a picker for any
 * field that takes one of the workspace's own numbers (the Plazbot Trigger's number, for one).
 */
export async function searchWhatsappNumbers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = await PlazbotClient.create(this, { maxAttempts: 2 });
	// The workspace record, or the bare list holding it as the developer hub shows the answer.
	const numbers = whatsappNumbersOf(
		await client.requestData({ method: 'GET', path: workspacePath(client.workspaceId) }),
	);
	const needle = filter?.trim().toLowerCase().replace(/^\+/, '');
	return {
		results: needle
			? numbers.filter(
					(entry) => entry.name.toLowerCase().includes(needle) || entry.value.includes(needle),
				)
			: numbers,
	};
}

interface WhatsappNumberEntry {
	/** What the picker shows: "WhatsApp Cloud (+51987654321)". */
	name: string;
	/** Digits with country code, as Plazbot's number paths take them. */
	value: string;
}

function integrationNumber(integration: IDataObject): string | undefined {
	const places = [integration.config, integration];
	for (const place of places) {
		if (!isRecord(place)) continue;
		for (const field of INTEGRATION_NUMBER_FIELDS) {
			const normalised = normalizeWhatsappNumber(place[field]);
			if (normalised.ok) return normalised.digits;
		}
	}
	return undefined;
}

function isWhatsapp(integration: IDataObject): boolean {
	return [integration.type, integration.platform, integration.channel].some(
		(value) => typeof value === 'string' && value.toLowerCase().includes(WHATSAPP_INTEGRATION_TYPE),
	);
}

/**
 * The WhatsApp numbers of a workspace as Get Workspace returns it (the object, or a list holding
 * it), once each, in the order
 * Plazbot lists them. Integrations of other channels, and entries without a usable number, are
 * left out; a disabled integration stays in the list, marked, since its number can still be chosen.
 */
export function whatsappNumbersOf(workspace: unknown): WhatsappNumberEntry[] {
	// The hub's example answer is the workspace inside a bare array; the reference's, the object.
	const workspaces = Array.isArray(workspace) ? workspace : [workspace];
	const integrations = workspaces.flatMap((entry) =>
		isRecord(entry) && Array.isArray(entry.integrations) ? entry.integrations : [],
	);
	const entries: WhatsappNumberEntry[] = [];
	for (const integration of integrations) {
		if (!isRecord(integration) || !isWhatsapp(integration)) continue;
		const number = integrationNumber(integration);
		if (!number || entries.some((entry) => entry.value === number)) continue;
		const label =
			typeof integration.name === 'string' && integration.name.trim()
				? integration.name.trim()
				: 'WhatsApp';
		const disabled = integration.enabled === false ? ', disabled' : '';
		entries.push({ name: `${label} (+${number}${disabled})`, value: number });
	}
	return entries;
}

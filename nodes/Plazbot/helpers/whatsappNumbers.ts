import type { IDataObject } from 'n8n-workflow';

import { INTEGRATION_NUMBER_FIELDS, WHATSAPP_INTEGRATION_TYPE } from '../transport/apiContract';
import { normalizeWhatsappNumber } from './phone';
import { isRecord } from './records';

export interface WhatsappNumberEntry {
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

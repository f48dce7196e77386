/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/** Starts the Plazbot stand-in in-process for a test file, on a free loopback port. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createStandIn } = require('../../stand-in/server');

import { redactRecord } from '../../../nodes/Plazbot/helpers/secrets';
import type { FakeCredentials } from './fakeExecuteFunctions';

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: any;
	at: number;
	fault: string | null;
	/** The status answered, once the answer was sent. */
	status?: number;
	/** When the answer was sent or the socket closed; unset while the stand-in holds the request. */
	answeredAt?: number;
}

export interface StandIn {
	url: string;
	settings: { workspaceId: string; apiKey: string };
	state: any;
	requests: RecordedRequest[];
	requestsTo(path: string): RecordedRequest[];
	earlyRetries: number;
	maxInFlight: number;
	setFaults(faults: Record<string, unknown>): void;
	reset(): void;
	start(port?: number): Promise<string>;
	stop(): Promise<void>;
}

export const WORKSPACE_ID = 'ws-unit-7f3a9c';
export const API_KEY = 'key-unit-5d1e8b2c';

/**
 * A stand-in record as the node must output it: a field whose whole value is the credential's
 * Workspace ID or API Key reads ***, and so does the API Key inside text; any other text is the
 * user's data and comes out as stored. redactRecord builds new objects and arrays, so the
 * stand-in's stored record is left as it is.
 */
export function expectedOutput<T>(record: T): T {
	return redactRecord(record, { inText: [API_KEY], wholeValue: [WORKSPACE_ID] });
}

export function startStandIn(config: Record<string, unknown> = {}): {
	standIn: () => StandIn;
	credentials: () => FakeCredentials;
} {
	let standIn: StandIn;
	beforeAll(async () => {
		standIn = createStandIn({ workspaceId: WORKSPACE_ID, apiKey: API_KEY, ...config });
		await standIn.start(0);
	});
	beforeEach(() => standIn.reset());
	afterAll(async () => standIn.stop());
	return {
		standIn: () => standIn,
		credentials: () => ({ workspaceId: WORKSPACE_ID, apiKey: API_KEY, baseUrl: standIn.url }),
	};
}

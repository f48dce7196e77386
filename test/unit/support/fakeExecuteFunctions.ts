/* eslint-disable @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * The part of n8n's IExecuteFunctions that the Plazbot node uses, with real HTTP: requests go
 * through the credential's own `authenticate` and axios to a real server (the stand-in), the way
 * n8n's httpRequestWithAuthentication sends them. Every request's options are recorded so tests
 * can assert on exactly what the node asked n8n to send.
 */
import axios, { type AxiosRequestConfig } from 'axios';
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { PlazbotApi } from '../../../credentials/PlazbotApi.credentials';

export interface FakeCredentials {
	workspaceId: string;
	apiKey?: string;
	baseUrl: string;
}

export interface FakeContextOptions {
	/** The json of each input item. */
	items?: IDataObject[];
	/** Node parameters; a function receives the item index (as n8n resolves expressions per item). */
	parameters: Record<string, unknown> | ((itemIndex: number, item: IDataObject) => Record<string, unknown>);
	credentials: FakeCredentials;
	continueOnFail?: boolean;
	cancelSignal?: AbortSignal;
	/** The workflow's time zone, as n8n's getTimezone() gives it. */
	timezone?: string;
	/** The execution's ID, as n8n's getExecutionId() gives it. */
	executionId?: string;
	/** The node's version (typeVersion), 1 unless given. */
	typeVersion?: number;
}

export interface FakeContext {
	fns: IExecuteFunctions;
	/** Options passed to httpRequestWithAuthentication, before authentication, in call order. */
	requests: IHttpRequestOptions[];
}

export const TEST_NODE: INode = {
	id: 'plazbot-node',
	name: 'Plazbot',
	type: 'n8n-nodes-plazbot.plazbot',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const credentialType = new PlazbotApi();

export function fakeExecuteFunctions(options: FakeContextOptions): FakeContext {
	const items: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
	const requests: IHttpRequestOptions[] = [];

	const parametersFor = (itemIndex: number): Record<string, unknown> =>
		typeof options.parameters === 'function'
			? options.parameters(itemIndex, items[itemIndex]?.json ?? {})
			: options.parameters;

	const httpRequestWithAuthentication = async (type: string, requestOptions: IHttpRequestOptions) => {
		if (type !== 'plazbotApi') throw new Error(`unexpected credential type ${type}`);
		requests.push(JSON.parse(JSON.stringify(requestOptions)));
		const signed = await credentialType.authenticate({ ...options.credentials }, {
			...requestOptions,
		});
		const config: AxiosRequestConfig = {
			method: signed.method ?? 'GET',
			baseURL: signed.baseURL,
			url: signed.url,
			params: signed.qs,
			data: signed.method === 'GET' ? undefined : signed.body,
			headers: { ...(signed.json ? { Accept: 'application/json' } : {}), ...(signed.headers as Record<string, string>) },
			responseType: signed.encoding === 'text' ? 'text' : 'json',
			transformResponse: signed.encoding === 'text' ? [(data: unknown) => data] : undefined,
			validateStatus: signed.ignoreHttpStatusErrors ? () => true : undefined,
			timeout: signed.timeout,
			signal: options.cancelSignal,
		};
		try {
			const response = await axios.request(config);
			if (!signed.returnFullResponse) return response.data;
			return {
				body: response.data,
				headers: response.headers,
				statusCode: response.status,
				statusMessage: response.statusText,
			};
		} catch (error) {
			// n8n wraps transport failures the same way before a node sees them.
			throw new NodeApiError(TEST_NODE, error as any);
		}
	};

	const fns = {
		getInputData: () => items,
		getNode: () => ({ ...TEST_NODE, typeVersion: options.typeVersion ?? TEST_NODE.typeVersion }),
		getExecutionId: () => options.executionId ?? 'exec-unit-1',
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			const value = parametersFor(itemIndex)[name];
			if (value === undefined) {
				if (fallback !== undefined) return fallback;
				throw new Error(`Could not get parameter "${name}"`);
			}
			return value;
		},
		getCredentials: async () => ({ ...options.credentials }),
		continueOnFail: () => options.continueOnFail ?? false,
		getTimezone: () => options.timezone ?? 'UTC',
		getExecutionCancelSignal: () => options.cancelSignal,
		helpers: { httpRequestWithAuthentication },
	} as unknown as IExecuteFunctions;

	return { fns, requests };
}

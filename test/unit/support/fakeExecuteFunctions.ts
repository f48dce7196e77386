/* eslint-disable @n8n/community-nodes/require-node-api-error, @typescript-eslint/no-explicit-any -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * The part of n8n's IExecuteFunctions that the Plazbot node uses, with real HTTP: requests go
 * through the credential's own `authenticate` and axios to a real server (the stand-in), the way
 * n8n's httpRequestWithAuthentication sends them. Every request's options are recorded so tests
 * can assert on exactly what the node asked n8n to send.
 */
import axios, { type AxiosRequestConfig } from 'axios';
import type {
	FieldType,
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
} from 'n8n-workflow';
import { ExpressionError, NodeApiError, NodeHelpers, validateFieldType } from 'n8n-workflow';

import { PlazbotApi } from '../../../credentials/PlazbotApi.credentials';
import { Plazbot } from '../../../nodes/Plazbot/Plazbot.node';

export interface FakeCredentials {
	workspaceId: string;
	apiKey?: string;
	baseUrl: string;
	/** Email and Password: `authentication: 'emailPassword'`, `email`, `password` (n8n keeps `sessionToken`). */
	[field: string]: string | undefined;
}

export interface FakeContextOptions {
	/** The json of each input item. */
	items?: IDataObject[];
	/** The binary data of each input item, as n8n keeps it (base64 `data`, fileName, mimeType). */
	binary?: Array<IBinaryKeyData | undefined>;
	/** Node parameters; a function receives the item index (as n8n resolves expressions per item). */
	parameters:
		| Record<string, unknown>
		| ((itemIndex: number, item: IDataObject) => Record<string, unknown>);
	credentials: FakeCredentials;
	continueOnFail?: boolean;
	cancelSignal?: AbortSignal;
	/** The workflow's time zone, as n8n's getTimezone() gives it. */
	timezone?: string;
	/** The execution's ID, as n8n's getExecutionId() gives it. */
	executionId?: string;
	/** The node's version (typeVersion), 1 unless given. */
	typeVersion?: number;
	/** The node's Settings as saved in the workflow (Retry On Fail, Max Tries…). */
	nodeSettings?: Partial<Pick<INode, 'retryOnFail' | 'maxTries' | 'executeOnce'>>;
}

export interface FakeContext {
	fns: IExecuteFunctions;
	/** Options passed to httpRequestWithAuthentication, before authentication, in call order. */
	requests: IHttpRequestOptions[];
}

/**
 * A copy of the request options as the test sees them: a multipart body (FormData) is recorded as
 * its parts, a file part as its name, type and size.
 */
function recorded(requestOptions: IHttpRequestOptions): IHttpRequestOptions {
	const { body, ...rest } = requestOptions;
	const copy = JSON.parse(JSON.stringify(rest)) as IHttpRequestOptions;
	if (body instanceof FormData) {
		copy.body = {
			formData: [...body.entries()].map(([name, value]) => [
				name,
				typeof value === 'string'
					? value
					: { fileName: value.name, type: value.type, size: value.size },
			]),
		};
	} else if (body !== undefined) copy.body = JSON.parse(JSON.stringify(body));
	return copy;
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
const nodeDescription = new Plazbot().description;

/**
 * The node's parameters for one item as n8n hands them to the node: the saved (or expression-
 * resolved) values laid over the node description by n8n's own NodeHelpers.getNodeParameters, so
 * defaults are applied and fields the description hides for this operation are dropped.
 */
export function parametersAsN8nGives(
	values: Record<string, unknown>,
	node: INode = TEST_NODE,
): INodeParameters {
	// A function stands for an expression: n8n lays out the saved expression text ("={{ … }}"), and
	// shows every field that depends on an expression.
	const saved = Object.fromEntries(
		Object.entries(values).map(([key, value]) => [
			key,
			typeof value === 'function' ? '={{ expression }}' : value,
		]),
	) as INodeParameters;
	const laidOut =
		NodeHelpers.getNodeParameters(
			nodeDescription.properties,
			saved,
			true,
			false,
			node,
			nodeDescription,
		) ?? {};
	// A test's values stand for what expressions resolve to (null, numbers as text, …): n8n resolves
	// them after laying out the saved parameters, so they are kept as given wherever n8n keeps the field.
	return overlay(laidOut, values) as INodeParameters;
}

function overlay(laidOut: unknown, given: unknown): unknown {
	const isRecord = (value: unknown): value is Record<string, unknown> =>
		typeof value === 'object' && value !== null && !Array.isArray(value) && !('__rl' in value);
	if (given === undefined) return laidOut;
	if (!isRecord(laidOut) || !isRecord(given)) return given;
	const result: Record<string, unknown> = { ...laidOut };
	for (const key of Object.keys(laidOut))
		if (key in given) result[key] = overlay(laidOut[key], given[key]);
	return result;
}

/**
 * n8n's type validation of a parameter (n8n-core's validateValueAgainstSchema): fields with a
 * `validateType`, at the top level or inside a collection, are read with validateFieldType, so
 * "false" from an expression arrives as false and "ten" for a number fails naming the field.
 */
function validateAsN8nDoes(
	name: string,
	value: unknown,
	itemIndex: number,
	parameters: INodeParameters,
	node: INode = TEST_NODE,
): unknown {
	const property = nodeDescription.properties.find(
		(candidate) =>
			candidate.name === name &&
			NodeHelpers.displayParameter(parameters, candidate, node, nodeDescription),
	);
	if (!property) return value;
	if (property.validateType) {
		const result = validateFieldType(name, value, property.validateType as FieldType);
		if (!result.valid)
			throw new ExpressionError(`Invalid input for '${property.displayName}' [item ${itemIndex}]`, {
				description: result.errorMessage,
				itemIndex,
			});
		return result.newValue;
	}
	if (property.type === 'collection' && typeof value === 'object' && value !== null) {
		const copy = { ...(value as IDataObject) };
		for (const option of (property.options ?? []) as INodeProperties[]) {
			if (!option.validateType || copy[option.name] === undefined) continue;
			const result = validateFieldType(
				option.name,
				copy[option.name],
				option.validateType as FieldType,
			);
			if (!result.valid) {
				throw new ExpressionError(
					`Invalid input for field '${option.displayName}' inside '${property.displayName}' in [item ${itemIndex}]`,
					{
						description: result.errorMessage,
						itemIndex,
					},
				);
			}
			copy[option.name] = result.newValue as IDataObject[string];
		}
		return copy;
	}
	return value;
}

let requestsOpen = 0;

/** Requests sent and not yet answered (or failed) as the node sees them, sign-ins included. */
export const clientRequestsOpen = () => requestsOpen;

async function sendTracked(config: AxiosRequestConfig) {
	requestsOpen++;
	try {
		return await axios.request(config);
	} finally {
		requestsOpen--;
	}
}

/** n8n's plain httpRequest helper, as the credential's sign-in uses it. */
async function plainHttpRequest(request: IHttpRequestOptions) {
	const response = await sendTracked({
		method: request.method ?? 'GET',
		url: request.url,
		data: request.body,
		headers: request.headers as Record<string, string>,
		validateStatus: request.ignoreHttpStatusErrors ? () => true : undefined,
		maxRedirects: request.disableFollowRedirect ? 0 : undefined,
	});
	return request.returnFullResponse
		? { statusCode: response.status, body: response.data, headers: response.headers }
		: response.data;
}

export function fakeExecuteFunctions(
	options: FakeContextOptions,
): FakeContext & { binaryReads: Array<[number, string]>; events: string[] } {
	const items: INodeExecutionData[] = (options.items ?? [{}]).map((json, index) => ({
		json,
		...(options.binary?.[index] ? { binary: options.binary[index] } : {}),
	}));
	/** Binary reads in call order: [itemIndex, property name], to show one file is read per item. */
	const binaryReads: Array<[number, string]> = [];
	/** Binary reads, requests sent and answers received, in the order they happened. */
	const events: string[] = [];
	const requests: IHttpRequestOptions[] = [];
	const node: INode = {
		...TEST_NODE,
		typeVersion: options.typeVersion ?? TEST_NODE.typeVersion,
		...options.nodeSettings,
	};

	const resolved = new Map<number, INodeParameters>();
	const parametersFor = (itemIndex: number): INodeParameters => {
		let parameters = resolved.get(itemIndex);
		if (!parameters) {
			const values =
				typeof options.parameters === 'function'
					? options.parameters(itemIndex, items[itemIndex]?.json ?? {})
					: options.parameters;
			parameters = parametersAsN8nGives(values, node);
			resolved.set(itemIndex, parameters);
		}
		return parameters;
	};

	const httpRequestWithAuthentication = async (
		type: string,
		requestOptions: IHttpRequestOptions,
		additional?: { credentialsDecrypted?: { data?: IDataObject } },
	) => {
		if (type !== 'plazbotApi') throw new Error(`unexpected credential type ${type}`);
		requests.push(recorded(requestOptions));
		events.push(`request ${requestOptions.url}`);
		// n8n replaces any abort signal of the node's with the execution's cancel signal.
		requestOptions = { ...requestOptions, abortSignal: options.cancelSignal };
		const decrypted = (additional?.credentialsDecrypted?.data ?? {
			...options.credentials,
		}) as IDataObject;
		// As n8n: an expirable property (the session token) that is empty makes it sign in first,
		// writing the result into the credential the node handed over; a failed sign-in is wrapped.
		if (decrypted.authentication === 'emailPassword' && !decrypted.sessionToken) {
			try {
				Object.assign(
					decrypted,
					await credentialType.preAuthentication.call(
						{ helpers: { httpRequest: plainHttpRequest } } as never,
						decrypted as never,
					),
				);
			} catch (error) {
				throw new NodeApiError(TEST_NODE, error as any);
			}
		}
		const signed = await credentialType.authenticate(decrypted as never, {
			...requestOptions,
		});
		const config: AxiosRequestConfig = {
			method: signed.method ?? 'GET',
			baseURL: signed.baseURL,
			url: signed.url,
			params: signed.qs,
			data: signed.method === 'GET' ? undefined : signed.body,
			headers: {
				...(signed.json ? { Accept: 'application/json' } : {}),
				...(signed.headers as Record<string, string>),
			},
			responseType:
				signed.encoding === 'text'
					? 'text'
					: signed.encoding === 'arraybuffer'
						? 'arraybuffer'
						: 'json',
			transformResponse:
				signed.encoding === 'text' || signed.encoding === 'arraybuffer'
					? [(data: unknown) => data]
					: undefined,
			validateStatus: signed.ignoreHttpStatusErrors ? () => true : undefined,
			timeout: signed.timeout,
			signal: options.cancelSignal,
			// As n8n's HTTP helper: disableFollowRedirect stops at the 3xx, otherwise axios follows
			// redirects and turns a POST answered 301/302/303 into a GET.
			...(signed.disableFollowRedirect ? { maxRedirects: 0 } : {}),
		};
		try {
			const response = await sendTracked(config);
			events.push(`answer ${requestOptions.url}`);
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
		getNode: () => node,
		getExecutionId: () => options.executionId ?? 'exec-unit-1',
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			const parameters = parametersFor(itemIndex);
			let value = parameters[name];
			// A function stands for an expression, evaluated when the node reads the parameter: one that
			// throws fails as n8n's expression evaluation does.
			if (typeof value === 'function') {
				try {
					value = (value as () => INodeParameters[string])();
				} catch (error) {
					throw new ExpressionError((error as Error).message, { itemIndex });
				}
			}
			if (value === undefined) {
				if (fallback !== undefined) return fallback;
				throw new Error(`Could not get parameter "${name}"`);
			}
			return validateAsN8nDoes(name, value, itemIndex, parameters, node);
		},
		getCredentials: async () => ({ ...options.credentials }),
		continueOnFail: () => options.continueOnFail ?? false,
		getTimezone: () => options.timezone ?? 'UTC',
		getExecutionCancelSignal: () => options.cancelSignal,
		helpers: {
			httpRequestWithAuthentication,
			// n8n's own: the binary property, or an error naming it.
			assertBinaryData: (itemIndex: number, propertyName: string) => {
				const binary = items[itemIndex]?.binary?.[propertyName];
				if (!binary) throw new Error(`No binary data property "${propertyName}" exists on item!`);
				return binary;
			},
			getBinaryDataBuffer: async (itemIndex: number, propertyName: string) => {
				binaryReads.push([itemIndex, propertyName]);
				events.push(`read item ${itemIndex}`);
				const binary = items[itemIndex]?.binary?.[propertyName];
				if (!binary) throw new Error(`No binary data property "${propertyName}" exists on item!`);
				return Buffer.from(binary.data, 'base64');
			},
		},
	} as unknown as IExecuteFunctions;

	return { fns, requests, binaryReads, events };
}

import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { DEFAULT_BASE_URL } from '../../../credentials/PlazbotApi.credentials';
import { CONTINUATION_TOKEN_QUERY, NEXT_PAGE_TOKEN_FIELDS } from './apiContract';
import { redactSecrets, redactSecretsDeep } from '../helpers/secrets';
import { RequestPacer } from './requestPacer';
import { RequestSlots } from './requestSlots';

export const CREDENTIAL_TYPE = 'plazbotApi';

/** Hook functions: the Plazbot Trigger registers and removes its webhook through this client too. */
export type PlazbotFunctions = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions;

export interface PlazbotRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
}

/** Plazbot wraps every answer in this envelope. */
export interface PlazbotEnvelope {
	success?: boolean;
	code?: number;
	errorCode?: string | null;
	message?: string;
	data?: unknown;
}

export interface DeliveryPolicy {
	/** Total tries of one request, the first included. 1 turns retries off. */
	maxAttempts: number;
	/** A dropped connection after sending is ambiguous: the message may have gone out. */
	retryOnConnectionDrop: boolean;
	timeoutMs: number;
	/** Smallest gap between the starts of two requests of this execution (throttling). */
	minSpacingMs: number;
	/** Most requests on the wire at once (the Concurrency option). */
	maxInFlight: number;
	/** First backoff step; doubles on each retry, with jitter. */
	backoffBaseMs: number;
	/** The run ends at the first failed item (Continue On Fail off): send nothing after it. */
	stopAtFirstError: boolean;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
	maxAttempts: 5,
	retryOnConnectionDrop: false,
	timeoutMs: 30_000,
	minSpacingMs: 0,
	maxInFlight: 5,
	backoffBaseMs: 1_000,
	stopAtFirstError: false,
};

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const MAX_BACKOFF_MS = 30_000;
/** A Retry-After longer than this is not waited for: the item fails and says so. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

const DROPPED_CONNECTION_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ERR_STREAM_PREMATURE_CLOSE']);
const TLS_CODE_PATTERN = /CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_VERIFY/;
/** Our code for a redirect to another host, which n8n refuses because of `allowedDomains`. */
const REDIRECTED_ELSEWHERE = 'REDIRECTED_TO_OTHER_HOST';
/** How n8n words that refusal (n8n-workflow's assertUrlAllowed). */
const N8N_DOMAIN_REFUSAL = /^Domain not allowed:/;

type Outcome =
	| { kind: 'response'; response: IN8nHttpFullResponse }
	| { kind: 'transportError'; code: string; detail: string; timedOut: boolean };

/**
 * The one way this package talks to Plazbot: authentication through n8n's credential helper,
 * throttling, retries of answers that mean "try later", and the mapping of every failure to an
 * error that names the item and never a secret.
 */
export class PlazbotClient {
	private constructor(
		private readonly fns: PlazbotFunctions,
		readonly workspaceId: string,
		private readonly baseUrl: string,
		private readonly secrets: string[],
		private readonly policy: DeliveryPolicy,
		private readonly pacer: RequestPacer,
		private readonly slots: RequestSlots,
		/**
		 * Handed to httpRequestWithAuthentication so that n8n does not read and decrypt the
		 * credential again for every request: about a fifth of n8n's CPU per request in a campaign.
		 */
		private readonly credentials: ICredentialsDecrypted,
	) {}

	/** Aborted by `stopSending()`: requests waiting for a slot, a throttle turn or a retry give up. */
	private readonly stop = new AbortController();
	private combinedWaitSignal?: AbortSignal;
	/** The only host the credential is sent to (see REDIRECTED_ELSEWHERE). */
	private readonly baseHost = new URL(this.baseUrl).hostname;

	static async create(fns: PlazbotFunctions, policy: Partial<DeliveryPolicy> = {}): Promise<PlazbotClient> {
		const credentials = await fns.getCredentials(CREDENTIAL_TYPE);
		const workspaceId = String(credentials.workspaceId ?? '').trim();
		const apiKey = String(credentials.apiKey ?? '').trim();
		const baseUrl = checkBaseUrl(fns, String(credentials.baseUrl ?? '').trim() || DEFAULT_BASE_URL);
		// Refused here, before any request: in a header, a line break would let the value add headers of its own.
		for (const [label, value] of [['Workspace ID', workspaceId], ['API Key', apiKey]]) {
			if (hasControlCharacter(value)) {
				throw new NodeOperationError(fns.getNode(), `The ${label} in the Plazbot API credential contains a line break or another control character`, {
					description: `Open the Plazbot API credential, paste the ${label} again without line breaks, and save it.`,
				});
			}
		}
		if (!workspaceId) {
			throw new NodeOperationError(fns.getNode(), 'The Plazbot API credential has no Workspace ID', {
				description: 'Open the credential and fill in the Workspace ID from Plazbot (Settings → Developers).',
			});
		}
		const fullPolicy = { ...DEFAULT_DELIVERY_POLICY, ...policy };
		return new PlazbotClient(
			fns,
			workspaceId,
			baseUrl,
			[workspaceId, apiKey].filter((secret) => secret.length >= 4),
			fullPolicy,
			new RequestPacer(fullPolicy.minSpacingMs),
			new RequestSlots(fullPolicy.maxInFlight),
			{
				id: fns.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? '',
				name: fns.getNode().credentials?.[CREDENTIAL_TYPE]?.name ?? '',
				type: CREDENTIAL_TYPE,
				data: credentials,
			},
		);
	}

	/**
	 * No request starts after this: the ones on the wire finish, the ones still waiting are not
	 * sent. For a run that stops at a failed item, a message sent afterwards would be missing from
	 * the node's output and sent again when the user re-runs the workflow.
	 */
	stopSending(): void {
		this.stop.abort(new NodeOperationError(this.fns.getNode(), 'Not sent: the node stopped at an earlier error'));
	}

	/** Sends one request and returns Plazbot's envelope; any failure becomes a node error. */
	async request(request: PlazbotRequest, itemIndex?: number): Promise<PlazbotEnvelope> {
		const signal = this.waitSignal();
		for (let attempt = 1; ; attempt++) {
			const verdict = await this.slots.run(async () => {
				await this.pacer.wait(signal);
				signal.throwIfAborted();
				const judged = this.judge(await this.send(request), attempt, itemIndex);
				// Decided before the slot passes on: otherwise the request waiting for it would already
				// be on its way when the run stops at this error.
				if ('error' in judged && this.policy.stopAtFirstError) this.stopSending();
				return judged;
			}, signal);
			if ('retryDelayMs' in verdict) {
				await sleep(verdict.retryDelayMs, signal);
				continue;
			}
			if ('error' in verdict) throw verdict.error;
			return verdict.envelope;
		}
	}

	private judge(
		outcome: Outcome,
		attempt: number,
		itemIndex?: number,
	): { retryDelayMs: number } | { envelope: PlazbotEnvelope } | { error: NodeApiError } {
		const retryDelayMs = this.retryDelay(outcome, attempt);
		if (retryDelayMs !== undefined) return { retryDelayMs };
		if (outcome.kind === 'transportError') return { error: this.transportError(outcome, attempt, itemIndex) };
		try {
			return { envelope: this.readEnvelope(outcome.response, attempt, itemIndex) };
		} catch (error) {
			return { error: error as NodeApiError };
		}
	}

	/** The envelope's `data`, for operations whose answer is a single record. */
	async requestData(request: PlazbotRequest, itemIndex?: number): Promise<unknown> {
		return (await this.request(request, itemIndex)).data;
	}

	/**
	 * Follows Plazbot's continuation tokens, yielding one record at a time so that a caller with a
	 * limit stops fetching as soon as it has enough.
	 */
	async *records(request: PlazbotRequest, itemIndex?: number): AsyncGenerator<IDataObject> {
		const seenTokens = new Set<string>();
		let token: string | undefined;
		do {
			const page = await this.page(request, token, itemIndex);
			for (const record of page.records) yield record;
			token = page.nextToken;
			if (token && seenTokens.has(token)) break;
			if (token) seenTokens.add(token);
		} while (token);
	}

	/** One page of a continuation-token list; `nextToken` is undefined on the last page. */
	async page(
		request: PlazbotRequest,
		token?: string,
		itemIndex?: number,
	): Promise<{ records: IDataObject[]; nextToken?: string }> {
		const qs = { ...(request.qs ?? {}), ...(token ? { [CONTINUATION_TOKEN_QUERY]: token } : {}) };
		return pageOf((await this.request({ ...request, qs }, itemIndex)).data);
	}

	async collect(request: PlazbotRequest, limit: number | undefined, itemIndex?: number): Promise<IDataObject[]> {
		const results: IDataObject[] = [];
		if (limit !== undefined && limit <= 0) return results;
		for await (const record of this.records(request, itemIndex)) {
			results.push(record);
			if (limit !== undefined && results.length >= limit) break;
		}
		return results;
	}

	/** Removes the credential's secrets from any text that may reach the user. */
	redact(text: string): string {
		return redactSecrets(text, this.secrets);
	}

	/**
	 * Output records may echo the credential (contacts carry `workspaceId`); the Workspace ID and
	 * API Key are secrets, so they never reach workflow data.
	 */
	redactRecord<T>(record: T): T {
		return redactSecretsDeep(record, this.secrets);
	}

	private cancelSignal(): AbortSignal | undefined {
		const fns = this.fns as Partial<IExecuteFunctions>;
		return typeof fns.getExecutionCancelSignal === 'function' ? fns.getExecutionCancelSignal() : undefined;
	}

	/**
	 * Ends any wait before a request: the execution is cancelled, or the node stopped sending.
	 * Combined once per run: a combined signal per request would add a listener to the
	 * execution's signal for each of a campaign's thousands of requests.
	 */
	private waitSignal(): AbortSignal {
		if (!this.combinedWaitSignal) {
			const cancel = this.cancelSignal();
			this.combinedWaitSignal = cancel ? AbortSignal.any([cancel, this.stop.signal]) : this.stop.signal;
		}
		return this.combinedWaitSignal;
	}

	private async send(request: PlazbotRequest): Promise<Outcome> {
		const options: IHttpRequestOptions = {
			method: request.method,
			baseURL: this.baseUrl,
			url: request.path,
			// n8n follows redirects and would carry the credential's headers along to any host: a
			// redirect away from the Base URL's host is refused instead (see REDIRECTED_ELSEWHERE).
			allowedDomains: this.baseHost,
			qs: request.qs,
			body: request.body,
			json: true,
			// Plazbot's error pages are not always JSON: read text and parse it ourselves.
			encoding: 'text',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: this.policy.timeoutMs,
		};
		try {
			const response = (await this.fns.helpers.httpRequestWithAuthentication.call(
				this.fns,
				CREDENTIAL_TYPE,
				options,
				{ credentialsDecrypted: this.credentials },
			)) as IN8nHttpFullResponse;
			return { kind: 'response', response };
		} catch (error) {
			if (this.cancelSignal()?.aborted) {
				throw new NodeOperationError(this.fns.getNode(), 'The execution was cancelled');
			}
			return describeTransportError(error);
		}
	}

	/** How long to wait before trying again, or undefined when this outcome is final. */
	private retryDelay(outcome: Outcome, attempt: number): number | undefined {
		if (attempt >= this.policy.maxAttempts) return undefined;
		const backoff = jitteredBackoff(this.policy.backoffBaseMs, attempt);
		if (outcome.kind === 'transportError') {
			const dropped = DROPPED_CONNECTION_CODES.has(outcome.code) || outcome.timedOut;
			return dropped && this.policy.retryOnConnectionDrop ? backoff : undefined;
		}
		const status = outcome.response.statusCode;
		if (!RETRYABLE_STATUSES.has(status)) return undefined;
		const retryAfter = parseRetryAfter(headerValue(outcome.response.headers, 'retry-after'));
		if (retryAfter === undefined) return backoff;
		if (retryAfter > MAX_RETRY_AFTER_MS) return undefined;
		// A little extra on top of Retry-After so that no retry lands before the server allows it.
		return retryAfter + Math.round(Math.random() * 100);
	}

	private readEnvelope(response: IN8nHttpFullResponse, attempts: number, itemIndex?: number): PlazbotEnvelope {
		const status = response.statusCode;
		const text = bodyText(response.body);
		const parsed = parseJson(text);
		const envelope = isObject(parsed) ? (parsed as PlazbotEnvelope) : undefined;
		const ok = status >= 200 && status < 300;

		if (ok && envelope && envelope.success !== false) return envelope;

		const retriedNote = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
		const page = htmlPageText(text);
		const pageNote = page === undefined ? undefined : `an HTML page instead of JSON${page ? `: "${page}"` : ''}`;
		if (ok && !envelope) {
			const what = text.trim() === '' ? 'an empty body' : (pageNote ?? `a body that is not JSON: "${snippet(text)}"`);
			throw this.apiError(
				`Plazbot answered HTTP ${status} with ${what}`,
				'Check that the Base URL in the Plazbot API credential points at the Plazbot API, not a website or proxy.',
				String(status),
				itemIndex,
			);
		}
		const plazbotMessage = envelope?.message ? String(envelope.message) : undefined;
		const code = ok ? String(envelope?.code ?? status) : String(status);
		const summary = plazbotMessage
			? `Plazbot error${ok ? '' : ` ${status}`}: ${plazbotMessage}`
			: `Plazbot answered HTTP ${status}${
					text.trim() === '' ? ' with an empty body' : pageNote ? ` with ${pageNote}` : `: "${snippet(text)}"`
				}`;
		throw this.apiError(`${summary}${retriedNote}`, hintFor(status, envelope), code, itemIndex, envelope?.errorCode ?? undefined);
	}

	private transportError(
		outcome: Extract<Outcome, { kind: 'transportError' }>,
		attempts: number,
		itemIndex?: number,
	): NodeApiError {
		const host = safeHost(this.baseUrl);
		const retriedNote = attempts > 1 ? ` (gave up after ${attempts} attempts)` : '';
		let message: string;
		let hint: string;
		if (outcome.timedOut) {
			message = `Plazbot did not answer within ${Math.round(this.policy.timeoutMs / 1000)} s`;
			hint = 'The request may still have been processed. Raise the Timeout option, or check Plazbot before sending again.';
		} else if (outcome.code === 'ECONNREFUSED') {
			message = `Could not connect to Plazbot at ${host}: the connection was refused`;
			hint = 'Check the Base URL in the Plazbot API credential and that the server is running.';
		} else if (outcome.code === 'ENOTFOUND' || outcome.code === 'EAI_AGAIN') {
			message = `Could not find the Plazbot server ${host}: the name does not resolve`;
			hint = 'Check the Base URL in the Plazbot API credential for typos, and the DNS of the n8n host.';
		} else if (TLS_CODE_PATTERN.test(outcome.code)) {
			message = `Could not establish a secure connection to ${host}: the TLS certificate was not accepted`;
			hint = 'Check that the Base URL uses the Plazbot host name and that no proxy replaces its certificate.';
		} else if (outcome.code === REDIRECTED_ELSEWHERE) {
			message = `Plazbot at ${host} redirected the request to another host; the redirect was not followed`;
			hint =
				'The Workspace ID and API Key are only ever sent to the host of the Base URL. Check the Base URL in the Plazbot API credential: use the address the Plazbot API answers at directly.';
		} else if (DROPPED_CONNECTION_CODES.has(outcome.code)) {
			message = `The connection to Plazbot at ${host} was dropped before an answer arrived`;
			hint =
				'The request may already have been processed, so it was not repeated automatically. Turn on the "Retry on Connection Drop" option to retry such requests (this can send a message twice).';
		} else {
			message = `The request to Plazbot at ${host} failed`;
			hint = 'Check the Base URL in the Plazbot API credential and the network of the n8n host.';
		}
		return this.apiError(`${message}${retriedNote}`, `${hint} (${outcome.code}: ${outcome.detail})`, undefined, itemIndex);
	}

	private apiError(
		message: string,
		description: string,
		httpCode: string | undefined,
		itemIndex: number | undefined,
		errorCode?: string,
	): NodeApiError {
		const safeMessage = this.redact(message);
		const safeDescription = this.redact(errorCode ? `${description} Plazbot error code: ${errorCode}.` : description);
		return new NodeApiError(
			this.fns.getNode(),
			{ message: safeMessage, description: safeDescription, ...(httpCode ? { httpCode } : {}) } as JsonObject,
			{ message: safeMessage, description: safeDescription, httpCode, itemIndex },
		);
	}
}

function checkBaseUrl(fns: PlazbotFunctions, raw: string): string {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new NodeOperationError(fns.getNode(), `The Base URL "${snippet(raw)}" in the Plazbot API credential is not a valid URL`, {
			description: `Use ${DEFAULT_BASE_URL} unless Plazbot gave you another address.`,
		});
	}
	const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.hostname.startsWith('127.');
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
		throw new NodeOperationError(fns.getNode(), `The Base URL "${url.origin}" in the Plazbot API credential must start with https://`, {
			description: 'Plain http is accepted only for a server on this machine (localhost or 127.0.0.1), such as the Plazbot stand-in.',
		});
	}
	return url.href.replace(/\/+$/, '');
}

function hasControlCharacter(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

function pageOf(data: unknown): { records: IDataObject[]; nextToken?: string } {
	if (Array.isArray(data)) return { records: data as IDataObject[] };
	if (!isObject(data)) return { records: [] };
	const container = data as IDataObject;
	const records = Array.isArray(container.data) ? (container.data as IDataObject[]) : [];
	const tokenField = NEXT_PAGE_TOKEN_FIELDS.find((field) => typeof container[field] === 'string' && container[field] !== '');
	return { records, nextToken: tokenField ? (container[tokenField] as string) : undefined };
}

function hintFor(status: number, envelope: PlazbotEnvelope | undefined): string {
	if (status === 401) return 'Check the API Key in the Plazbot API credential.';
	if (status === 403) return 'Check the Workspace ID in the Plazbot API credential and that the API key belongs to it.';
	if (status === 404) return 'Check the ID you gave and the Workspace ID in the Plazbot API credential.';
	if (status === 429) return 'Plazbot is rate limiting this workspace. Lower the request rate in the node Options, or raise Max Attempts.';
	if (status >= 500) return 'Plazbot had a problem processing the request. Try again later; if it persists, contact Plazbot support.';
	if (envelope?.success === false && status < 300) return 'Plazbot refused the request. Check the values sent for this item.';
	if (envelope?.message) return 'Plazbot refused a value sent for this item: correct the value its message names, then run the item again.';
	return 'Check the values sent for this item.';
}

/**
 * What a person would read on an HTML page (a proxy's error page, a website's front page), or
 * undefined when the text is not HTML. Markup in an error message is noise.
 */
function htmlPageText(text: string): string | undefined {
	if (!/^\s*(<!doctype html|<html|<head|<body)/i.test(text)) return undefined;
	const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
	const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(text)?.[1];
	const readable = (title ?? heading ?? text.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' '))
		.replace(/<[^>]*>/g, ' ')
		.replace(/&nbsp;/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&');
	return snippet(readable);
}

function describeTransportError(error: unknown): Extract<Outcome, { kind: 'transportError' }> {
	const chain: Array<Record<string, unknown>> = [];
	let current: unknown = error;
	while (current && typeof current === 'object' && chain.length < 5) {
		chain.push(current as Record<string, unknown>);
		current = (current as { cause?: unknown }).cause;
	}
	const detail = chain
		.map((link) => link.message)
		.filter((value): value is string => typeof value === 'string' && value.length > 0)
		.pop();
	const code =
		(detail && N8N_DOMAIN_REFUSAL.test(detail) ? REDIRECTED_ELSEWHERE : undefined) ??
		chain.map((link) => link.code).find((value): value is string => typeof value === 'string') ??
		'UNKNOWN';
	const timedOut = code === 'ECONNABORTED' && /timeout/i.test(detail ?? '') || code === 'ETIMEDOUT';
	return { kind: 'transportError', code, detail: snippet(detail ?? 'no details'), timedOut };
}

function jitteredBackoff(baseMs: number, attempt: number): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

function headerValue(headers: IN8nHttpFullResponse['headers'] | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
	const value = entry?.[1];
	return Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
}

function bodyText(body: unknown): string {
	if (body === undefined || body === null) return '';
	return typeof body === 'string' ? body : JSON.stringify(body);
}

function parseJson(text: string): unknown {
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function snippet(text: string, max = 120): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function safeHost(baseUrl: string): string {
	try {
		return new URL(baseUrl).host;
	} catch {
		return 'the configured Base URL';
	}
}

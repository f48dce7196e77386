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
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { assertSupportedN8n } from '../helpers/n8nSupport';
import { maskSecretValues, redactSecrets, redactSecretsDeep } from '../helpers/secrets';
import { waitFor } from '../helpers/wait';
import { CONTINUATION_TOKEN_QUERY } from './apiContract';
import { readCredentialSettings, safeHost } from './credentialSettings';
import type { DeliveryPolicy } from './deliveryPolicy';
import { DEFAULT_DELIVERY_POLICY } from './deliveryPolicy';
import type { ErrorWording } from './errors';
import { notJsonAnswer, redirectAnswer, refusedAnswer, transportFailure } from './errors';
import type { Page } from './pagination';
import { collectRecords, followPages, pageOf } from './pagination';
import type { Outcome, PlazbotEnvelope } from './response';
import { asEnvelope, bodyText, describeTransportError, headerValue, parseJson } from './response';
import { AdaptiveRate, DEFAULT_ADAPTIVE_RATE } from './adaptiveRate';
import { RequestPacer } from './requestPacer';
import { RequestSlots } from './requestSlots';
import { Session } from './session';
import { retryDecision } from './retryPolicy';

export const CREDENTIAL_TYPE = 'plazbotApi';

/** Hook functions too: the Plazbot Trigger registers and removes its webhook through this client. */
export type PlazbotFunctions = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions;

export interface PlazbotRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/**
	 * Statuses that are a normal answer to this request, not a failure: a lookup's 404 means "no
	 * match". Such an answer is returned by `answer()`, never retried, and never stops the run.
	 */
	expectedStatuses?: readonly number[];
	/**
	 * A 404 that is not Plazbot's JSON envelope (a web server's "Cannot POST …" page: there is no
	 * route at this path, so nothing was done) is returned by `answer()` with `routeMissing`, for a
	 * caller that tries the path another of Plazbot's sources gives. A 404 with the envelope is
	 * Plazbot's own answer and stays an error.
	 */
	routeMayBeMissing?: boolean;
}

/** An answer as an operation sees it: the HTTP status and Plazbot's envelope. */
export interface PlazbotAnswer {
	status: number;
	envelope: PlazbotEnvelope;
	/** See PlazbotRequest.routeMayBeMissing. */
	routeMissing?: boolean;
}

type Verdict = { retryDelayMs: number } | { answer: PlazbotAnswer } | { error: NodeApiError };

/** `success: false`, also as text or 0 as a loosely typed backend may write it. */
function refused(envelope: PlazbotEnvelope): boolean {
	const success: unknown = envelope.success;
	return (
		success === false ||
		success === 0 ||
		(typeof success === 'string' && success.trim().toLowerCase() === 'false')
	);
}

/** Plazbot's own answer: a JSON object with `success` (its envelope), not a web server's page. */
function isPlazbotEnvelope(parsed: unknown): boolean {
	return (
		typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && 'success' in parsed
	);
}

/** What a request that got no complete answer within the Timeout option comes to. */
const TIMED_OUT: Outcome = {
	kind: 'transportError',
	code: 'ETIMEDOUT',
	detail: 'no complete answer within the Timeout',
	timedOut: true,
};

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
		/** Rate Control "Adaptive" only: learns from every answer, paces through `pacer`. */
		private readonly adaptive?: AdaptiveRate,
	) {}

	/** Aborted by `stopSending()`: requests waiting for a slot, a throttle turn or a retry give up. */
	private readonly stop = new AbortController();
	private combinedWaitSignal?: AbortSignal;
	/** The only host the credential is sent to (see REDIRECTED_ELSEWHERE). */
	private readonly baseHost = new URL(this.baseUrl).hostname;
	/** Email and Password credentials: signing in and again when the token expires (see Session). */
	private readonly session = new Session(this.credentials.data ?? {});

	static async create(
		fns: PlazbotFunctions,
		policy: Partial<DeliveryPolicy> = {},
	): Promise<PlazbotClient> {
		assertSupportedN8n(fns.getNode());
		const credentials = await fns.getCredentials(CREDENTIAL_TYPE);
		const settings = readCredentialSettings(fns.getNode(), credentials);
		const fullPolicy = { ...DEFAULT_DELIVERY_POLICY, ...policy };
		const adaptive = fullPolicy.adaptive
			? new AdaptiveRate({ ...DEFAULT_ADAPTIVE_RATE, maxInFlight: fullPolicy.maxInFlight })
			: undefined;
		return new PlazbotClient(
			fns,
			settings.workspaceId,
			settings.baseUrl,
			settings.secrets,
			fullPolicy,
			new RequestPacer(fullPolicy.minSpacingMs, adaptive && (() => adaptive.spacingMs())),
			new RequestSlots(fullPolicy.maxInFlight),
			{
				id: fns.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? '',
				name: fns.getNode().credentials?.[CREDENTIAL_TYPE]?.name ?? '',
				type: CREDENTIAL_TYPE,
				data: credentials,
			},
			adaptive,
		);
	}

	/**
	 * No request starts after this: the ones on the wire finish, the ones still waiting are not
	 * sent. For a run that stops at a failed item, a message sent afterwards would be missing from
	 * the node's output and sent again when the user re-runs the workflow.
	 */
	stopSending(): void {
		this.stop.abort(
			new NodeOperationError(this.fns.getNode(), 'Not sent: the node stopped at an earlier error'),
		);
	}

	/** Sends one request and returns Plazbot's envelope; any failure becomes a node error. */
	async request(request: PlazbotRequest, itemIndex?: number): Promise<PlazbotEnvelope> {
		return (await this.answer(request, itemIndex)).envelope;
	}

	/**
	 * Sends one request and returns the status and envelope of a successful or expected answer
	 * (see `expectedStatuses`); any other outcome becomes a node error.
	 */
	async answer(request: PlazbotRequest, itemIndex?: number): Promise<PlazbotAnswer> {
		const signal = this.waitSignal();
		// A token can expire again while the request waits for a slot; a credential whose fresh
		// tokens Plazbot keeps refusing must still end in an error, not in endless sign-ins.
		let signInsLeft = 3;
		for (let attempt = 1; ; attempt++) {
			const verdict = await this.slots.run(async (): Promise<Verdict | { signInAgain: true }> => {
				await this.pacer.wait(signal);
				signal.throwIfAborted();
				const sentAt = Date.now();
				const { outcome, tokenSent } = await this.session.send(
					async () => await this.send(request),
				);
				this.adaptive?.onAnswer(
					sentAt,
					outcome.kind === 'response' ? outcome.response.statusCode : undefined,
				);
				// An expired session token: sign in again and send once more (Plazbot did not act on it).
				if (signInsLeft > 0 && this.session.refused(outcome, tokenSent)) {
					signInsLeft--;
					return { signInAgain: true };
				}
				const judged = this.judge(request, outcome, attempt, itemIndex);
				// Decided before the slot passes on: otherwise the request waiting for it would already
				// be on its way when the run stops at this error.
				if ('error' in judged && this.policy.stopAtFirstError) this.stopSending();
				return judged;
			}, signal);
			if ('signInAgain' in verdict) {
				attempt--; // the same try again, with a new session token: not a retry
				continue;
			}
			if ('retryDelayMs' in verdict) {
				await waitFor(verdict.retryDelayMs, signal);
				continue;
			}
			if ('error' in verdict) throw verdict.error;
			return verdict.answer;
		}
	}

	/** The envelope's `data`, for operations whose answer is a single record. */
	async requestData(request: PlazbotRequest, itemIndex?: number): Promise<unknown> {
		return (await this.request(request, itemIndex)).data;
	}

	/** Every record of a continuation-token list, fetched page by page as they are consumed. */
	records(request: PlazbotRequest, itemIndex?: number): AsyncGenerator<IDataObject> {
		return followPages(
			async (token) => await this.page(request, token, itemIndex),
			(message, description) =>
				new NodeOperationError(
					this.fns.getNode(),
					itemIndex === undefined ? message : `${message} [item ${itemIndex}]`,
					{ description, itemIndex },
				),
		);
	}

	/** One page of a continuation-token list; `nextToken` is undefined on the last page. */
	async page(request: PlazbotRequest, token?: string, itemIndex?: number): Promise<Page> {
		const qs = { ...(request.qs ?? {}), ...(token ? { [CONTINUATION_TOKEN_QUERY]: token } : {}) };
		return pageOf((await this.request({ ...request, qs }, itemIndex)).data);
	}

	async collect(
		request: PlazbotRequest,
		limit: number | undefined,
		itemIndex?: number,
	): Promise<IDataObject[]> {
		return await collectRecords(this.records(request, itemIndex), limit);
	}

	/** Removes the credential's secrets from any text that may reach the user. */
	redact(text: string): string {
		return redactSecrets(text, this.secrets);
	}

	/**
	 * Output records are the user's data: text inside them is never rewritten. Only a field whose
	 * whole value is the Workspace ID or the API Key (contacts carry `workspaceId`) is masked.
	 */
	redactRecord<T>(record: T): T {
		return maskSecretValues(record, this.secrets);
	}

	private judge(
		request: PlazbotRequest,
		outcome: Outcome,
		attempt: number,
		itemIndex?: number,
	): Verdict {
		const decision = retryDecision(this.policy, request.method, outcome, attempt);
		if (decision.retry) return { retryDelayMs: decision.delayMs };
		if (outcome.kind === 'transportError') {
			return {
				error: this.apiError(
					transportFailure(outcome, safeHost(this.baseUrl), this.policy.timeoutMs, attempt),
					itemIndex,
				),
			};
		}
		const { response } = outcome;
		const status = response.statusCode;
		const text = bodyText(response.body);
		const parsed = parseJson(text);
		const envelope = asEnvelope(parsed);
		if (request.routeMayBeMissing && status === 404 && !isPlazbotEnvelope(parsed))
			return { answer: { status, envelope: {}, routeMissing: true } };
		if (request.expectedStatuses?.includes(status))
			return { answer: { status, envelope: envelope ?? {} } };
		if (status >= 300 && status < 400) {
			const location = headerValue(response.headers, 'location');
			return {
				error: this.apiError(
					redirectAnswer(status, location && this.redact(location), request.method),
					itemIndex,
				),
			};
		}
		const ok = status >= 200 && status < 300;
		// A delete answered "No Content" has nothing more to say: the record is gone.
		if (status === 204 && request.method === 'DELETE' && text.trim() === '')
			return { answer: { status, envelope: { success: true } } };
		if (ok && envelope && !refused(envelope)) return { answer: { status, envelope } };
		// Secrets are removed before any wording cuts the text short, so no part of one is shown.
		const shownText = this.redact(text);
		if (ok && !envelope)
			return { error: this.apiError(notJsonAnswer(status, shownText), itemIndex) };
		const shownEnvelope = envelope && redactSecretsDeep(envelope, this.secrets);
		return {
			error: this.apiError(
				refusedAnswer(status, shownText, shownEnvelope, attempt, decision),
				itemIndex,
			),
		};
	}

	private cancelSignal(): AbortSignal | undefined {
		const fns = this.fns as Partial<IExecuteFunctions>;
		return typeof fns.getExecutionCancelSignal === 'function'
			? fns.getExecutionCancelSignal()
			: undefined;
	}

	/**
	 * Ends any wait before a request: the execution is cancelled, or the node stopped sending.
	 * Combined once per run: a combined signal per request would add a listener to the
	 * execution's signal for each of a campaign's thousands of requests.
	 */
	private waitSignal(): AbortSignal {
		if (!this.combinedWaitSignal) {
			const cancel = this.cancelSignal();
			this.combinedWaitSignal = cancel
				? AbortSignal.any([cancel, this.stop.signal])
				: this.stop.signal;
		}
		return this.combinedWaitSignal;
	}

	/**
	 * One try of the request. The Timeout option bounds the whole of it, reading the body included:
	 * n8n's timeout only notices a silent connection, so a server trickling bytes could otherwise
	 * hold the item for as long as it likes.
	 */
	private async send(request: PlazbotRequest): Promise<Outcome> {
		const finished = new AbortController();
		const deadline = waitFor(this.policy.timeoutMs, finished.signal).then(
			() => TIMED_OUT,
			() => undefined,
		);
		const attempt = this.sendOnce(request);
		try {
			const first = await Promise.race([attempt, deadline]);
			if (first) return first;
			return await attempt;
		} finally {
			finished.abort();
			// An attempt given up at the deadline may still fail later: nobody is waiting for it.
			attempt.catch(() => undefined);
		}
	}

	private async sendOnce(request: PlazbotRequest): Promise<Outcome> {
		const options: IHttpRequestOptions = {
			method: request.method,
			baseURL: this.baseUrl,
			url: request.path,
			// n8n follows redirects and would carry the credential's headers along to any host: a
			// redirect away from the Base URL's host is refused instead (see REDIRECTED_ELSEWHERE).
			allowedDomains: this.baseHost,
			// n8n re-sends a POST redirected with 301/302/303 as a GET, which a list endpoint answers
			// with success although nothing was sent: only a read follows a redirect.
			disableFollowRedirect: request.method !== 'GET',
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
			return describeTransportError(error, (text) => this.redact(text));
		}
	}

	/** A node error from the wording, with the credential's secrets removed from all its text. */
	private apiError(wording: ErrorWording, itemIndex: number | undefined): NodeApiError {
		const { httpCode, errorCode } = wording;
		const message = this.redact(wording.message);
		const description = this.redact(
			errorCode ? `${wording.description} Plazbot error code: ${errorCode}.` : wording.description,
		);
		return new NodeApiError(
			this.fns.getNode(),
			{ message, description, ...(httpCode ? { httpCode } : {}) } as JsonObject,
			{ message, description, httpCode, itemIndex },
		);
	}
}

import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	INode,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	checkBaseUrl,
	EMAIL_PASSWORD,
	headerValueProblem,
} from '../../../credentials/PlazbotApi.credentials';
import { assertSupportedN8n } from '../helpers/n8nSupport';
import { redactRecord, redactText } from '../helpers/secrets';
import { waitFor } from '../helpers/wait';
import type { ErrorWording, Outcome, PlazbotEnvelope } from './answers';
import {
	asEnvelope,
	bodyText,
	describeTransportError,
	headerValue,
	notJsonAnswer,
	parseJson,
	redirectAnswer,
	refusedAnswer,
	transportFailure,
} from './answers';
import { CONTINUATION_TOKEN_QUERY } from './apiContract';
import type { Page } from './pagination';
import { collectRecords, followPages, pageOf } from './pagination';
import type { DeliveryPolicy } from './policy';
import { DEFAULT_DELIVERY_POLICY, retryDecision } from './policy';
import { AdaptiveRate, DEFAULT_ADAPTIVE_RATE, RequestPacer, RequestSlots } from './throttle';

export const CREDENTIAL_TYPE = 'plazbotApi';

/** Hook functions too: the Plazbot Trigger registers and removes its webhook through this client. */
export type PlazbotFunctions = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions;

export interface PlazbotRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/**
	 * Statuses that are a normal answer, not a failure (a lookup's 404 means "no match"): returned
	 * by `answer()`, never retried, never stopping the run.
	 */
	expectedStatuses?: readonly number[];
}

export interface PlazbotAnswer {
	status: number;
	envelope: PlazbotEnvelope;
}

type Verdict = { retryDelayMs: number } | { answer: PlazbotAnswer } | { error: NodeApiError };

/** `success: false`, also as text or 0 as a loosely typed backend may write it. */
function refused({ success }: { success?: unknown }): boolean {
	return (
		success === false ||
		success === 0 ||
		(typeof success === 'string' && success.trim().toLowerCase() === 'false')
	);
}

const TIMED_OUT: Outcome = {
	kind: 'transportError',
	code: 'ETIMEDOUT',
	detail: 'no complete answer within the Timeout',
	timedOut: true,
};

/**
 * The one way this package talks to Plazbot: n8n's credential helper, throttling, retries of
 * answers that mean "try later", and every failure as an error naming the item, never a secret.
 */
export class PlazbotClient {
	/** Aborted by `stopSending()`: requests waiting for a slot, a pacer turn or a retry give up. */
	private readonly stop = new AbortController();
	private waitSignalOnce?: AbortSignal;
	/** The only host the credential is sent to (see REDIRECTED_ELSEWHERE). */
	private readonly baseHost = new URL(this.baseUrl).hostname;
	private readonly session = new Session(this.credentials.data ?? {});

	private constructor(
		private readonly fns: PlazbotFunctions,
		readonly workspaceId: string,
		private readonly baseUrl: string,
		private readonly secrets: string[],
		private readonly policy: DeliveryPolicy,
		private readonly pacer: RequestPacer,
		private readonly slots: RequestSlots,
		/** Decrypted once: n8n would otherwise decrypt it for every request (a fifth of its CPU). */
		private readonly credentials: ICredentialsDecrypted,
		private readonly adaptive?: AdaptiveRate,
	) {}

	static async create(fns: PlazbotFunctions, options: Partial<DeliveryPolicy> = {}) {
		const node = fns.getNode();
		assertSupportedN8n(node);
		const data = await fns.getCredentials(CREDENTIAL_TYPE);
		const settings = readCredentialSettings(node, data);
		const policy = { ...DEFAULT_DELIVERY_POLICY, ...options };
		const adaptive = policy.adaptive
			? new AdaptiveRate({ ...DEFAULT_ADAPTIVE_RATE, maxInFlight: policy.maxInFlight })
			: undefined;
		const { id = '', name = '' } = node.credentials?.[CREDENTIAL_TYPE] ?? {};
		return new PlazbotClient(
			fns,
			settings.workspaceId,
			settings.baseUrl,
			settings.secrets,
			policy,
			new RequestPacer(policy.minSpacingMs, adaptive && (() => adaptive.spacingMs())),
			new RequestSlots(policy.maxInFlight),
			{ id: id ?? '', name, type: CREDENTIAL_TYPE, data },
			adaptive,
		);
	}

	/**
	 * No request starts after this. For a run that stops at a failed item, a message sent afterwards
	 * would be missing from the output and sent again when the user re-runs the workflow.
	 */
	stopSending(): void {
		this.stop.abort(
			new NodeOperationError(this.fns.getNode(), 'Not sent: the node stopped at an earlier error'),
		);
	}

	async request(request: PlazbotRequest, itemIndex?: number): Promise<PlazbotEnvelope> {
		return (await this.answer(request, itemIndex)).envelope;
	}

	/** The status and envelope of a successful or expected answer; anything else throws. */
	async answer(request: PlazbotRequest, itemIndex?: number): Promise<PlazbotAnswer> {
		const signal = this.waitSignal();
		// A credential whose fresh tokens Plazbot keeps refusing ends in an error, not endless sign-ins.
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
				if (signInsLeft > 0 && this.session.refused(outcome, tokenSent)) {
					signInsLeft--;
					return { signInAgain: true };
				}
				const judged = this.judge(request, outcome, attempt, itemIndex);
				// Before the slot passes on: the next request must not leave once the run stops here.
				if ('error' in judged && this.policy.stopAtFirstError) this.stopSending();
				return judged;
			}, signal);
			if ('signInAgain' in verdict) {
				attempt--; // the same try with a new session token: Plazbot did not act on a 401
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

	async collect(request: PlazbotRequest, limit: number | undefined, itemIndex?: number) {
		return await collectRecords(this.records(request, itemIndex), limit);
	}

	/** The API key, password and every session token of this run: never shown in any form. */
	private get textSecrets(): string[] {
		return [...this.secrets, ...this.session.tokensSent];
	}

	/** Text for an error or a log: every secret, the Workspace ID included, in any form. */
	redact(text: string): string {
		return redactText(text, [this.workspaceId, ...this.textSecrets]);
	}

	/**
	 * An output record. The user's data carries the Workspace ID inside text (a stored request
	 * body, a file URL): it is masked where it is a whole value (contacts carry `workspaceId`).
	 */
	redactRecord<T>(record: T): T {
		return redactRecord(record, { inText: this.textSecrets, wholeValue: [this.workspaceId] });
	}

	private judge(request: PlazbotRequest, outcome: Outcome, attempt: number, itemIndex?: number) {
		const fail = (wording: ErrorWording): Verdict => ({ error: this.apiError(wording, itemIndex) });
		const decision = retryDecision(this.policy, request.method, outcome, attempt);
		if (decision.retry) return { retryDelayMs: decision.delayMs };
		if (outcome.kind === 'transportError') {
			const host = new URL(this.baseUrl).host;
			return fail(transportFailure(outcome, host, this.policy.timeoutMs, attempt));
		}
		const { statusCode: status, headers, body } = outcome.response;
		const text = bodyText(body);
		const envelope = asEnvelope(parseJson(text));
		if (request.expectedStatuses?.includes(status))
			return { answer: { status, envelope: envelope ?? {} } };
		if (status >= 300 && status < 400) {
			const location = headerValue(headers, 'location');
			return fail(redirectAnswer(status, location && this.redact(location), request.method));
		}
		const ok = status >= 200 && status < 300;
		if (status === 204 && request.method === 'DELETE' && text.trim() === '')
			return { answer: { status, envelope: { success: true } } };
		if (ok && envelope && !refused(envelope)) return { answer: { status, envelope } };
		// Redacted before any wording cuts the text short, so that no part of a secret is shown.
		const shownText = this.redact(text);
		if (ok && !envelope) return fail(notJsonAnswer(status, shownText));
		const shownEnvelope =
			envelope && redactRecord(envelope, { inText: [this.workspaceId, ...this.textSecrets] });
		return fail(refusedAnswer(status, shownText, shownEnvelope, attempt, decision));
	}

	private cancelSignal(): AbortSignal | undefined {
		const fns = this.fns as Partial<IExecuteFunctions>;
		return fns.getExecutionCancelSignal?.();
	}

	/**
	 * Ends any wait: the execution is cancelled, or the node stopped sending. Combined once per
	 * run, not per request: each would add a listener to the execution's signal.
	 */
	private waitSignal(): AbortSignal {
		if (!this.waitSignalOnce) {
			const cancel = this.cancelSignal();
			this.waitSignalOnce = cancel ? AbortSignal.any([cancel, this.stop.signal]) : this.stop.signal;
		}
		return this.waitSignalOnce;
	}

	/**
	 * One try. The Timeout option bounds all of it, body included: n8n's timeout only notices a
	 * silent connection, and a server trickling bytes could hold the item for as long as it likes.
	 */
	private async send(request: PlazbotRequest): Promise<Outcome> {
		const finished = new AbortController();
		const deadline = waitFor(this.policy.timeoutMs, finished.signal).then(
			() => TIMED_OUT,
			() => undefined,
		);
		const attempt = this.sendOnce(request);
		try {
			return (await Promise.race([attempt, deadline])) ?? (await attempt);
		} finally {
			finished.abort();
			attempt.catch(() => undefined); // given up at the deadline: nobody waits for it
		}
	}

	private async sendOnce({ method, path, qs, body }: PlazbotRequest): Promise<Outcome> {
		try {
			const response = (await this.fns.helpers.httpRequestWithAuthentication.call(
				this.fns,
				CREDENTIAL_TYPE,
				{
					method,
					baseURL: this.baseUrl,
					url: path,
					// n8n would carry the credential's headers along a redirect to any host.
					allowedDomains: this.baseHost,
					// n8n re-sends a POST redirected with 301/302/303 as a GET, which a list endpoint
					// answers with success although nothing was sent: only a read follows a redirect.
					disableFollowRedirect: method !== 'GET',
					qs,
					body,
					json: true,
					encoding: 'text', // error pages are not always JSON: parsed here
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: this.policy.timeoutMs,
				},
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

/**
 * An "Email and Password" credential's session. n8n signs in (preAuthentication) whenever
 * `sessionToken` is empty and writes the token into the decrypted credential this client hands to
 * every request. Plazbot answers 401 once the token expires: the client empties it and sends the
 * request again, which makes n8n sign in anew (a 401 was not acted on, so nothing goes out twice).
 * While the token is empty, one request at a time goes out: the others then use its token.
 */
export class Session {
	private signingIn?: Promise<unknown>;
	/** Every session token a request of this run carried, for redaction. */
	readonly tokensSent = new Set<string>();

	constructor(private readonly credentials: ICredentialDataDecryptedObject) {}

	get usesSignIn(): boolean {
		return this.credentials.authentication === EMAIL_PASSWORD;
	}

	/** One try, signing in first (through n8n) if no token is held; tells which token it carried. */
	async send(attempt: () => Promise<Outcome>): Promise<{ outcome: Outcome; tokenSent: string }> {
		if (!this.usesSignIn) return { outcome: await attempt(), tokenSent: '' };
		while (this.signingIn) await this.signingIn.catch(() => undefined);
		const held = this.token();
		if (held !== '') {
			this.tokensSent.add(held);
			return { outcome: await attempt(), tokenSent: held };
		}
		const signingIn = attempt();
		this.signingIn = signingIn;
		try {
			const outcome = await signingIn;
			const tokenSent = this.token();
			if (tokenSent) this.tokensSent.add(tokenSent);
			return { outcome, tokenSent };
		} finally {
			this.signingIn = undefined;
		}
	}

	/**
	 * True when Plazbot refused the session token (401). Only the refused token is dropped, so the
	 * next try signs in again, not a newer one another request already got.
	 */
	refused(outcome: Outcome, tokenSent: string): boolean {
		if (!this.usesSignIn || outcome.kind !== 'response' || outcome.response.statusCode !== 401)
			return false;
		if (this.token() === tokenSent) this.credentials.sessionToken = '';
		return true;
	}

	token(): string {
		return String(this.credentials.sessionToken ?? '');
	}
}

/** The credential's values, checked before any request; `secrets`: the API key and password. */
function readCredentialSettings(node: INode, credentials: ICredentialDataDecryptedObject) {
	const workspaceId = String(credentials.workspaceId ?? '').trim();
	const apiKey = String(credentials.apiKey ?? '').trim();
	const checked = checkBaseUrl(credentials.baseUrl);
	const problem =
		('message' in checked ? checked : undefined) ??
		headerValueProblem('Workspace ID', workspaceId) ??
		headerValueProblem('API Key', apiKey) ??
		(workspaceId
			? undefined
			: {
					message: 'The Plazbot API credential has no Workspace ID',
					description:
						'Open the credential and fill in the Workspace ID from Plazbot (Settings → Developers).',
				});
	if (problem)
		throw new NodeOperationError(node, problem.message, { description: problem.description });
	const password = String(credentials.password ?? '');
	const secrets = [apiKey, password].filter((secret) => secret.length >= 4);
	return { workspaceId, baseUrl: (checked as { baseUrl: string }).baseUrl, secrets };
}

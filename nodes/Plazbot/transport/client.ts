import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	INode,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readCredential } from '../helpers/credentialRules';
import {
	type ErrorWording,
	notJsonAnswer,
	redirectAnswer,
	refusedAnswer,
	transportFailure,
} from '../helpers/errorWording';
import { assertSupportedN8n } from '../helpers/n8nSupport';
import {
	bodyText,
	describeTransportError,
	headerValue,
	parseJson,
	TIMED_OUT,
} from '../helpers/http';
import { asEnvelope, isRecord, type PlazbotEnvelope, refused } from '../helpers/records';
import { recordRedactor, redactRecord, redactText } from '../helpers/secrets';
import { waitFor, withDeadline } from '../helpers/wait';
import {
	DEFAULT_DELIVERY_POLICY,
	type DeliveryPolicy,
	type Outcome,
	retryAfterOf,
	retryDecision,
	Session,
} from './policy';
import { throttleFor } from './throttle';

const CREDENTIAL_TYPE = 'plazbotApi';

/** Hook functions too: the Plazbot Trigger registers and removes its webhook through this client. */
type PlazbotFunctions = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions;

export interface PlazbotRequest {
	method: IHttpRequestMethods;
	path: string;
	/** JSON, or an upload built once the try holds its slot: at most Concurrency files in memory. */
	body?: IDataObject | FormData | (() => Promise<FormData>);
	qs?: IDataObject;
	/** Headers of this request only (Update Agent names the agent in `x-agent-id`). */
	headers?: Record<string, string>;
	/** Normal answers, not failures (a lookup's 404): never retried, never stopping the run. */
	expectedStatuses?: readonly number[];
	/** A 404 without Plazbot's envelope (no such route, nothing done) answers `routeMissing`. */
	routeMayBeMissing?: boolean;
}

export interface PlazbotAnswer {
	status: number;
	envelope: PlazbotEnvelope;
	routeMissing?: boolean;
}

type Verdict = { retryDelayMs: number } | { answer: PlazbotAnswer } | { error: NodeApiError };

/** The only way to Plazbot: throttled, retried, every failure an error naming the item, no secret. */
export class PlazbotClient {
	private readonly stop = new AbortController(); // stopSending(): every waiting request gives up
	private readonly cancel = (this.fns as Partial<IExecuteFunctions>).getExecutionCancelSignal?.();
	// Cancelled execution or stopped sending: combined once per run, not a listener per request.
	private readonly signal = this.cancel
		? AbortSignal.any([this.cancel, this.stop.signal])
		: this.stop.signal;
	// Output records' redaction, for the session tokens sent so far (a sign-in adds one).
	private outputRedaction?: { tokens: number; redact: <T>(record: T) => T };
	private readonly baseHost = new URL(this.baseUrl).hostname; // the only host it is sent to
	private readonly shownHost = new URL(this.baseUrl).host; // with its port, in error messages
	private readonly session = new Session(this.credentials.data ?? {});
	private readonly throttle = throttleFor(this.policy);

	private constructor(
		private readonly fns: PlazbotFunctions,
		readonly workspaceId: string,
		private readonly baseUrl: string,
		private readonly secrets: string[],
		private readonly policy: DeliveryPolicy,
		/** Decrypted once: n8n would otherwise decrypt it for every request (a fifth of its CPU). */
		private readonly credentials: ICredentialsDecrypted,
	) {}

	static async create(fns: PlazbotFunctions, options: Partial<DeliveryPolicy> = {}) {
		const node = fns.getNode();
		assertSupportedN8n(node);
		const data = await fns.getCredentials(CREDENTIAL_TYPE);
		const settings = readCredential(data);
		if ('message' in settings)
			throw new NodeOperationError(node, settings.message, { description: settings.description });
		const { id, name = '' } = node.credentials?.[CREDENTIAL_TYPE] ?? {};
		const { workspaceId, baseUrl, secrets } = settings;
		const policy = { ...DEFAULT_DELIVERY_POLICY, ...options };
		const credentials = { id: id ?? '', name, type: CREDENTIAL_TYPE, data };
		return new PlazbotClient(fns, workspaceId, baseUrl, secrets, policy, credentials);
	}

	/** No request starts after this: one sent after a failed item would be re-sent on a re-run. */
	stopSending(): void {
		const reason = 'Not sent: the node stopped at an earlier error';
		this.stop.abort(new NodeOperationError(this.fns.getNode(), reason));
	}

	async request(request: PlazbotRequest, itemIndex?: number): Promise<PlazbotEnvelope> {
		return (await this.answer(request, itemIndex)).envelope;
	}

	/** The status and envelope of a successful or expected answer; anything else throws. */
	async answer(request: PlazbotRequest, itemIndex?: number): Promise<PlazbotAnswer> {
		const { signal } = this;
		// A credential whose fresh tokens Plazbot keeps refusing ends in an error, not endless sign-ins.
		// A token another request renewed costs this request none of its sign-ins, within a bound.
		let signInsLeft = 3;
		let renewalsByOthersLeft = 20;
		for (let attempt = 1; ; attempt++) {
			const verdict = await this.throttle.slots.run(
				async (holdUntil): Promise<Verdict | { signInAgain: true }> => {
					// Not wrapped: one more await would let the items this one stops fail before it does.
					await this.throttle.pacer.wait(signal);
					signal.throwIfAborted();
					const sentAt = Date.now();
					// The Timeout bounds all of a try, body included (n8n's notices only a silent
					// connection); a try given up keeps its slot until it ends (Concurrency holds).
					const { outcome, tokenSent } = await this.session.send(
						async () =>
							await withDeadline(
								async () => await this.sendOnce(request),
								this.policy.timeoutMs,
								TIMED_OUT,
								holdUntil,
							),
					);
					const status = outcome.kind === 'response' ? outcome.response.statusCode : undefined;
					const retryAfter = retryAfterOf(outcome);
					// Only a 429's Retry-After holds the window back.
					this.throttle.adaptive?.onAnswer(sentAt, status, status === 429 ? retryAfter : undefined);
					const refusal = this.session.refused(outcome, tokenSent);
					if (refusal === 'signIn' && signInsLeft-- > 0) return { signInAgain: true };
					if (refusal === 'renewed' && renewalsByOthersLeft-- > 0) return { signInAgain: true };
					const judged = this.judge(request, outcome, attempt, retryAfter, itemIndex);
					// Before the slot passes on: the next request must not leave once the run stops here.
					if ('error' in judged && this.policy.stopAtFirstError) this.stopSending();
					return judged;
				},
				signal,
			);
			if ('answer' in verdict) return verdict.answer;
			if ('error' in verdict) throw verdict.error;
			// With a new session token it is the same try again: Plazbot did not act on a 401.
			if ('signInAgain' in verdict) attempt--;
			else await waitFor(verdict.retryDelayMs, signal);
		}
	}

	async requestData(request: PlazbotRequest, itemIndex?: number): Promise<unknown> {
		return (await this.request(request, itemIndex)).data;
	}

	get node(): INode {
		return this.fns.getNode();
	}

	/** The API key, password and every session token of this run: never shown in any form. */
	private get textSecrets(): string[] {
		return [...this.secrets, ...this.session.tokensSent];
	}

	/** What error texts must not show in any form: textSecrets and the Workspace ID. */
	private get allSecrets(): string[] {
		return [this.workspaceId, ...this.textSecrets];
	}

	private readonly redact = (text: string): string => redactText(text, this.allSecrets);

	/** An output record: the Workspace ID, which user data carries in text, only as a whole value. */
	redactRecord<T>(record: T): T {
		const tokens = this.session.tokensSent.size;
		if (this.outputRedaction?.tokens !== tokens) {
			const secrets = { inText: this.textSecrets, wholeValue: [this.workspaceId] };
			this.outputRedaction = { tokens, redact: recordRedactor(secrets) };
		}
		return this.outputRedaction.redact(record);
	}

	private judge(
		request: PlazbotRequest,
		outcome: Outcome,
		attempt: number,
		retryAfter: number | undefined,
		itemIndex?: number,
	) {
		const fail = (wording: ErrorWording): Verdict => ({ error: this.apiError(wording, itemIndex) });
		const decision = retryDecision(this.policy, request.method, outcome, attempt, retryAfter);
		if (decision.retry) return { retryDelayMs: decision.delayMs };
		if (outcome.kind === 'signInRefused') return fail(outcome.wording);
		if (outcome.kind === 'transportError') {
			const sends = request.method !== 'GET';
			return fail(transportFailure(outcome, this.shownHost, this.policy.timeoutMs, attempt, sends));
		}
		const { statusCode: status, headers, body } = outcome.response;
		const text = bodyText(body, headerValue(headers, 'content-type'));
		const parsed = parseJson(text);
		const envelope = asEnvelope(parsed);
		// Plazbot's own 404 is its envelope, `success` included; a web server's page is not.
		if (request.routeMayBeMissing && status === 404 && !(isRecord(parsed) && 'success' in parsed))
			return { answer: { status, envelope: {}, routeMissing: true } };
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
		const shownEnvelope = envelope && redactRecord(envelope, { inText: this.allSecrets });
		return fail(
			refusedAnswer(status, shownText, shownEnvelope, attempt, decision, this.session.usesSignIn),
		);
	}

	private async sendOnce({ method, path, qs, body, headers }: PlazbotRequest): Promise<Outcome> {
		// Outside the try: a file n8n cannot read is the item's error, not a transport failure.
		const payload = typeof body === 'function' ? await body() : body;
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
					// n8n re-sends a redirected POST as a GET, which a list answers with success.
					disableFollowRedirect: method !== 'GET',
					qs,
					...(headers ? { headers } : {}),
					body: payload,
					json: true,
					// Bytes: error pages are not always JSON, nor UTF-8; decoded and parsed here.
					encoding: 'arraybuffer',
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: this.policy.timeoutMs,
				},
				{ credentialsDecrypted: this.credentials },
			)) as IN8nHttpFullResponse;
			return { kind: 'response', response };
		} catch (error) {
			if (this.cancel?.aborted)
				throw new NodeOperationError(this.fns.getNode(), 'The execution was cancelled');
			const { redact } = this;
			return this.session.signInOutcome(error, redact) ?? describeTransportError(error, redact);
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

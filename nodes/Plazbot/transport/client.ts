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
	DEFAULT_BASE_URL,
	EMAIL_PASSWORD,
	readSignInFailure,
	type SignInFailure,
} from '../../../credentials/PlazbotApi.credentials';
import { assertSupportedN8n } from '../helpers/n8nSupport';
import { characterName } from '../helpers/phone';
import { maskSecretValues, redactSecrets, redactSecretsDeep } from '../helpers/secrets';
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
	snippet,
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

/** The credential's sign-in failure, in whatever n8n wrapped the error thrown by preAuthentication. */
function signInFailureIn(error: unknown): SignInFailure | undefined {
	for (let link = error, depth = 0; link && depth < 5; depth++) {
		const message = (link as { message?: unknown }).message;
		const found = typeof message === 'string' ? readSignInFailure(message) : undefined;
		if (found) return found;
		link = (link as { cause?: unknown }).cause;
	}
	return undefined;
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
			const verdict = await this.slots.run(
				async (holdUntil): Promise<Verdict | { signInAgain: true }> => {
					await this.pacer.wait(signal);
					signal.throwIfAborted();
					const sentAt = Date.now();
					const { outcome, tokenSent } = await this.session.send(
						async () => await this.send(request, holdUntil),
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
				},
				signal,
			);
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

	private judge(request: PlazbotRequest, outcome: Outcome, attempt: number, itemIndex?: number) {
		const fail = (wording: ErrorWording): Verdict => ({ error: this.apiError(wording, itemIndex) });
		const decision = retryDecision(this.policy, request.method, outcome, attempt);
		if (decision.retry) return { retryDelayMs: decision.delayMs };
		if (outcome.kind === 'signInRefused') return fail(outcome.wording);
		if (outcome.kind === 'transportError') {
			const host = new URL(this.baseUrl).host;
			return fail(
				transportFailure(outcome, host, this.policy.timeoutMs, attempt, request.method !== 'GET'),
			);
		}
		const { statusCode: status, headers, body } = outcome.response;
		const text = bodyText(body, headerValue(headers, 'content-type'));
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
		const shownEnvelope = envelope && redactSecretsDeep(envelope, this.secrets);
		const wording = refusedAnswer(status, shownText, shownEnvelope, attempt, decision);
		// An Email and Password credential has no API Key: its 401 is a refused session token.
		if (status === 401 && this.session.usesSignIn)
			wording.description =
				'Plazbot refused the session token of the Email and Password sign-in, also after signing in again. Check the Email and Password in the Plazbot API credential, and that this user belongs to the workspace of the Workspace ID.';
		return fail(wording);
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
	private async send(
		request: PlazbotRequest,
		holdUntil: (request: Promise<unknown>) => void,
	): Promise<Outcome> {
		const finished = new AbortController();
		const deadline = waitFor(this.policy.timeoutMs, finished.signal).then(
			() => TIMED_OUT,
			() => undefined,
		);
		const attempt = this.sendOnce(request);
		try {
			const outcome = (await Promise.race([attempt, deadline])) ?? (await attempt);
			// Given up at the deadline, the request is still open (n8n cannot abort it): it keeps its
			// slot until it ends, so that no more than Concurrency requests are open at once.
			if (outcome === TIMED_OUT) holdUntil(attempt.catch(() => undefined));
			return outcome;
		} finally {
			finished.abort();
			attempt.catch(() => undefined); // given up at the deadline: nobody waits for its outcome
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
			if (this.cancelSignal()?.aborted) {
				throw new NodeOperationError(this.fns.getNode(), 'The execution was cancelled');
			}
			const signIn = this.session.usesSignIn ? signInFailureIn(error) : undefined;
			if (signIn) return this.signInOutcome(signIn);
			return describeTransportError(error, (text) => this.redact(text));
		}
	}

	/**
	 * n8n signed in first (preAuthentication) and the sign-in failed: the request never left.
	 * Refused: the error every item of the run gets, without signing in again. Not now (429, 503):
	 * the sign-in's answer, retried as any 429 or 503 is.
	 */
	private signInOutcome(failure: SignInFailure): Outcome {
		const message = this.redact(failure.message);
		if (failure.refused) {
			return {
				kind: 'signInRefused',
				wording: {
					message,
					description:
						'Open the Plazbot API credential and check the Email and Password (and the Workspace ID). The node signed in once for this execution and not again for the other items, so that the account is not locked; nothing was sent.',
					httpCode: String(failure.status),
				},
			};
		}
		return {
			kind: 'response',
			notSent: true,
			response: {
				statusCode: failure.status,
				headers: failure.retryAfter ? { 'retry-after': failure.retryAfter } : {},
				body: JSON.stringify({ success: false, message }),
			},
		};
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

	constructor(private readonly credentials: ICredentialDataDecryptedObject) {}

	get usesSignIn(): boolean {
		return this.credentials.authentication === EMAIL_PASSWORD;
	}

	/** One try, signing in first (through n8n) if no token is held; tells which token it carried. */
	async send(attempt: () => Promise<Outcome>): Promise<{ outcome: Outcome; tokenSent: string }> {
		if (!this.usesSignIn) return { outcome: await attempt(), tokenSent: '' };
		while (this.signingIn) await this.signingIn.catch(() => undefined);
		const held = this.token();
		if (held !== '') return { outcome: await attempt(), tokenSent: held };
		// Plazbot refused this credential's sign-in once in this run: not again for every item.
		if (this.refusal) return { outcome: this.refusal, tokenSent: '' };
		const signingIn = attempt();
		this.signingIn = signingIn;
		try {
			const outcome = await signingIn;
			if (outcome.kind === 'signInRefused') this.refusal = outcome;
			return { outcome, tokenSent: this.token() };
		} finally {
			this.signingIn = undefined;
		}
	}

	private refusal?: Outcome;

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

/** The credential's values, checked before any request; `secrets` are never shown back. */
function readCredentialSettings(node: INode, credentials: ICredentialDataDecryptedObject) {
	const workspaceId = String(credentials.workspaceId ?? '').trim();
	const apiKey = String(credentials.apiKey ?? '').trim();
	const baseUrl = checkBaseUrl(node, String(credentials.baseUrl ?? '').trim() || DEFAULT_BASE_URL);
	const refuse = (message: string, description: string) => {
		throw new NodeOperationError(node, message, { description });
	};
	for (const [label, value] of [
		['Workspace ID', workspaceId],
		['API Key', apiKey],
	]) {
		// A line break in a header would let the value add headers of its own.
		if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
			refuse(
				`The ${label} in the Plazbot API credential contains a line break or another control character`,
				`Open the Plazbot API credential, paste the ${label} again without line breaks, and save it.`,
			);
		// A header carries only Latin-1: a zero-width space or a curly quote copied from a web page
		// would fail every request with an error that does not say why.
		const unsendable = [...value].find((character) => (character.codePointAt(0) ?? 0) > 0xff);
		if (unsendable !== undefined)
			refuse(
				`The ${label} in the Plazbot API credential contains ${characterName(unsendable)}, which cannot be sent in a request header`,
				`Open the Plazbot API credential, type or paste the ${label} again (copied text can carry invisible characters), and save it.`,
			);
	}
	if (!workspaceId)
		refuse(
			'The Plazbot API credential has no Workspace ID',
			'Open the credential and fill in the Workspace ID from Plazbot (Settings → Developers).',
		);
	const password = String(credentials.password ?? '');
	const secrets = [workspaceId, apiKey, password].filter((secret) => secret.length >= 4);
	return { workspaceId, baseUrl, secrets };
}

/** The Base URL without a trailing slash; https, or plain http to this machine only. */
function checkBaseUrl(node: INode, raw: string): string {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new NodeOperationError(
			node,
			`The Base URL "${snippet(raw)}" in the Plazbot API credential is not a valid URL`,
			{ description: `Use ${DEFAULT_BASE_URL} unless Plazbot gave you another address.` },
		);
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
		throw new NodeOperationError(
			node,
			`The Base URL "${url.origin}" in the Plazbot API credential must start with https://`,
			{
				description:
					'Plain http is accepted only for a server on this machine (localhost, ::1 or an address 127.x.x.x), such as the Plazbot stand-in.',
			},
		);
	}
	return url.href.replace(/\/+$/, '');
}

/**
 * localhost, ::1, or IPv4 127.0.0.0/8. The URL parser has already turned "127.1" or "0x7f.1" into
 * "127.0.0.1"; "127.0.0.1.example.com" is a host on the internet.
 */
function isLoopbackHost(hostname: string): boolean {
	if (hostname === 'localhost' || hostname === '[::1]') return true;
	const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
	return octets !== null && octets[1] === '127' && octets.slice(2).every((o) => Number(o) <= 255);
}

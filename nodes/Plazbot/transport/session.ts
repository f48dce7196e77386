import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { EMAIL_PASSWORD } from '../../../credentials/PlazbotApi.credentials';
import type { Outcome } from './response';

/**
 * The session of an "Email and Password" credential. n8n signs in (the credential's
 * preAuthentication) whenever the credential's `sessionToken` is empty, writes the token into the
 * decrypted credential this client hands to every request, and saves it. Plazbot answers 401 once
 * the token expires; the client then empties the token and sends the refused request again, which
 * makes n8n sign in anew. A 401 means Plazbot did not act on the request, so sending it again
 * cannot deliver a message twice.
 *
 * While the token is empty, one request at a time goes out: the first signs in, the others then
 * use its token instead of each signing in.
 */
export class Session {
	private signingIn?: Promise<unknown>;

	constructor(private readonly credentials: ICredentialDataDecryptedObject) {}

	get usesSignIn(): boolean {
		return this.credentials.authentication === EMAIL_PASSWORD;
	}

	/**
	 * Runs one try of a request, signing in first (through n8n) if no token is held, and tells
	 * which token the request carried.
	 */
	async send(attempt: () => Promise<Outcome>): Promise<{ outcome: Outcome; tokenSent: string }> {
		if (!this.usesSignIn) return { outcome: await attempt(), tokenSent: '' };
		while (this.signingIn) await this.signingIn.catch(() => undefined);
		const held = this.token();
		if (held !== '') return { outcome: await attempt(), tokenSent: held };
		const signingIn = attempt();
		this.signingIn = signingIn;
		try {
			const outcome = await signingIn;
			return { outcome, tokenSent: this.token() };
		} finally {
			this.signingIn = undefined;
		}
	}

	/**
	 * True when Plazbot refused the session token (401): the token is dropped so that the next try
	 * signs in again. Only the token that was refused is dropped, not a newer one another request
	 * already got.
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

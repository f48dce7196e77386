/**
 * n8n reports some failures differently on each line (a refused redirect, a dropped connection);
 * the node recognises both forms, so the user reads the same explanation on 1.x and 2.x.
 */
import { describeTransportError, REDIRECTED_ELSEWHERE } from '../../../nodes/Plazbot/helpers/http';

describe('a redirect refused by n8n', () => {
	it.each([
		[
			'n8n 2.x',
			'Domain not allowed: This credential is restricted from accessing localhost. Only the following domains are allowed: 127.0.0.1',
		],
		[
			'n8n 1.x',
			'Redirected request failed: Domain not allowed: This credential is restricted from accessing http://localhost:3000/api/x. Only the following domains are allowed: 127.0.0.1',
		],
	])('is recognised as such on %s', (_line, message) => {
		expect(describeTransportError(new Error(message)).code).toBe(REDIRECTED_ELSEWHERE);
	});

	it('is not confused with another failure that mentions a domain', () => {
		const error = Object.assign(new Error('getaddrinfo ENOTFOUND Domain not allowed.example'), {
			code: 'ENOTFOUND',
		});
		expect(describeTransportError(error).code).toBe('ENOTFOUND');
	});
});

describe('a connection error as n8n 1.x reports it', () => {
	it('is classified by the code n8n kept in httpCode, as on 2.x by the error code', () => {
		// n8n 1.123: NodeApiError with a friendly message, no cause, the code as httpCode.
		const onOneX = Object.assign(
			new Error('The connection to the server was closed unexpectedly, perhaps it is offline.'),
			{ httpCode: 'ECONNRESET' },
		);
		const onTwoX = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
		expect(describeTransportError(onOneX).code).toBe('ECONNRESET');
		expect(describeTransportError(onTwoX).code).toBe('ECONNRESET');
	});

	it('does not take an HTTP status in httpCode for a connection code', () => {
		expect(
			describeTransportError(Object.assign(new Error('Bad request'), { httpCode: '400' })).code,
		).toBe('UNKNOWN');
	});
});

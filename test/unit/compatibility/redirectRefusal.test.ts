/**
 * n8n refuses a redirect to another host (`allowedDomains`) with a different wording on each line;
 * the node recognises both, so the user reads the same explanation on 1.x and 2.x.
 */
import { describeTransportError, REDIRECTED_ELSEWHERE } from '../../../nodes/Plazbot/transport/response';

describe('a redirect refused by n8n', () => {
	it.each([
		['n8n 2.x', 'Domain not allowed: This credential is restricted from accessing localhost. Only the following domains are allowed: 127.0.0.1'],
		[
			'n8n 1.x',
			'Redirected request failed: Domain not allowed: This credential is restricted from accessing http://localhost:3000/api/x. Only the following domains are allowed: 127.0.0.1',
		],
	])('is recognised as such on %s', (_line, message) => {
		expect(describeTransportError(new Error(message)).code).toBe(REDIRECTED_ELSEWHERE);
	});

	it('is not confused with another failure that mentions a domain', () => {
		const error = Object.assign(new Error('getaddrinfo ENOTFOUND Domain not allowed.example'), { code: 'ENOTFOUND' });
		expect(describeTransportError(error).code).toBe('ENOTFOUND');
	});
});

/**
 * The node refuses, before any request, an n8n whose n8n-workflow lacks the domain check that
 * makes `allowedDomains` work (n8n before 1.110), and runs on the n8n-workflow it is built with.
 */
import * as n8nWorkflow from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { assertSupportedN8n } from '../../../nodes/Plazbot/helpers/n8nSupport';
import { TEST_NODE } from '../support/fakeExecuteFunctions';

describe('n8n version guard', () => {
	it('accepts the n8n-workflow the package is built and tested with', () => {
		expect(() => assertSupportedN8n(TEST_NODE)).not.toThrow();
	});

	it('refuses an n8n-workflow without isDomainAllowed, naming the minimum n8n version', () => {
		const { isDomainAllowed, ...older } = n8nWorkflow as Record<string, unknown>;
		expect(typeof isDomainAllowed).toBe('function');
		let thrown: unknown;
		try {
			assertSupportedN8n(TEST_NODE, older);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(NodeOperationError);
		expect((thrown as NodeOperationError).message).toBe(
			'This n8n is too old for the Plazbot node: it needs n8n 1.110.0 or later',
		);
		expect((thrown as NodeOperationError).description).toContain(
			'would follow a redirect to another host',
		);
	});
});

import * as n8nWorkflow from 'n8n-workflow';
import { NodeOperationError, type INode } from 'n8n-workflow';

/** The oldest n8n release the end-to-end suite runs on (test/n8n-runtime/n8n-1). */
export const OLDEST_TESTED_N8N = '1.123.81';
/**
 * The n8n release that made `allowedDomains` refuse redirects to other hosts (n8n-io/n8n#17583).
 */
export const MINIMUM_N8N = '1.110.0';

/**
 * Refuses to run on an n8n too old for what keeps the credential safe. Below n8n 1.110, n8n
 * ignores the request option `allowedDomains`: a redirect to another host would carry the
 * Workspace ID and API Key along. n8n's community-package installer drops peerDependencies, so
 * the package.json range cannot stop such an install; and a node cannot read n8n's version, so
 * this looks for what arrived with the feature in the n8n-workflow that n8n itself provides.
 */
export function assertSupportedN8n(
	node: INode,
	provided: Record<string, unknown> = n8nWorkflow,
): void {
	// n8n-workflow's domain check, which n8n's request helper calls for `allowedDomains` and on every
	// redirect.
	if (typeof provided.isDomainAllowed === 'function') return;
	throw new NodeOperationError(
		node,
		`This n8n is too old for the Plazbot node: it needs n8n ${MINIMUM_N8N} or later`,
		{
			description: `Older n8n versions would follow a redirect to another host with the credential's Workspace ID and API Key, so the node sends nothing. Update n8n (the node is tested on n8n ${OLDEST_TESTED_N8N} and 2.x).`,
		},
	);
}

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asLocatorId } from '../../helpers/parameters';
import type { PlazbotClient } from '../../transport/client';
import { opportunityFilesPath } from '../../transport/apiContract';
import { binaryPropertyField, multipartWithBinary } from '../binaryUpload';
import { opportunityLocator } from '../common.descriptions';
import { envelopeOutput } from '../output';

const show = { resource: ['opportunity'], operation: ['addFile'] };

export const description = updateDisplayOptions({ show }, [
	opportunityLocator,
	binaryPropertyField(show),
]);

/** Running it again sends or creates again: refuses n8n's Retry On Fail. */
export const sendsOrCreates = true;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: PlazbotClient,
): Promise<IDataObject> {
	const opportunityId = asLocatorId(
		this.getNodeParameter('opportunityId', itemIndex, ''),
		'Opportunity',
	);
	const { body, file } = multipartWithBinary(this, itemIndex, {
		workspaceId: client.workspaceId,
	});
	const envelope = await client.request(
		{ method: 'POST', path: opportunityFilesPath(opportunityId), body },
		itemIndex,
	);
	return { ...envelopeOutput(envelope), opportunityId, ...file };
}

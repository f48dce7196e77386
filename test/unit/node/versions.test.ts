import type { INodeProperties } from 'n8n-workflow';

import { Plazbot } from '../../../nodes/Plazbot/Plazbot.node';
import { resources } from '../../../nodes/Plazbot/actions/resources';
import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';

const { credentials } = startStandIn();
const { description } = new Plazbot();

/** The properties the editor shows for one operation of one node version. */
function visible(version: number, resource: string, operation: string): INodeProperties[] {
	return description.properties.filter((property) => {
		const show = property.displayOptions?.show ?? {};
		const versions = show['@version'] as unknown[] | undefined;
		const versionOk =
			!versions ||
			versions.some((entry) => (typeof entry === 'number' ? entry === version : version >= 2));
		const resourceOk = !show.resource || (show.resource as string[]).includes(resource);
		const operationOk = !show.operation || (show.operation as string[]).includes(operation);
		return versionOk && resourceOk && operationOk;
	});
}

const option = (property: INodeProperties | undefined, name: string) =>
	(property?.options as INodeProperties[] | undefined)?.find((o) => o.name === name);

describe('Node versions', () => {
	it('is version 1 and 2, new nodes get 2', () => {
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});

	it.each([
		[
			'message',
			'sendConversation',
			(props: INodeProperties[]) => props.find((p) => p.name === 'template')?.type,
			'string',
			'resourceLocator',
		],
		[
			'contact',
			'create',
			(props: INodeProperties[]) =>
				option(
					props.find((p) => p.name === 'additionalFields'),
					'stageId',
				)?.type,
			'string',
			'resourceLocator',
		],
		[
			'contact',
			'update',
			(props: INodeProperties[]) =>
				option(
					props.find((p) => p.name === 'updateFields'),
					'segmentationId',
				)?.type,
			'string',
			'resourceLocator',
		],
		[
			'opportunity',
			'create',
			(props: INodeProperties[]) =>
				option(
					props.find((p) => p.name === 'additionalFields'),
					'assignedComercialId',
				)?.type,
			'string',
			'resourceLocator',
		],
		[
			'task',
			'create',
			(props: INodeProperties[]) =>
				option(
					props.find((p) => p.name === 'additionalFields'),
					'assignedUserId',
				)?.type,
			'string',
			'resourceLocator',
		],
	])(
		'%s %s: version 1 keeps its text field, version 2 has the picker under the same name',
		(resource, operation, typeOf, v1, v2) => {
			expect(typeOf(visible(1, resource, operation))).toBe(v1);
			expect(typeOf(visible(2, resource, operation))).toBe(v2);
		},
	);

	it('shows exactly one property per name for each operation and version', () => {
		for (const version of [1, 2]) {
			for (const [resource, { operations }] of Object.entries(resources)) {
				for (const operation of Object.keys(operations)) {
					const names = visible(version, resource, operation).map((p) => p.name);
					expect({ version, resource, operation, names: [...new Set(names)] }).toEqual({
						version,
						resource,
						operation,
						names,
					});
				}
			}
		}
		expect(visible(1, 'message', 'sendConversation').map((p) => p.name)).not.toContain(
			'templateFields',
		);
		expect(visible(2, 'message', 'sendConversation').map((p) => p.name)).toContain(
			'templateFields',
		);
	});

	it("version 2 reads the pickers' values: the task goes to the picked user", async () => {
		const { fns, requests } = fakeExecuteFunctions({
			parameters: {
				resource: 'task',
				operation: 'create',
				name: 'Call back',
				description: 'Asked for a call',
				additionalFields: {
					assignedUserId: {
						__rl: true,
						mode: 'list',
						value: 'user-demo-1',
						cachedResultName: 'Ana Demo',
					},
				},
			},
			credentials: credentials(),
			typeVersion: 2,
		});
		await router.call(fns);
		expect(requests[0].body).toEqual({
			workspaceId: WORKSPACE_ID,
			name: 'Call back',
			description: 'Asked for a call',
			assignedUserId: 'user-demo-1',
		});
	});
});

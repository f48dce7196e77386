/**
 * Adding an operation takes its file, a line in its resource file, its path in transport, and a
 * unit test; this checks the wiring. No e2e run is needed for a new operation: the e2e files run
 * fixed lists of operations (test/e2e/apiOperations.ts), and those lists must name real ones.
 */
import { resources } from '../../../nodes/Plazbot/actions/resources';
import { Plazbot } from '../../../nodes/Plazbot/Plazbot.node';
import { API_E2E_OPERATIONS, CRM_E2E_OPERATIONS } from '../../e2e/apiOperations';

const everyOperation = Object.entries(resources).flatMap(([resource, { operations }]) =>
	Object.keys(operations).map((operation) => `${resource}.${operation}`),
);

describe('operations', () => {
	it.each(Object.entries(resources))(
		"%s: the Operation selector offers exactly the resource file's operations",
		(resource, { operations, description }) => {
			const selector = description.find(
				(property) =>
					property.name === 'operation' &&
					property.displayOptions?.show?.resource?.includes(resource),
			);
			const offered = (selector?.options ?? []).map(
				(option) => (option as { value: string }).value,
			);
			expect(offered.sort()).toEqual(Object.keys(operations).sort());
		},
	);

	it.each(everyOperation)('%s exports its fields and an execute function', (name) => {
		const [resource, operation] = name.split('.');
		const module = resources[resource].operations[operation];
		expect(Array.isArray(module.description)).toBe(true);
		expect(typeof module.execute).toBe('function');
	});

	it("the node's Resource selector offers every resource, and the node carries every operation's fields", () => {
		const node = new Plazbot().description;
		const resourceSelector = node.properties.find((property) => property.name === 'resource');
		expect(resourceSelector?.options?.map((option) => (option as { value: string }).value)).toEqual(
			Object.keys(resources),
		);
		for (const { operations } of Object.values(resources))
			for (const operation of Object.values(operations))
				for (const field of operation.description) expect(node.properties).toContain(field);
	});

	it('the e2e lists name only operations that exist, each once', () => {
		const listed = [...API_E2E_OPERATIONS, ...CRM_E2E_OPERATIONS];
		expect(new Set(listed).size).toBe(listed.length);
		expect(listed.filter((operation) => !everyOperation.includes(operation))).toEqual([]);
	});
});

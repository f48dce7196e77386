/**
 * Parameters without an expression are read from n8n once per run; the operations see the same
 * values as if every item had read them.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import {
	holdsExpression,
	readingFixedParametersOnce,
} from '../../../nodes/Plazbot/helpers/fixedParameters';

/** A stand-in for n8n's context: saved parameters, "=" strings resolved per item, reads counted. */
function fakeContext(saved: Record<string, unknown>) {
	const reads: Array<{ name: string; itemIndex: number }> = [];
	let nodeReads = 0;
	const resolve = (value: unknown, itemIndex: number): unknown => {
		if (typeof value === 'string' && value.startsWith('=')) return `${value.slice(1)}#${itemIndex}`;
		if (Array.isArray(value)) return value.map((entry) => resolve(entry, itemIndex));
		if (typeof value === 'object' && value !== null) {
			return Object.fromEntries(
				Object.entries(value).map(([key, entry]) => [key, resolve(entry, itemIndex)]),
			);
		}
		return value;
	};
	const context = {
		node: { name: 'Plazbot', parameters: saved },
		getNode() {
			nodeReads++;
			return this.node;
		},
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown) {
			reads.push({ name, itemIndex });
			if (name === 'broken') throw new Error(`Could not read "broken" for item ${itemIndex}`);
			return name in saved ? resolve(saved[name], itemIndex) : fallback;
		},
		continueOnFail: () => true,
	};
	return {
		fns: context as unknown as IExecuteFunctions,
		reads,
		nodeReads: () => nodeReads,
	};
}

const readFor = (fns: IExecuteFunctions, name: string, items: number, fallback?: unknown) =>
	Array.from({ length: items }, (_, itemIndex) => fns.getNodeParameter(name, itemIndex, fallback));

describe('readingFixedParametersOnce', () => {
	it('reads a parameter without an expression from n8n once, and gives every item its value', () => {
		const { fns, reads } = fakeContext({
			template: 'promo_campaign',
			additionalFields: { reference1: 'spring' },
		});
		const perItem = readingFixedParametersOnce(fns);

		expect(readFor(perItem, 'template', 3)).toEqual([
			'promo_campaign',
			'promo_campaign',
			'promo_campaign',
		]);
		expect(readFor(perItem, 'additionalFields', 3)).toEqual([
			{ reference1: 'spring' },
			{ reference1: 'spring' },
			{ reference1: 'spring' },
		]);
		expect(reads).toEqual([
			{ name: 'template', itemIndex: 0 },
			{ name: 'additionalFields', itemIndex: 0 },
		]);
	});

	it('gives each item its own copy, so a change one operation makes is not seen by the next item', () => {
		const { fns } = fakeContext({ additionalFields: { reference1: 'spring' } });
		const perItem = readingFixedParametersOnce(fns);

		(perItem.getNodeParameter('additionalFields', 0) as { reference1: string }).reference1 =
			'changed';
		expect(perItem.getNodeParameter('additionalFields', 1)).toEqual({ reference1: 'spring' });
	});

	it('reads a parameter with an expression, at any depth, for every item', () => {
		const saved = {
			destination: '={{ $json.phone }}',
			variablesBody: { variable: [{ variable: '1', value: '={{ $json.name }}' }] },
		};
		const { fns, reads } = fakeContext(saved);
		const perItem = readingFixedParametersOnce(fns);

		expect(readFor(perItem, 'destination', 2)).toEqual([
			'{{ $json.phone }}#0',
			'{{ $json.phone }}#1',
		]);
		expect(readFor(perItem, 'variablesBody', 2)).toEqual([
			{ variable: [{ variable: '1', value: '{{ $json.name }}#0' }] },
			{ variable: [{ variable: '1', value: '{{ $json.name }}#1' }] },
		]);
		expect(reads).toHaveLength(4);
	});

	it('leaves to n8n the parameters the node JSON lacks, reads with options, and reads that failed', () => {
		const { fns, reads } = fakeContext({ template: 'promo_campaign', broken: 'x' });
		const perItem = readingFixedParametersOnce(fns);

		expect(readFor(perItem, 'campaignName', 2, 'fallback')).toEqual(['fallback', 'fallback']);
		perItem.getNodeParameter('template', 0, '', { extractValue: true });
		perItem.getNodeParameter('template', 1, '', { extractValue: true });
		expect(() => perItem.getNodeParameter('broken', 0)).toThrow('for item 0');
		expect(() => perItem.getNodeParameter('broken', 1)).toThrow('for item 1');
		expect(reads.map(({ name, itemIndex }) => `${name} ${itemIndex}`)).toEqual([
			'campaignName 0',
			'campaignName 1',
			'template 0',
			'template 1',
			'broken 0',
			'broken 1',
		]);
	});

	it('looks for an expression in a saved parameter once per run, not once per item', () => {
		let looked = 0;
		const variable = { variable: '1' } as Record<string, unknown>;
		// The saved value as n8n keeps it, with every look at its Value counted.
		Object.defineProperty(variable, 'value', {
			enumerable: true,
			get: () => {
				looked++;
				return 'Ana';
			},
		});
		const { fns, reads } = fakeContext({ variablesBody: { variable: [variable] } });
		const perItem = readingFixedParametersOnce(fns);
		const lookedBefore = looked;

		expect(readFor(perItem, 'variablesBody', 3)).toEqual(
			Array(3).fill({ variable: [{ variable: '1', value: 'Ana' }] }),
		);
		expect(reads).toHaveLength(1);
		// One look to find no expression, one by the (fake) n8n read; each item's copy does not look.
		expect(looked - lookedBefore).toBe(2);
	});

	it("leaves the rest of n8n's context as it is", () => {
		const { fns } = fakeContext({ template: 'promo_campaign' });
		const perItem = readingFixedParametersOnce(fns);

		expect(perItem.getNode()).toBe(fns.getNode());
		expect(perItem.continueOnFail()).toBe(true);
	});

	it('reads the node from n8n once, however many items ask for it (n8n deep-copies it each time)', () => {
		const { fns, nodeReads } = fakeContext({ template: 'promo_campaign' });
		const perItem = readingFixedParametersOnce(fns);
		const readBefore = nodeReads();

		const names = Array.from({ length: 3 }, () => perItem.getNode().name);

		expect(names).toEqual(['Plazbot', 'Plazbot', 'Plazbot']);
		expect(nodeReads()).toBe(readBefore);
	});
});

describe('holdsExpression', () => {
	it.each([
		['={{ $json.phone }}', true],
		['promo_campaign', false],
		[{ variable: [{ variable: '1', value: '={{ $json.name }}' }] }, true],
		[{ variable: [{ variable: '1', value: 'Ana' }] }, false],
		[{ __rl: true, mode: 'id', value: '=abc' }, true],
		[5, false],
		[null, false],
	])('%j → %s', (value, expected) => {
		expect(holdsExpression(value)).toBe(expected);
	});
});

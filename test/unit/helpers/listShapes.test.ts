/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, never shipped: a server answering in a shape no dialect has needs node:http (see DEVELOPERS.md, Lint) */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { router } from '../../../nodes/Plazbot/actions/router';
import { listIn, recordsIn } from '../../../nodes/Plazbot/helpers/records';
import { pageOf } from '../../../nodes/Plazbot/transport/pagination';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';

describe('list answers in every shape the sources show', () => {
	it.each([
		['a bare list', [{ id: 'a' }, { id: 'b' }]],
		['data.data', { continuationToken: null, data: [{ id: 'a' }, { id: 'b' }] }],
		['data.data.data', { data: { continuationToken: null, data: [{ id: 'a' }, { id: 'b' }] } }],
	])('reads %s', (_, data) => {
		expect(recordsIn(data)).toEqual([{ id: 'a' }, { id: 'b' }]);
	});

	it('reads null as an empty list', () => {
		expect(recordsIn(null)).toEqual([]);
	});

	it('takes the next-page token from the object that holds the records', () => {
		expect(pageOf({ data: { continuationToken: '20', data: [{ id: 'a' }] } })).toEqual({
			records: [{ id: 'a' }],
			nextToken: '20',
		});
		expect(pageOf({ newContinuationToken: null, continuationToken: '20', data: [] })).toEqual({
			records: [],
			nextToken: undefined,
		});
	});

	it.each([
		['text', 'ok', 'string'],
		['an object without a list', { total: 3 }, 'an object with total and no list of records'],
		['a list of IDs', ['c-1', 'c-2'], 'a list whose entries are not records'],
	])('refuses %s, naming what came', (_, data, shape) => {
		expect(listIn(data)).toBeUndefined();
		expect(() => recordsIn(data, 'message search')).toThrow(
			`Plazbot answered the message search in a shape the node cannot read (${shape})`,
		);
	});
});

describe('an unreadable list through the node', () => {
	let server: Server;
	let url: string;
	beforeAll(async () => {
		server = createServer((_, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ success: true, data: { total: 3, items: 'see page 2' } }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => await new Promise((resolve) => server.close(resolve)));

	it.each([
		['contact', 'getMany', {}],
		['message', 'search', { query: 'x' }],
		['task', 'getMany', {}],
	])(
		'%s → %s fails the item with the shape named, instead of giving no items',
		async (resource, operation, extra) => {
			const { fns } = fakeExecuteFunctions({
				parameters: { resource, operation, returnAll: true, ...extra },
				credentials: { workspaceId: 'ws-1', apiKey: 'k-1', baseUrl: url },
				continueOnFail: true,
			});
			const [[item]] = await router.call(fns);
			expect(item.json.error).toMatch(
				/^Plazbot answered the .+ in a shape the node cannot read \(an object with total, items and no list of records\) \[item 0\]$/,
			);
		},
	);
});

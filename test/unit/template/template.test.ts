import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { router } from '../../../nodes/Plazbot/actions/router';
import { searchTemplateIds } from '../../../nodes/Plazbot/methods/listSearch';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';

const { credentials } = startStandIn();

const rl = (value: string, mode = 'list') => ({ __rl: true, mode, value });

function run(parameters: Record<string, unknown>) {
	const context = fakeExecuteFunctions({
		parameters: { resource: 'template', ...parameters },
		credentials: credentials(),
	});
	return { ...context, result: router.call(context.fns) };
}

describe('Template → Create', () => {
	it('sends name, language, category, type and components with every variable and its example', async () => {
		const { requests, result } = run({
			operation: 'create',
			elementName: 'order_ready',
			languageCode: 'es',
			category: 'UTILITY',
			templateType: 'TEXT',
			userId: rl('user-demo-1'),
			headerText: 'Pedido {{1}}',
			bodyText: 'Hola {{1}}, tu pedido {{2}} está listo. {{1}}, gracias.',
			footerText: 'Plazbot',
			variableExamples: {
				example: [
					{ placement: 'BODY', variable: '2', example: 'A-1001' },
					{ placement: 'BODY', variable: '1', example: 'Ana' },
					{ placement: 'HEADER', variable: '1', example: 'A-1001' },
				],
			},
		});
		const [output] = await result;
		expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
			[
				'POST',
				'/api/template',
				{
					workspaceId: WORKSPACE_ID,
					userId: 'user-demo-1',
					elementName: 'order_ready',
					languageCode: 'es',
					category: 'UTILITY',
					templateType: 'TEXT',
					components: [
						{
							type: 'HEADER',
							format: 'TEXT',
							text: 'Pedido {{1}}',
							buttons: [],
							variables: [{ variable: '1', example: 'A-1001' }],
						},
						{
							type: 'BODY',
							format: 'TEXT',
							text: 'Hola {{1}}, tu pedido {{2}} está listo. {{1}}, gracias.',
							buttons: [],
							variables: [
								{ variable: '1', example: 'Ana' },
								{ variable: '2', example: 'A-1001' },
							],
						},
						{ type: 'FOOTER', format: 'TEXT', text: 'Plazbot', buttons: [], variables: [] },
					],
				},
			],
		]);
		expect(output[0].json).toEqual({
			id: expect.any(String),
			elementName: 'order_ready',
			status: 'PENDING',
			submittedForApproval: true,
		});
	});

	it('gives a media template a header of its type and refuses a variable without an example', async () => {
		const media = run({
			operation: 'create',
			elementName: 'promo',
			languageCode: 'es',
			category: 'MARKETING',
			templateType: 'IMAGE',
			userId: rl('user-demo-1'),
			bodyText: 'Oferta',
		});
		await media.result;
		expect((media.requests[0].body as IDataObject).components).toEqual([
			{ type: 'HEADER', format: 'IMAGE', text: null, buttons: [], variables: [] },
			{ type: 'BODY', format: 'TEXT', text: 'Oferta', buttons: [], variables: [] },
		]);
		const missing = run({
			operation: 'create',
			elementName: 'promo',
			languageCode: 'es',
			userId: rl('user-demo-1'),
			bodyText: 'Hola {{1}}',
		});
		await expect(missing.result).rejects.toThrow(
			'Variable Examples has no example for the body variable {{1}} [item 0]',
		);
		expect(missing.requests).toHaveLength(0);
	});
});

describe('Template → Update, Get, Get Many', () => {
	it('puts only the changed fields on /api/template/{id}', async () => {
		const { requests, result } = run({
			operation: 'update',
			templateId: rl('tpl-welcome'),
			updateFields: { category: 'UTILITY', bodyText: 'Bienvenido' },
		});
		const [output] = await result;
		const changes = {
			category: 'UTILITY',
			components: [
				{ type: 'BODY', format: 'TEXT', text: 'Bienvenido', buttons: [], variables: [] },
			],
		};
		expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
			['PUT', '/api/template/tpl-welcome', { workspaceId: WORKSPACE_ID, ...changes }],
		]);
		expect(output[0].json).toMatchObject({ id: 'tpl-welcome', ...changes });
	});

	it('gets one template from the list, by ID or by name', async () => {
		const byId = run({ operation: 'get', templateId: rl('tpl-order') });
		const byName = run({ operation: 'get', templateId: rl('welcome', 'id') });
		const [[first], [second]] = [await byId.result, await byName.result].map((o) => o[0]);
		expect(byId.requests.map((r) => [r.method, r.url, r.qs])).toEqual([
			['GET', '/api/template', { workspaceId: WORKSPACE_ID }],
		]);
		expect([first.json.elementName, second.json.id]).toEqual(['order_confirmation', 'tpl-welcome']);
		const unknown = run({ operation: 'get', templateId: rl('nope') });
		await expect(unknown.result).rejects.toThrow(
			'Plazbot lists no template with the ID or name "nope" [item 0]',
		);
	});

	it('lists the templates, to the Limit', async () => {
		const { result } = run({ operation: 'getMany', returnAll: false, limit: 2 });
		const [output] = await result;
		expect(output.map((item) => item.json.elementName)).toEqual([
			'hello_world',
			'order_confirmation',
		]);
	});
});

describe('Template picker by ID (searchTemplateIds)', () => {
	it('lists the templates as the Send Conversation picker labels them, with the ID as value, filtered', async () => {
		const { fns, requests } = fakeExecuteFunctions({ parameters: {}, credentials: credentials() });
		const context = fns as unknown as ILoadOptionsFunctions;
		const all = await searchTemplateIds.call(context);
		expect(all.results.slice(0, 2)).toEqual([
			{ name: 'hello_world (en)', value: 'tpl-hello' },
			{ name: 'order_confirmation (es)', value: 'tpl-order' },
		]);
		const filtered = await searchTemplateIds.call(context, 'promo');
		expect(filtered.results).toEqual([
			{ name: 'promo_campaign (es · IMAGE: needs File URL)', value: 'tpl-promo' },
		]);
		expect(requests.map((r) => [r.method, r.url, r.qs])).toEqual([
			['GET', '/api/template', { workspaceId: WORKSPACE_ID }],
			['GET', '/api/template', { workspaceId: WORKSPACE_ID }],
		]);
	});
});

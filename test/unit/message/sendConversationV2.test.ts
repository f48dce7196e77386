import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { router } from '../../../nodes/Plazbot/actions/router';
import { getTemplateFields } from '../../../nodes/Plazbot/methods/templates';
import { fakeExecuteFunctions } from '../support/fakeExecuteFunctions';
import { startStandIn, WORKSPACE_ID } from '../support/standIn';

const { standIn, credentials } = startStandIn();

const template = (value: string, mode = 'list') => ({ __rl: true, mode, value });

function send(parameters: Record<string, unknown>, typeVersion = 2) {
	const context = fakeExecuteFunctions({
		parameters: {
			resource: 'message',
			operation: 'sendConversation',
			sendType: 'individual',
			destination: '+51 987 654 321',
			...parameters,
		},
		credentials: credentials(),
		typeVersion,
	});
	return { ...context, result: router.call(context.fns) };
}

function loadOptions(parameters: Record<string, unknown>) {
	const { fns, requests } = fakeExecuteFunctions({ parameters, credentials: credentials() });
	return { fns: fns as unknown as ILoadOptionsFunctions, requests };
}

describe('Send Conversation, version 2: the template picker and its variables', () => {
	it("lists the picked template's header and body variables with their examples, and nothing more for a text template", async () => {
		const { fns, requests } = loadOptions({ template: template('order_confirmation') });
		const result = await getTemplateFields.call(fns);
		expect(requests[0]).toMatchObject({
			method: 'GET',
			url: '/api/template',
			qs: { workspaceId: WORKSPACE_ID },
		});
		expect(result.fields.map((field) => [field.id, field.displayName, field.required])).toEqual([
			['header:1', 'Header {{1}} (e.g. A-1001)', true],
			['body:1', 'Body {{1}} (e.g. Ana)', true],
			['body:2', 'Body {{2}} (e.g. A-1001)', true],
		]);
	});

	it('adds File URL and File Name for a template with a document header', async () => {
		const { fns } = loadOptions({ template: template('appointment_reminder', 'name') });
		const result = await getTemplateFields.call(fns);
		expect(result.fields.map((field) => field.id)).toEqual([
			'body:1',
			'body:2',
			'file:fileUrl',
			'file:fileName',
		]);
		expect(result.fields[2].displayName).toBe('File URL (document)');
	});

	it('says what to do when the template is unknown or comes from an expression', async () => {
		expect(
			(await getTemplateFields.call(loadOptions({ template: template('nope', 'name') }).fns))
				.emptyFieldsNotice,
		).toBe(
			'Plazbot lists no template named "nope". Check the name, or fill Body Variables and Header Variables below.',
		);
		const fromExpression = loadOptions({ template: template('={{ $json.template }}', 'name') });
		expect((await getTemplateFields.call(fromExpression.fns)).fields).toEqual([]);
		expect(fromExpression.requests).toHaveLength(0);
	});

	it('says why when Plazbot does not list templates, so that By Name and the variable lists are used instead', async () => {
		standIn().setFaults({ script: { 1: '503', 2: '503' } });
		await expect(
			getTemplateFields.call(loadOptions({ template: template('order_confirmation') }).fns),
		).rejects.toMatchObject({
			message: expect.stringMatching(
				/^Could not load the template "order_confirmation": Plazbot error 503/,
			),
			description:
				'Fill the variables in Body Variables and Header Variables below instead; sending works without the list.',
		});
	});

	it('sends the mapped variables by name, in order, with the mapped File URL, and outputs destination and template', async () => {
		const { requests, result } = send({
			template: template('appointment_reminder'),
			templateFields: {
				mappingMode: 'defineBelow',
				value: {
					'body:2': '10:00',
					'body:1': '12/05',
					'file:fileUrl': 'https://example.com/a.pdf',
					'file:fileName': '',
				},
			},
			variablesBody: {},
		});
		const [output] = await result;
		expect(requests.map((r) => r.body)).toEqual([
			{
				workspaceId: WORKSPACE_ID,
				template: 'appointment_reminder',
				destination: '51987654321',
				variablesBody: [
					{ variable: '1', value: '12/05' },
					{ variable: '2', value: '10:00' },
				],
				type: '2',
				sendType: '2',
				file: { fileUrl: 'https://example.com/a.pdf' },
			},
		]);
		expect(output[0].json).toEqual({
			contactId: expect.any(String),
			destination: '51987654321',
			template: 'appointment_reminder',
		});
	});

	describe('honours the fields the picker marks required, before sending', () => {
		const schemaField = (id: string, required: boolean, removed = false) => ({
			id,
			displayName: id,
			required,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: 'string',
			...(removed ? { removed } : {}),
		});
		const documentSchema = [
			schemaField('body:1', true),
			schemaField('body:2', true),
			schemaField('file:fileUrl', true),
			schemaField('file:fileName', false),
		];

		it.each([
			[
				'an empty cell mapped to {{1}}',
				{ 'body:1': '', 'body:2': '10:00', 'file:fileUrl': 'https://example.com/a.pdf' },
				'Template Variables "Body {{1}}" is empty, but the template needs it [item 0]',
			],
			[
				'a variable left out of the value',
				{ 'body:2': '10:00', 'file:fileUrl': 'https://example.com/a.pdf' },
				'Template Variables "Body {{1}}" is empty, but the template needs it [item 0]',
			],
			[
				"a document template's File URL",
				{ 'body:1': '12/05', 'body:2': '10:00', 'file:fileUrl': '  ', 'file:fileName': 'a.pdf' },
				'Template Variables "File URL" is empty, but the template has a media header and needs it [item 0]',
			],
		])('refuses %s, naming the variable and the item', async (_case, value, message) => {
			const { requests, result } = send({
				template: template('appointment_reminder'),
				templateFields: { mappingMode: 'defineBelow', value, schema: documentSchema },
			});
			await expect(result).rejects.toThrow(message);
			expect(requests).toHaveLength(0);
		});

		it('takes the variables as required when the saved value has no schema', async () => {
			const { requests, result } = send({
				template: template('order_confirmation'),
				templateFields: { value: { 'body:1': null, 'body:2': 'A-7', 'header:1': 'A-7' } },
			});
			await expect(result).rejects.toThrow(
				'Template Variables "Body {{1}}" is empty, but the template needs it [item 0]',
			);
			expect(requests).toHaveLength(0);
		});

		it('sends when the empty field is given in Body Variables or Additional Fields, is optional, or was removed', async () => {
			const { requests, result } = send({
				template: template('appointment_reminder'),
				templateFields: {
					value: { 'body:1': '', 'body:2': '10:00', 'file:fileUrl': '', 'file:fileName': '' },
					schema: [...documentSchema.slice(0, 3), schemaField('file:fileName', false)],
				},
				variablesBody: { variable: [{ variable: '1', value: '12/05' }] },
				additionalFields: { fileUrl: 'https://example.com/b.pdf' },
			});
			await result;
			expect(requests[0].body).toMatchObject({
				variablesBody: [
					{ variable: '1', value: '12/05' },
					{ variable: '2', value: '10:00' },
				],
				file: { fileUrl: 'https://example.com/b.pdf' },
			});

			const removed = send({
				template: template('order_confirmation'),
				templateFields: {
					value: { 'body:1': 'Ana', 'body:2': 'A-7' },
					schema: [
						schemaField('header:1', true, true),
						schemaField('body:1', true),
						schemaField('body:2', true),
					],
				},
			});
			await removed.result;
			expect(removed.requests).toHaveLength(1);
		});

		it('with Continue On Fail, the row with the empty variable becomes an error item and the others are sent', async () => {
			const context = fakeExecuteFunctions({
				items: [{ date: '12/05' }, { date: '' }, { date: '13/05' }],
				parameters: (_itemIndex, item) => ({
					resource: 'message',
					operation: 'sendConversation',
					sendType: 'individual',
					destination: '+51 987 654 321',
					template: template('appointment_reminder'),
					templateFields: {
						mappingMode: 'defineBelow',
						value: {
							'body:1': item.date,
							'body:2': '10:00',
							'file:fileUrl': 'https://example.com/a.pdf',
						},
						schema: documentSchema,
					},
				}),
				credentials: credentials(),
				typeVersion: 2,
				continueOnFail: true,
			});
			const [output] = await router.call(context.fns);
			expect(output.map((item) => item.json.error)).toEqual([
				undefined,
				'Template Variables "Body {{1}}" is empty, but the template needs it [item 1]',
				undefined,
			]);
			expect(
				context.requests.map(
					(request) =>
						(request.body as { variablesBody: Array<{ value: string }> }).variablesBody[0].value,
				),
			).toEqual(['12/05', '13/05']);
		});
	});

	it('takes Body Variables and Header Variables as well, and refuses one variable given twice', async () => {
		const both = send({
			template: template('order_confirmation', 'name'),
			templateFields: { value: { 'header:1': 'A-7' } },
			variablesBody: {
				variable: [
					{ variable: '1', value: 'Ana' },
					{ variable: '2', value: 'A-7' },
				],
			},
		});
		await both.result;
		expect(both.requests[0].body).toMatchObject({
			variablesBody: [
				{ variable: '1', value: 'Ana' },
				{ variable: '2', value: 'A-7' },
			],
			variablesHeader: [{ variable: '1', value: 'A-7' }],
		});

		const twice = send({
			template: template('order_confirmation'),
			templateFields: { value: { 'body:1': 'Ana' } },
			variablesBody: { variable: [{ variable: '1', value: 'Luis' }] },
		});
		await expect(twice.result).rejects.toThrow(
			'Body variable "1" is set both in Template Variables and in Body Variables [item 0]',
		);
		expect(twice.requests).toHaveLength(0);
	});

	it('version 1 reads Template Name as text and ignores any Template Variables value', async () => {
		const { requests, result } = send(
			{
				template: 'welcome',
				templateFields: { value: { 'body:1': 'never sent' } },
				variablesBody: { variable: [{ variable: '1', value: 'Luis' }] },
			},
			1,
		);
		await result;
		expect(requests[0].body).toEqual({
			workspaceId: WORKSPACE_ID,
			template: 'welcome',
			destination: '51987654321',
			variablesBody: [{ variable: '1', value: 'Luis' }],
			type: '2',
			sendType: '2',
		});
	});
});

import { whatsappNumbersOf } from '../../../nodes/Plazbot/methods/whatsappNumbers';

describe('whatsappNumbersOf (the WhatsApp numbers in Get Workspace)', () => {
	it('reads the white-label reference shape: type "whatsapp", config.phoneNumber', () => {
		expect(
			whatsappNumbersOf({
				integrations: [
					{
						id: 'int-1',
						name: 'WhatsApp Cloud',
						type: 'whatsapp',
						enabled: true,
						config: { phoneNumber: '51987654321', provider: 'Meta' },
					},
				],
			}),
		).toEqual([{ name: 'WhatsApp Cloud (+51987654321)', value: '51987654321' }]);
	});

	it('skips other channels and entries without a usable number, lists each number once, in order', () => {
		expect(
			whatsappNumbersOf({
				integrations: [
					{ name: 'Messenger', type: 'facebook', config: { phoneNumber: '51911111111' } },
					{ name: 'Broken', type: 'whatsapp', config: { phoneNumber: 'n/a' } },
					{ name: 'Second', type: 'WhatsApp', number: '+34 600 000 001' },
					{ type: 'whatsapp', config: { phoneNumber: '51922222222' } },
					{ name: 'Again', type: 'whatsapp', config: { phoneNumber: '34600000001' } },
					'not an object',
					null,
				],
			}).map((entry) => entry.name),
		).toEqual(['Second (+34600000001)', 'WhatsApp (+51922222222)']);
	});

	it('reads the workspace inside a bare array, as the developer hub shows Get Workspace', () => {
		expect(
			whatsappNumbersOf([
				{
					id: 'ws',
					integrations: [
						{ name: 'Ventas', type: 'whatsapp', config: { phoneNumber: '51987654321' } },
					],
				},
			]),
		).toEqual([{ name: 'Ventas (+51987654321)', value: '51987654321' }]);
	});

	it.each([
		[undefined],
		[null],
		['text'],
		[{}],
		[{ integrations: 'none' }],
		[[{ type: 'whatsapp' }]],
	])('gives no numbers for %p', (workspace) => {
		expect(whatsappNumbersOf(workspace)).toEqual([]);
	});
});

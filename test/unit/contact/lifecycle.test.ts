import { contactNode, locator } from './contactTestKit';
import { startStandIn } from '../support/standIn';

const { standIn, credentials } = startStandIn();

it('a contact created through the node can be read back by ID, email and phone, updated and given an activity', async () => {
	const [created] = await contactNode(credentials(), 'create', {
		name: 'Ana',
		platformId: 2,
		internalWhatsappNumber: '+51 987 654 321',
		additionalFields: { email: 'ana@example.com' },
	}).run();
	const id = String(created.json.id);

	const [byId] = await contactNode(credentials(), 'get', { contactId: locator(id) }).run();
	const [byEmail] = await contactNode(credentials(), 'getByEmail', {
		email: 'ana@example.com',
	}).run();
	const [byPhone] = await contactNode(credentials(), 'getByPhone', { phone: '51987654321' }).run();
	expect([byId.json.id, byEmail.json.id, byPhone.json.id]).toEqual([id, id, id]);

	await contactNode(credentials(), 'update', {
		contactId: locator(id),
		updateFields: { lastname: 'Pérez' },
	}).run();
	await contactNode(credentials(), 'addActivity', {
		contactId: locator(id),
		content: 'Welcome call done',
	}).run();

	const [after] = await contactNode(credentials(), 'get', { contactId: locator(id) }).run();
	expect(after.json).toMatchObject({
		name: 'Ana',
		lastname: 'Pérez',
		email: 'ana@example.com',
		internalWhatsappNumber: '51987654321',
	});
	expect(standIn().state.contactActivities(id)).toHaveLength(1);
	expect(standIn().requests.map((r) => `${r.method} ${r.path}`)).toEqual([
		'POST /api/contact',
		`GET /api/contact/${id}`,
		'GET /api/contact/searchByEmail',
		'GET /api/contact/searchByCellphone',
		'PUT /api/contact',
		`POST /api/contact/${id}/activities`,
		`GET /api/contact/${id}`,
	]);
});

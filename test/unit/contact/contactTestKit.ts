/** What the contact tests share: running the node for the contact resource, and stand-in contacts. */
import type { IDataObject } from 'n8n-workflow';

import { router } from '../../../nodes/Plazbot/actions/router';
import { fakeExecuteFunctions, type FakeCredentials } from '../support/fakeExecuteFunctions';
import type { StandIn } from '../support/standIn';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildContact } = require('../../stand-in/routes/contact');

export type Parameters =
	| Record<string, unknown>
	| ((itemIndex: number, item: IDataObject) => Record<string, unknown>);

export function contactNode(
	credentials: FakeCredentials,
	operation: string,
	parameters: Parameters,
	options: { items?: IDataObject[]; continueOnFail?: boolean } = {},
) {
	const withResource =
		typeof parameters === 'function'
			? (i: number, item: IDataObject) => ({
					resource: 'contact',
					operation,
					...parameters(i, item),
				})
			: { resource: 'contact', operation, ...parameters };
	const context = fakeExecuteFunctions({ parameters: withResource, credentials, ...options });
	return { ...context, run: async () => (await router.call(context.fns))[0] };
}

/** Puts a contact straight into the stand-in's state, as if it had been created earlier. */
export function seedContact(standIn: StandIn, fields: IDataObject = {}): IDataObject {
	const contact = buildContact(standIn.state, standIn.settings.workspaceId, fields);
	standIn.state.contacts.set(contact.id, contact);
	return contact;
}

export const locator = (value: string, mode: 'list' | 'id' = 'list') => ({
	__rl: true,
	mode,
	value,
});

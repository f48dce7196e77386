/** A Send Conversation campaign of `count` customers, as the delivery tests run it through the router. */
import {
	fakeExecuteFunctions,
	type FakeContext,
	type FakeCredentials,
} from './fakeExecuteFunctions';

export const destinationOf = (index: number) => `519${String(index).padStart(8, '0')}`;

export function campaign(
	credentials: FakeCredentials,
	count: number,
	options: Record<string, unknown> = {},
	extra: { cancelSignal?: AbortSignal; continueOnFail?: boolean } = {},
): FakeContext {
	return fakeExecuteFunctions({
		items: Array.from({ length: count }, (_, index) => ({ phone: destinationOf(index) })),
		parameters: (_i, item) => ({
			resource: 'message',
			operation: 'sendConversation',
			template: 'promo_campaign',
			destination: item.phone,
			sendType: 'campaign',
			campaignName: 'Cyber Wow',
			options,
		}),
		credentials,
		...extra,
	});
}

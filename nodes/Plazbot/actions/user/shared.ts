import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { asRequiredText } from '../../helpers/parameters';
import { firstRecord, isRecord, type PlazbotEnvelope } from '../../helpers/records';
import { redactRecord } from '../../helpers/secrets';
import { DEFAULT_USER_COMPANY } from '../../transport/apiContract';

export function passwordField(
	name: string,
	displayName: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description,
	};
}

export const companyField: INodeProperties = {
	displayName: 'Company',
	name: 'company',
	type: 'string',
	required: true,
	default: DEFAULT_USER_COMPANY,
	description: `The platform the user account belongs to. Keep "${DEFAULT_USER_COMPANY}" unless Plazbot gave you a white-label company code.`,
};

export function asCompany(value: unknown): string {
	return asRequiredText(
		value,
		'Company',
		`Fill in Company: "${DEFAULT_USER_COMPANY}" unless Plazbot gave you another code.`,
	);
}

/**
 * The user record in an answer. Plazbot documents it in `data` as an object, as a one-element
 * list (Update Password), or as the whole answer without an envelope (Get by Email).
 */
export function userRecord(envelope: PlazbotEnvelope): IDataObject | undefined {
	const bare = !('data' in envelope) && ('id' in envelope || 'email' in envelope);
	const data = bare ? envelope : envelope.data;
	const record = firstRecord(data);
	return isRecord(record) ? record : undefined;
}

/**
 * A user record fit for output: no password, token or verification code, nor anything the user
 * typed as one.
 */
export function safeUser(record: IDataObject, typedSecrets: string[] = []): IDataObject {
	return redactRecord(record, { inText: typedSecrets, dropSecretKeys: true });
}

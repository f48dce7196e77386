import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidInput } from '../helpers/errors';
import { asRequiredText } from '../helpers/parameters';
import { UPLOAD_FILE_PART } from '../transport/apiContract';

/**
 * The field that names the input item's binary property to upload (`data` by default, as n8n's
 * nodes).
 */
export function binaryPropertyField(
	show: Record<string, string[]>,
	description = 'The name of the binary property of the input item that holds the file, e.g. "data" as the Read/Write Files from Disk node and the HTTP Request node write it',
): INodeProperties {
	return {
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data',
		hint: 'The name of the input binary field containing the file to be uploaded',
		description,
		displayOptions: { show },
	};
}

export interface UploadedFile {
	fileName: string;
	mimeType: string;
	fileSize: number;
}

/**
 * A multipart body with the item's file under the part `file` and the given text parts after it,
 * as a function the client calls once the request holds its slot (see PlazbotRequest.body). The
 * binary property is checked at once; its bytes come from n8n's binary helpers, which read them
 * from wherever n8n keeps binary data (memory, the filesystem, the database or S3 in queue mode),
 * never from a path of our own. `file.fileSize` is known once the body was built.
 */
export function multipartWithBinary(
	fns: IExecuteFunctions,
	itemIndex: number,
	fields: Record<string, string>,
): { body: () => Promise<FormData>; file: UploadedFile } {
	const propertyName = asRequiredText(
		fns.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
		'Input Binary Field',
	);
	const item = fns.getInputData()[itemIndex];
	if (!item?.binary?.[propertyName]) {
		const present = Object.keys(item?.binary ?? {});
		throw new InvalidInput(
			'Input Binary Field',
			`names the binary property "${propertyName}", which item ${itemIndex} does not have`,
			present.length
				? `This item's binary properties: ${present.join(', ')}. Put one of them in Input Binary Field.`
				: 'This item has no binary data. Read the file first, for example with the Read/Write Files from Disk node or the HTTP Request node (Response Format: File).',
		);
	}
	const binary = fns.helpers.assertBinaryData(itemIndex, propertyName);
	const fileName =
		binary.fileName?.trim() || `file${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
	const mimeType = binary.mimeType || 'application/octet-stream';
	const file: UploadedFile = { fileName, mimeType, fileSize: 0 };
	const body = async () => {
		const bytes = await fns.helpers.getBinaryDataBuffer(itemIndex, propertyName);
		file.fileSize = bytes.length;
		const form = new FormData();
		form.append(UPLOAD_FILE_PART, new Blob([bytes], { type: mimeType }), fileName);
		for (const [name, value] of Object.entries(fields)) form.append(name, value);
		return form;
	};
	return { body, file };
}

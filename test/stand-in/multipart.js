'use strict';
/**
 * multipart/form-data as RFC 7578 writes it, read strictly: Plazbot's upload endpoints (agent
 * add-file-direct, opportunity files) take the file this way. Anything malformed (no boundary, a
 * part without Content-Disposition or name, no closing delimiter, a field sent twice) is refused,
 * as a real server's parser refuses it.
 */

class MalformedMultipart extends Error {}

function boundaryOf(contentType) {
	const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
	const boundary = match?.[1] ?? match?.[2];
	if (!boundary || boundary.length > 70)
		throw new MalformedMultipart('no boundary in Content-Type');
	return boundary;
}

function parseHeaders(text) {
	const headers = {};
	for (const line of text.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon <= 0) throw new MalformedMultipart(`bad part header line "${line}"`);
		headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return headers;
}

function dispositionOf(value) {
	if (!/^form-data\s*;/i.test(value ?? ''))
		throw new MalformedMultipart('part without form-data Content-Disposition');
	const param = (key) => {
		const match = new RegExp(`;\\s*${key}="([^"]*)"`, 'i').exec(value);
		return match ? match[1] : undefined;
	};
	const name = param('name');
	if (!name) throw new MalformedMultipart('part without a name');
	return { name, fileName: param('filename') };
}

/** `{ fields: { name: text }, files: { name: { fileName, contentType, bytes } } }` from the raw body. */
function parseMultipart(raw, contentType) {
	const boundary = boundaryOf(contentType);
	const delimiter = Buffer.from(`--${boundary}`);
	const fields = {};
	const files = {};
	let position = raw.indexOf(delimiter);
	if (position === -1) throw new MalformedMultipart('the boundary never appears in the body');
	for (;;) {
		position += delimiter.length;
		const tail = raw.subarray(position, position + 2).toString('latin1');
		if (tail === '--') break;
		if (tail !== '\r\n') throw new MalformedMultipart('boundary not followed by CRLF');
		position += 2;
		const headerEnd = raw.indexOf('\r\n\r\n', position);
		if (headerEnd === -1) throw new MalformedMultipart('part headers never end');
		const headers = parseHeaders(raw.subarray(position, headerEnd).toString('utf8'));
		const next = raw.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
		if (next === -1) throw new MalformedMultipart('no closing boundary');
		const content = raw.subarray(headerEnd + 4, next);
		const { name, fileName } = dispositionOf(headers['content-disposition']);
		if (name in fields || name in files) throw new MalformedMultipart(`part "${name}" sent twice`);
		if (fileName !== undefined)
			files[name] = {
				fileName,
				contentType: headers['content-type'] ?? 'application/octet-stream',
				bytes: Buffer.from(content),
			};
		else fields[name] = content.toString('utf8');
		position = next + 2;
	}
	return { fields, files };
}

/** How a received file is recorded: its name, type, size and bytes (base64), for tests to compare. */
function describeFile(file) {
	return {
		fileName: file.fileName,
		contentType: file.contentType,
		size: file.bytes.length,
		base64: file.bytes.toString('base64'),
	};
}

module.exports = { parseMultipart, describeFile, MalformedMultipart };

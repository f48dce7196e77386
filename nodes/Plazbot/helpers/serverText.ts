/*
 * Server text (error bodies, HTML pages, Plazbot's `message`) is chosen by a possibly hostile
 * server: it is read from its first READ_LIMIT characters, once, with forward scans only.
 */
const READ_LIMIT = 64 * 1024;

/** The text on one line, at most `max` characters. */
export function snippet(text: string, max = 120): string {
	const flat = text
		.slice(0, Math.min(READ_LIMIT, max * 8))
		.replace(/\s+/g, ' ')
		.trim();
	return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

const ENTITIES: Record<string, string> = {
	nbsp: ' ',
	lt: '<',
	gt: '>',
	quot: '"',
	'#39': "'",
	apos: "'",
	amp: '&',
};

/** What a person would read on an HTML page (a proxy's error page), or undefined when not HTML. */
export function htmlPageText(text: string): string | undefined {
	const head = text.slice(0, READ_LIMIT);
	if (!/^\s*(<!doctype html|<html|<head|<body)/i.test(head.slice(0, 1024))) return undefined;
	const lower = head.toLowerCase();
	const readable =
		elementText(head, lower, 'title') ?? elementText(head, lower, 'h1') ?? withoutTags(head, lower);
	return snippet(
		readable.replace(/&(nbsp|lt|gt|quot|#39|apos|amp);/g, (_match, name: string) => ENTITIES[name]),
	);
}

/** The text of the first `<tag>…</tag>`. */
function elementText(text: string, lower: string, tag: string): string | undefined {
	const open = lower.indexOf(`<${tag}`);
	const start = open < 0 ? -1 : lower.indexOf('>', open);
	const end = start < 0 ? -1 : lower.indexOf(`</${tag}`, start);
	if (end < 0) return undefined;
	return withoutTags(text.slice(start + 1, end), lower.slice(start + 1, end));
}

/** The text between tags, without script and style contents, in one forward pass. */
function withoutTags(text: string, lower: string): string {
	let result = '';
	let position = 0;
	while (position < text.length) {
		const open = text.indexOf('<', position);
		if (open < 0) {
			result += text.slice(position);
			break;
		}
		result += `${text.slice(position, open)} `;
		let close = text.indexOf('>', open);
		if (close < 0) break;
		for (const hidden of ['script', 'style']) {
			if (lower.startsWith(hidden, open + 1)) {
				const end = lower.indexOf(`</${hidden}`, close);
				close = end < 0 ? text.length : Math.max(close, text.indexOf('>', end));
				if (close < 0) close = text.length;
			}
		}
		position = close + 1;
	}
	return result;
}

/**
 * Plazbot's `message` as readable text: usually a string, but a validation failure can carry an
 * object (`{ destination: ["required"] }`) or a list. Undefined when there is nothing to show.
 */
export function messageText(value: unknown, max = 500): string | undefined {
	const parts: string[] = [];
	let length = 0;
	const visit = (entry: unknown, label: string | undefined, depth: number): void => {
		if (length > max || entry === undefined || entry === null || entry === '') return;
		if (typeof entry === 'string' || typeof entry === 'number' || typeof entry === 'boolean') {
			const text = `${label ? `${label}: ` : ''}${snippet(String(entry), max)}`;
			parts.push(text);
			length += text.length + 2;
		} else if (depth < 3 && Array.isArray(entry)) {
			for (const item of entry.slice(0, 50)) visit(item, label, depth + 1);
		} else if (depth < 3 && typeof entry === 'object') {
			for (const [key, item] of Object.entries(entry as Record<string, unknown>).slice(0, 50)) {
				visit(item, label ? `${label}.${key}` : key, depth + 1);
			}
		}
	};
	visit(value, undefined, 0);
	if (!parts.length) return undefined;
	const joined = parts.join('; ');
	return joined.length > max ? `${joined.slice(0, max)}…` : joined;
}

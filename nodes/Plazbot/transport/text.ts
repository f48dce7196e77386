/**
 * Reading text that a server sent (error bodies, HTML pages) for an error message. Everything
 * here must stay linear in the length of the text: a hostile server chooses it.
 */

export function snippet(text: string, max = 120): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * What a person would read on an HTML page (a proxy's error page, a website's front page), or
 * undefined when the text is not HTML. Markup in an error message is noise.
 */
export function htmlPageText(text: string): string | undefined {
	if (!/^\s*(<!doctype html|<html|<head|<body)/i.test(text)) return undefined;
	const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1];
	const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(text)?.[1];
	const readable = (title ?? heading ?? text.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' '))
		.replace(/<[^>]*>/g, ' ')
		.replace(/&nbsp;/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&');
	return snippet(readable);
}

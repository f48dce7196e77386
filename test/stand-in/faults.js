'use strict';
/**
 * Faults a hostile server, a proxy or a slow network can produce, beyond the plain ones in
 * server.js. Scripted by request count or destination like the others (faults.script):
 *
 *   hugeHtml           502 with a 1 MB HTML page built to make backtracking parsers crawl
 *   redirect301/302/303/307/308   a redirect to the same URL on this host (a POST becomes a GET on 301-303)
 *   messageObject      400 whose `message` is an object of field errors, as validation layers send
 *   longRetryAfter     429 with Retry-After: faults.longRetryAfterSeconds (default 3600)
 *   502AfterAccept / 504AfterAccept   the request is processed, then a gateway answers 502 / 504
 *   trickle            the request is processed, then the answer is sent one byte every trickleIntervalMs
 *   bare               the request is processed, and answered with its data without the envelope
 *   204                the request is processed, and answered 204 No Content
 *   404envelope        404 with Plazbot's envelope (`success: false`), before processing: Plazbot's own "not found"
 *   404html            404 with a web server's page ("Cannot POST …"), before processing: no such route
 *   hang               the request is not processed and never answered (until the client gives up)
 *   503RetryAfter      503 with Retry-After: faults.retryAfterSeconds, before processing ("come back later")
 *   503AfterAccept     the request is processed, then answered a bare 503 (no Retry-After), as a balancer does
 *   resetAfterAccept   the request is processed, the answer's headers and half its body go out, then the connection is reset
 *   latin1Error        400 whose JSON body is ISO-8859-1 ("Número no válido"), charset in the Content-Type
 *   latin1ErrorNoCharset  the same body, Content-Type without a charset
 */
const { webServerNotFound } = require('./dialects');

/** Answers before the request is processed; true when it did. */
function faultBeforeProcessing(fault, req, res, url, faults) {
	if (fault === '404html') {
		webServerNotFound(res, req.method, url.pathname);
		return true;
	}
	if (fault === '404envelope') {
		const body = JSON.stringify({
			success: false,
			code: 404,
			errorCode: 'NOT_FOUND',
			message: 'Recurso no encontrado',
			data: null,
		});
		res.writeHead(404, {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Length': Buffer.byteLength(body),
		});
		res.end(body);
		return true;
	}
	if (fault === 'hugeHtml') {
		const bytes = faults.hugeHtmlBytes ?? 1024 * 1024;
		// Unclosed tags and titles: a pattern like /<[^>]*>/ or /<title>[\s\S]*?<\/title>/ rescans
		// the rest of the page from each of them.
		const unit = '<title <h1 <script <a <b x ';
		const page = `<!DOCTYPE html><html><head>${unit.repeat(Math.ceil(bytes / unit.length))}`.slice(
			0,
			bytes,
		);
		res.writeHead(502, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(page) });
		res.end(page);
		return true;
	}
	const redirect = /^redirect(30[12378])$/.exec(fault ?? '');
	if (redirect) {
		const separator = url.search ? '&' : '?';
		res.writeHead(Number(redirect[1]), {
			Location: `${url.pathname}${url.search}${separator}redirected=1`,
			'Content-Length': 0,
		});
		res.end();
		return true;
	}
	if (fault === 'hang') {
		// Nothing is written: the socket stays open until the client closes it.
		return true;
	}
	if (fault === 'messageObject') {
		const body = JSON.stringify({
			success: false,
			code: 400,
			errorCode: 'VALIDATION_ERROR',
			message: {
				destination: ['El campo destination es requerido'],
				template: ['El campo template es requerido'],
			},
			data: null,
		});
		res.writeHead(400, {
			'Content-Type': 'application/json',
			'Content-Length': Buffer.byteLength(body),
		});
		res.end(body);
		return true;
	}
	if (fault === '503RetryAfter') {
		const body = JSON.stringify({
			success: false,
			code: 503,
			errorCode: 'UNAVAILABLE',
			message: 'Servicio no disponible temporalmente',
			data: null,
		});
		res.writeHead(503, {
			'Content-Type': 'application/json',
			'Retry-After': String(faults.retryAfterSeconds ?? 1),
		});
		res.end(body);
		return true;
	}
	if (fault === 'latin1Error' || fault === 'latin1ErrorNoCharset') {
		const body = Buffer.from(
			JSON.stringify({
				success: false,
				code: 400,
				errorCode: 'INVALID_DESTINATION',
				message: 'Número no válido',
				data: null,
			}),
			'latin1',
		);
		res.writeHead(400, {
			'Content-Type':
				fault === 'latin1Error' ? 'application/json; charset=ISO-8859-1' : 'application/json',
			'Content-Length': body.length,
		});
		res.end(body);
		return true;
	}
	if (fault === 'longRetryAfter') {
		const body = JSON.stringify({
			success: false,
			code: 429,
			errorCode: 'RATE_LIMITED',
			message: 'Demasiadas solicitudes, intente más tarde',
			data: null,
		});
		res.writeHead(429, {
			'Content-Type': 'application/json',
			'Retry-After': String(faults.longRetryAfterSeconds ?? 3600),
		});
		res.end(body);
		return true;
	}
	return false;
}

/** Answers after the request was processed (so it took effect); true when it did. */
function faultAfterProcessing(fault, res, status, body, faults) {
	if (fault === '502AfterAccept' || fault === '504AfterAccept') {
		const page = `<html><head><title>${fault.slice(0, 3)} Gateway Error</title></head><body></body></html>`;
		res.writeHead(Number(fault.slice(0, 3)), { 'Content-Type': 'text/html' });
		res.end(page);
		return true;
	}
	if (fault === '503AfterAccept') {
		const text = JSON.stringify({
			success: false,
			code: 503,
			errorCode: 'UNAVAILABLE',
			message: 'Servicio no disponible temporalmente',
			data: null,
		});
		res.writeHead(503, { 'Content-Type': 'application/json' });
		res.end(text);
		return true;
	}
	if (fault === 'resetAfterAccept') {
		const text = Buffer.from(JSON.stringify(body));
		res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': text.length });
		res.write(
			text.subarray(0, Math.floor(text.length / 2)),
			() => res.socket?.resetAndDestroy?.() ?? res.destroy(),
		);
		return true;
	}
	if (fault === '204') {
		res.writeHead(204);
		res.end();
		return true;
	}
	if (fault === 'bare') {
		const text = JSON.stringify(body?.data ?? null);
		res.writeHead(status, {
			'Content-Type': 'application/json',
			'Content-Length': Buffer.byteLength(text),
		});
		res.end(text);
		return true;
	}
	if (fault === 'trickle') {
		const text = Buffer.from(JSON.stringify(body));
		const interval = faults.trickleIntervalMs ?? 100;
		res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': text.length });
		let sent = 0;
		const timer = setInterval(() => {
			if (res.destroyed || sent >= text.length) {
				clearInterval(timer);
				if (!res.destroyed) res.end();
				return;
			}
			res.write(text.subarray(sent, sent + 1));
			sent++;
			// The last byte completes the answer (Content-Length): it ends here, not a tick later.
			if (sent >= text.length) {
				clearInterval(timer);
				res.end();
			}
		}, interval);
		res.once('close', () => clearInterval(timer));
		return true;
	}
	return false;
}

module.exports = { faultBeforeProcessing, faultAfterProcessing };

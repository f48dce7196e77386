'use strict';
/**
 * A local stand-in for the Plazbot REST API: the documented contract (headers, required fields,
 * the { success, code, errorCode, message, data } envelope, error shapes), in-memory state, and
 * injectable latency and faults. Users point the credential's Base URL at it to try the node
 * without an account; the tests assert on the requests it records.
 *
 * Routes live in ./routes/<resource>.js, each exporting `register(router, helpers)`; routes/webhook.js
 * also gets `control`, which adds a route under /__standin/ (it plays incoming WhatsApp messages).
 * `helpers.dialect` is the published version of the API this stand-in speaks (./dialects.js): a
 * route reads its differences from there, and a path the dialect lacks answers a web server's 404.
 */
const crypto = require('node:crypto');
const http = require('node:http');
const { URL } = require('node:url');

const { createState } = require('./state');
const { HttpFailure, envelope, failure } = require('./contract');
const { faultAfterProcessing, faultBeforeProcessing } = require('./faults');
const { describeFile, parseMultipart } = require('./multipart');
const { dialectNamed, webServerNotFound } = require('./dialects');

/** Route files added for the AI agents, templates and the newer endpoints (issue 14). */
const EXTRA_ROUTES = [
	'agent',
	'template',
	'messageHistory',
	'contactBatch',
	'opportunityUpdate',
	'workspaceUsers',
	'agentLifecycle',
	'agentFiles',
	'opportunityFiles',
];

const DEFAULTS = {
	workspaceId: 'ws-demo',
	apiKey: 'demo-key',
	latencyMs: 0,
	/** How long a session token from POST /api/user/login is accepted (--token-ttl seconds in the CLI). */
	tokenTtlMs: 60 * 60 * 1000,
	/** Which published version of Plazbot's API to speak: hub, sdk or docs (see ./dialects.js). */
	dialect: 'hub',
};

/** Faults are drawn from a seeded generator so that a test run is repeatable. */
function seededRandom(seed) {
	let value = seed >>> 0 || 1;
	return () => {
		value ^= value << 13;
		value ^= value >>> 17;
		value ^= value << 5;
		return ((value >>> 0) % 1_000_000) / 1_000_000;
	};
}

const NO_FAULTS = {
	latencyMs: 0,
	/** Share of API requests answered 429 with Retry-After. */
	rate429: 0,
	retryAfterSeconds: 1,
	/** Send Retry-After as an HTTP date instead of seconds. */
	retryAfterAsDate: false,
	/** Share answered with `status5xx`. */
	rate5xx: 0,
	status5xx: 503,
	/** With it, the injected 5xx answers carry Retry-After: this many seconds ("not processed, come back"). */
	status5xxRetryAfterSeconds: undefined,
	/** Share whose connection is dropped without an answer; `dropAfterProcessing` drops after the work was done. */
	rateDrop: 0,
	dropAfterProcessing: false,
	/**
	 * Requests (by count from the start) that get a fixed fault: { "<n>": "429" | "503" | "drop" |
	 * "html" | "empty" | "redirectSameHost" | "redirectOtherHost" | any fault of ./faults.js }.
	 */
	script: {},
	/** Every request for one Send Conversation destination gets a fixed fault: { "<digits>": "429" | ... }. */
	byDestination: {},
	/**
	 * Requests to one route get faults: { "DELETE /api/...": "504" } for every request, or a list
	 * (["504AfterAccept", "504"]) taken one per request, in order, until it is used up.
	 */
	byRoute: {},
	seed: 42,
	/**
	 * List Conversations answers in a shape the docs leave open (routes/message.js): "destinationOnlyInPhone"
	 * (requestBody without destination), "listUnderItems" (data.items instead of data.data),
	 * "statusOk" / "statusEnviado" (responseStatus "OK" / "Enviado"), "statusUnknown" ("PENDIENTE"),
	 * "noCampaignName" (records without the field). null: as documented.
	 */
	conversationShape: null,
	/** A sign-in revokes every older session token (one session per user). */
	revokeOlderSessions: false,
	/**
	 * Plazbot's limit across all callers: at most this many API requests per second (a bucket that
	 * holds one second's worth and refills continuously); beyond it, 429 with Retry-After. 0: none.
	 */
	rateLimitPerSecond: 0,
};

function sendJson(res, status, body, headers = {}) {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

function createRouter() {
	const routes = [];
	const add = (method, pattern, handler, options = {}) => {
		const keys = [];
		const regex = new RegExp(
			'^' +
				pattern.replace(/:[a-zA-Z]+/g, (key) => {
					keys.push(key.slice(1));
					return '([^/]+)';
				}) +
				'$',
		);
		routes.push({ method, regex, keys, handler, options });
		// The route's options, which a route module may add to after registering it.
		return options;
	};
	const match = (method, path) => {
		for (const route of routes) {
			if (route.method !== method) continue;
			const found = route.regex.exec(path);
			if (found) {
				const params = {};
				route.keys.forEach((key, index) => (params[key] = decodeURIComponent(found[index + 1])));
				return { route, params };
			}
		}
		return undefined;
	};
	return {
		get: (p, h, o) => add('GET', p, h, o),
		post: (p, h, o) => add('POST', p, h, o),
		put: (p, h, o) => add('PUT', p, h, o),
		delete: (p, h, o) => add('DELETE', p, h, o),
		match,
	};
}

function createStandIn(config = {}) {
	const settings = { ...DEFAULTS, ...config };
	const dialect = dialectNamed(settings.dialect);
	const state = createState();
	const router = createRouter();
	let faults = { ...NO_FAULTS, latencyMs: settings.latencyMs, ...(config.faults ?? {}) };
	let random = seededRandom(faults.seed);
	let apiRequestCount = 0;
	/** Every API request as received: { method, path, query, headers, body, at }. */
	let requests = [];
	/** Per destination: when the last 429 said the client may retry. */
	const notBefore = new Map();
	let earlyRetries = 0;
	/** Requests the rate limit still lets through now, and when that was counted. */
	let bucket = { tokens: 0, at: 0 };
	/** API requests being handled right now, and the most there were at once since the last reset. */
	let inFlight = 0;
	let maxInFlight = 0;

	/** Session tokens issued by the login route: token → when it expires. */
	const sessions = new Map();
	let sessionsIssued = 0;
	function issueSessionToken() {
		sessionsIssued++;
		// One session per user, as Plazbot may keep: a new sign-in revokes the older tokens.
		if (faults.revokeOlderSessions) sessions.clear();
		const token = `tok-${crypto.randomBytes(16).toString('hex')}`;
		sessions.set(token, Date.now() + settings.tokenTtlMs);
		return token;
	}

	// `faults()`: the faults now set, for routes whose answers have odd shapes to choose from.
	const helpers = {
		envelope,
		failure,
		HttpFailure,
		state,
		settings,
		dialect,
		issueSessionToken,
		faults: () => faults,
	};
	for (const resource of [
		'message',
		'workspace',
		'contact',
		'opportunity',
		'task',
		'user',
		'automation',
		...EXTRA_ROUTES,
	]) {
		let module;
		try {
			module = require(`./routes/${resource}`);
		} catch (error) {
			if (error.code === 'MODULE_NOT_FOUND' && String(error.message).includes(`routes/${resource}`))
				continue;
			throw error;
		}
		module.register(router, helpers);
	}
	/** Routes under /__standin/ that a route module adds: `control(method, pattern, handler)`. */
	const controls = createRouter();
	const control = (method, pattern, handler) => controls[method.toLowerCase()](pattern, handler);
	// WhatsApp number webhooks, and the control route that plays an incoming message.
	require('./routes/webhook').register(router, { ...helpers, control });

	function controlRoute(req, res, url, body) {
		if (url.pathname === '/__standin/requests' && req.method === 'GET')
			return sendJson(res, 200, requests);
		if (url.pathname === '/__standin/stats' && req.method === 'GET') {
			return sendJson(res, 200, {
				deliveries: Object.fromEntries(state.deliveries),
				earlyRetries,
				apiRequestCount,
				maxInFlight,
			});
		}
		if (url.pathname === '/__standin/reset' && req.method === 'POST') {
			reset();
			return sendJson(res, 200, { ok: true });
		}
		if (url.pathname === '/__standin/faults' && req.method === 'POST') {
			setFaults(body ?? {});
			return sendJson(res, 200, faults);
		}
		const found = controls.match(req.method, url.pathname);
		if (found) {
			return Promise.resolve(found.route.handler({ params: found.params, body: body ?? {} })).then(
				(result) => sendJson(res, result.status ?? 200, result.body),
				(error) => sendJson(res, error.status ?? 500, { error: error.message }),
			);
		}
		return sendJson(res, 404, { error: 'unknown control route' });
	}

	function reset() {
		requests = [];
		apiRequestCount = 0;
		earlyRetries = 0;
		maxInFlight = inFlight;
		notBefore.clear();
		state.reset();
		setFaults({});
	}

	function setFaults(next) {
		faults = { ...NO_FAULTS, latencyMs: settings.latencyMs, ...next };
		// Lists are used up as requests arrive: the caller's own lists stay as given.
		faults.byRoute = Object.fromEntries(
			Object.entries(faults.byRoute ?? {}).map(([route, fault]) => [
				route,
				Array.isArray(fault) ? [...fault] : fault,
			]),
		);
		random = seededRandom(faults.seed);
		bucket = { tokens: faults.rateLimitPerSecond, at: Date.now() };
	}

	/** Whether a request arriving at `at` is within `rateLimitPerSecond` (always, without one). */
	function withinRateLimit(at) {
		const limit = faults.rateLimitPerSecond;
		if (!(limit > 0)) return true;
		bucket.tokens = Math.min(limit, bucket.tokens + ((at - bucket.at) / 1000) * limit);
		bucket.at = Math.max(bucket.at, at);
		if (bucket.tokens < 1) return false;
		bucket.tokens -= 1;
		return true;
	}

	/** Decides the fault for this request, if any: '429', '5xx', 'drop', 'html', 'empty' or undefined. */
	function drawFault(count, destination, route) {
		const byRoute = faults.byRoute?.[route];
		const scripted =
			faults.script?.[String(count)] ??
			(destination && faults.byDestination?.[destination]) ??
			(Array.isArray(byRoute) ? byRoute.shift() : byRoute);
		if (scripted) return scripted;
		const roll = random();
		if (roll < faults.rate429) return '429';
		if (roll < faults.rate429 + faults.rate5xx) return '5xx';
		if (roll < faults.rate429 + faults.rate5xx + faults.rateDrop) return 'drop';
		return undefined;
	}

	/** `workspaceHeaderOnly`: a route Plazbot answers with x-workspace-id alone, whatever the token. */
	function authenticate(req, { workspaceHeaderOnly = false } = {}) {
		const workspace = req.headers['x-workspace-id'];
		if (!workspace)
			throw new HttpFailure(401, 'El header x-workspace-id es requerido', 'MISSING_WORKSPACE');
		if (settings.apiKey && !workspaceHeaderOnly) {
			const auth = req.headers.authorization ?? '';
			// The API key, or a session token from the login route that has not expired yet.
			const session = sessions.get(auth.replace(/^Bearer /, ''));
			const signedIn = auth.startsWith('Bearer ') && session !== undefined && session > Date.now();
			if (auth !== `Bearer ${settings.apiKey}` && !signedIn)
				throw new HttpFailure(401, 'Token inválido o expirado', 'INVALID_TOKEN');
		}
		if (workspace !== settings.workspaceId)
			throw new HttpFailure(403, 'No tiene acceso a este workspace', 'WORKSPACE_FORBIDDEN');
	}

	async function handle(req, res, arrivedAt) {
		const url = new URL(req.url, 'http://stand-in');
		const raw = await readBody(req);
		let body;
		/** The uploaded files of a multipart/form-data request, by part name. */
		let files;
		if (/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) {
			try {
				({ fields: body, files } = parseMultipart(raw, req.headers['content-type']));
			} catch (error) {
				return sendJson(
					res,
					400,
					failure(400, `El cuerpo multipart no es válido: ${error.message}`, 'INVALID_MULTIPART'),
				);
			}
		} else if (raw.length) {
			try {
				body = JSON.parse(raw.toString('utf8'));
			} catch {
				if (url.pathname.startsWith('/__standin/'))
					return sendJson(res, 400, { error: 'invalid JSON' });
				return sendJson(
					res,
					400,
					failure(400, 'El cuerpo de la solicitud no es un JSON válido', 'INVALID_JSON'),
				);
			}
		}
		if (url.pathname.startsWith('/__standin/')) return controlRoute(req, res, url, body);

		const count = ++apiRequestCount;
		inFlight++;
		maxInFlight = Math.max(maxInFlight, inFlight);
		const record = {
			method: req.method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: { ...req.headers },
			body: files
				? {
						...body,
						...Object.fromEntries(
							Object.entries(files).map(([name, file]) => [name, describeFile(file)]),
						),
					}
				: (body ?? null),
			// When the request line arrived, before its body was read: the arrival time that pacing is judged by.
			at: arrivedAt,
		};
		requests.push(record);
		// 'close' fires once the answer is sent or the socket is dropped.
		res.once('close', () => {
			inFlight--;
			record.answeredAt = Date.now();
		});
		// Only when an answer was really sent, not when the client gave up on it.
		res.once('finish', () => {
			record.respondedAt = Date.now();
			record.status = res.statusCode;
		});

		const overLimit = !withinRateLimit(record.at);
		const destination = typeof body?.destination === 'string' ? body.destination : undefined;
		if (destination && notBefore.has(destination) && record.at < notBefore.get(destination))
			earlyRetries++;

		if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));

		// The request a redirect fault sent the client to is answered normally.
		const fault = overLimit
			? '429'
			: url.searchParams.has('redirected')
				? undefined
				: drawFault(count, destination, `${req.method} ${url.pathname}`);
		record.fault = fault ?? null;
		if (fault === '429') {
			const waitMs = faults.retryAfterSeconds * 1000;
			if (destination) notBefore.set(destination, Date.now() + waitMs);
			const retryAfter = faults.retryAfterAsDate
				? new Date(Math.ceil((Date.now() + waitMs) / 1000) * 1000 + 1000).toUTCString()
				: String(faults.retryAfterSeconds);
			return sendJson(
				res,
				429,
				failure(429, 'Demasiadas solicitudes, intente más tarde', 'RATE_LIMITED'),
				{ 'Retry-After': retryAfter },
			);
		}
		if (
			fault === '5xx' ||
			fault === '503' ||
			fault === '502' ||
			fault === '504' ||
			fault === '500'
		) {
			const status = fault === '5xx' ? faults.status5xx : Number(fault);
			return sendJson(
				res,
				status,
				failure(status, 'Servicio no disponible temporalmente', 'UNAVAILABLE'),
				fault === '5xx' && faults.status5xxRetryAfterSeconds !== undefined
					? { 'Retry-After': String(faults.status5xxRetryAfterSeconds) }
					: {},
			);
		}
		if (fault === 'html') {
			res.writeHead(502, { 'Content-Type': 'text/html' });
			return res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
		}
		if (fault === 'html200') {
			res.writeHead(200, { 'Content-Type': 'text/html' });
			return res.end('<html><body>Welcome to nginx!</body></html>');
		}
		if (fault === 'empty') {
			res.writeHead(200, { 'Content-Length': 0 });
			return res.end();
		}
		if (fault === 'redirectOtherHost' || fault === 'redirectSameHost') {
			// 307 keeps the method and body. "Other host" is this same server under its other loopback
			// name: a different origin, so whatever the client sends there shows where credentials go.
			const here = req.headers.host ?? '';
			const [hostname, port] = [here.replace(/:\d+$/, ''), here.split(':').pop()];
			const target =
				fault === 'redirectSameHost'
					? hostname
					: hostname === 'localhost'
						? '127.0.0.1'
						: 'localhost';
			res.writeHead(307, {
				Location: `http://${target}:${port}${url.pathname}${url.search ? `${url.search}&` : '?'}redirected=1`,
				'Content-Length': 0,
			});
			return res.end();
		}
		if (fault === 'drop' && !faults.dropAfterProcessing) return req.socket.destroy();
		if (faultBeforeProcessing(fault, req, res, url, faults)) return;

		try {
			const found = router.match(req.method, url.pathname);
			// Signing in needs no token (the login route is public, as in Plazbot).
			if (!found?.route.options.public) authenticate(req, found?.route.options);
			// A path (or method) this dialect has no route for: the web server's own 404, not Plazbot's.
			if (!found) return webServerNotFound(res, req.method, url.pathname);
			const result = await found.route.handler({
				params: found.params,
				query: record.query,
				body: body ?? {},
				files: files ?? {},
				headers: req.headers,
				workspaceId: req.headers['x-workspace-id'],
			});
			if (fault === 'drop') return req.socket.destroy();
			if (faultAfterProcessing(fault, res, result.status ?? 200, result.body ?? result, faults))
				return;
			return sendJson(res, result.status ?? 200, result.body ?? result);
		} catch (error) {
			if (error instanceof HttpFailure)
				return sendJson(res, error.status, failure(error.status, error.message, error.errorCode));
			return sendJson(res, 500, failure(500, 'Error interno del servidor', 'INTERNAL'));
		}
	}

	const server = http.createServer((req, res) => {
		handle(req, res, Date.now()).catch(() => {
			if (!res.headersSent)
				sendJson(res, 500, failure(500, 'Error interno del servidor', 'INTERNAL'));
		});
	});
	server.keepAliveTimeout = 65_000;

	return {
		settings,
		dialect,
		state,
		get requests() {
			return requests;
		},
		/** API requests to one path, in arrival order. */
		requestsTo(path) {
			return requests.filter((r) => r.path === path);
		},
		/** How many session tokens the login route has issued since the start. */
		get sessionsIssued() {
			return sessionsIssued;
		},
		get earlyRetries() {
			return earlyRetries;
		},
		/** The most API requests that were being handled at the same time since the last reset. */
		get maxInFlight() {
			return maxInFlight;
		},
		setFaults,
		reset,
		async start(port = 0, host = '127.0.0.1') {
			await new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, host, resolve);
			});
			const address = server.address();
			this.url = `http://${host}:${address.port}`;
			this.port = address.port;
			return this.url;
		},
		async stop() {
			server.closeAllConnections?.();
			await new Promise((resolve) => server.close(() => resolve()));
		},
	};
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		// Bytes, not text: a multipart body carries files.
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

module.exports = { createStandIn, HttpFailure, envelope, failure, DEFAULTS };

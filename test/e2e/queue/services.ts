/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code, never shipped: n8n's rules for what a node may use apply to nodes/ and credentials/ (see DEVELOPERS.md, Lint) */
/**
 * PostgreSQL and Redis for n8n's queue mode, started by the test itself from the Debian packages
 * (`apt-get install redis-server postgresql`): each on a free loopback port, its data in a temp
 * folder, nothing left behind. SQLite is no option here: under parallel executions it answers
 * SQLITE_BUSY and messages go unsent.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

import { freePort } from '../n8n';

export interface Service {
	port: number;
	stop(): Promise<void>;
}

function missing(what: string): Error {
	return new Error(
		`${what} is not installed: the queue-mode test needs it (Debian: apt-get install -y redis-server postgresql)`,
	);
}

/** Debian keeps PostgreSQL's server programs in /usr/lib/postgresql/<major>/bin, off the PATH. */
function postgresBin(program: string): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
	for (const version of versions) {
		const path = join(root, version, 'bin', program);
		if (existsSync(path)) return path;
	}
	try {
		return execFileSync('which', [program], { encoding: 'utf8' }).trim();
	} catch {
		throw missing(`PostgreSQL (${program})`);
	}
}

/**
 * initdb and postgres refuse to run as root (CI runs as root): there they run as the `postgres`
 * user the Debian package creates, in a folder handed to it.
 */
function asDatabaseUser(command: string, args: string[]): [string, string[]] {
	return userInfo().uid === 0
		? ['runuser', ['-u', 'postgres', '--', command, ...args]]
		: [command, args];
}

function run(command: string, args: string[]): void {
	const [file, argv] = asDatabaseUser(command, args);
	execFileSync(file, argv, { stdio: 'pipe' });
}

/** A fresh PostgreSQL cluster; user `n8n` (trust on loopback), database `n8n`. */
export async function startPostgres(): Promise<Service & { user: string; database: string }> {
	const initdb = postgresBin('initdb');
	const pgCtl = postgresBin('pg_ctl');
	const dir = mkdtempSync(join(tmpdir(), 'plazbot-pg-'));
	if (userInfo().uid === 0) {
		chownSync(
			dir,
			Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
			Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
		);
	}
	chmodSync(dir, 0o700);
	const data = join(dir, 'data');
	const port = await freePort();
	run(initdb, ['-D', data, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--no-locale']);
	// fsync off: a test database that dies with the test needs no durability, and the disk is shared.
	const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200`;
	run(pgCtl, [
		'-D',
		data,
		'-l',
		join(dir, 'server.log'),
		'-w',
		'-t',
		'120',
		'-o',
		options,
		'start',
	]);
	run(postgresBin('createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n']);
	return {
		port,
		user: 'n8n',
		database: 'n8n',
		async stop() {
			try {
				run(pgCtl, ['-D', data, '-m', 'immediate', 'stop']);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		},
	};
}

/** A Redis that keeps nothing on disk. */
export async function startRedis(): Promise<Service> {
	const dir = mkdtempSync(join(tmpdir(), 'plazbot-redis-'));
	const port = await freePort();
	let child: ChildProcess;
	try {
		child = spawn(
			'redis-server',
			[
				'--port',
				String(port),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--dir',
				dir,
			],
			{
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
	} catch {
		throw missing('Redis (redis-server)');
	}
	let output = '';
	child.stdout?.on('data', (chunk) => (output += chunk));
	const spawnError = new Promise<never>((_, reject) =>
		child.once('error', () => reject(missing('Redis (redis-server)'))),
	);
	const ready = (async () => {
		for (let waited = 0; !output.includes('Ready to accept connections'); waited += 100) {
			if (child.exitCode !== null || waited > 30_000)
				throw new Error(`redis-server did not start:\n${output}`);
			await new Promise((resolveWait) => setTimeout(resolveWait, 100));
		}
	})();
	await Promise.race([ready, spawnError]);
	return {
		port,
		async stop() {
			if (child.exitCode === null) {
				await new Promise<void>((done) => {
					child.once('exit', () => done());
					child.kill('SIGKILL');
				});
			}
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** The environment that puts every n8n process of an instance in queue mode on these services. */
export function queueModeEnv(
	postgres: Awaited<ReturnType<typeof startPostgres>>,
	redis: Service,
): NodeJS.ProcessEnv {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: 'unused-trust-auth',
		// A killed worker's jobs are declared stalled (and their executions failed) after about 15 s,
		// not n8n's default minute and a half; a live worker renews its lock every 3 s.
		QUEUE_WORKER_LOCK_DURATION: '15000',
		QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
		QUEUE_WORKER_STALLED_INTERVAL: '5000',
	};
}

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

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { cachedOnce } = require('../runtime') as {
	cachedOnce: (target: string, make: (folder: string) => Promise<string>) => Promise<string>;
};

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

/** The major version of the PostgreSQL `postgresBin` runs: a cluster's files are only its own. */
function postgresMajor(): string {
	const version = execFileSync(postgresBin('postgres'), ['--version'], { encoding: 'utf8' });
	const major = /(\d+)(\.\d+)?/.exec(version)?.[1];
	if (!major) throw new Error(`Cannot read PostgreSQL's version from "${version.trim()}"`);
	return major;
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

export interface Postgres extends Service {
	user: string;
	database: string;
	/** The cluster's folder: its data/ and the server's log. */
	dir: string;
}

/** A folder the database user owns (the postgres user, when run as root), for one cluster. */
function clusterFolder(): string {
	const dir = mkdtempSync(join(tmpdir(), 'plazbot-pg-'));
	if (userInfo().uid === 0) {
		chownSync(
			dir,
			Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
			Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
		);
	}
	chmodSync(dir, 0o700);
	return dir;
}

/** Runs PostgreSQL on the cluster in `dir`/data, on a free loopback port. */
async function serveCluster(dir: string): Promise<Postgres> {
	const pgCtl = postgresBin('pg_ctl');
	const data = join(dir, 'data');
	const port = await freePort();
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
	return {
		port,
		user: 'n8n',
		database: 'n8n',
		dir,
		async stop() {
			try {
				if (existsSync(join(data, 'postmaster.pid')))
					run(pgCtl, ['-D', data, '-m', 'immediate', 'stop']);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		},
	};
}

/** A fresh PostgreSQL cluster; user `n8n` (trust on loopback), database `n8n`, empty. */
export async function startPostgres(): Promise<Postgres> {
	const dir = clusterFolder();
	// No sync: the cluster lives as long as the test, and fsync is off once it runs.
	run(postgresBin('initdb'), [
		'-D',
		join(dir, 'data'),
		'-U',
		'n8n',
		'--auth=trust',
		'-E',
		'UTF8',
		'--no-locale',
		'--no-sync',
	]);
	const postgres = await serveCluster(dir);
	run(postgresBin('createdb'), [
		'-h',
		'127.0.0.1',
		'-p',
		String(postgres.port),
		'-U',
		'n8n',
		'n8n',
	]);
	return postgres;
}

/**
 * A PostgreSQL cluster whose database `n8n` this runtime's n8n has migrated already: a copy of a
 * cluster kept beside the runtime (one per PostgreSQL major version), made once by `migrate`
 * (which runs any n8n command on the fresh database: the first one migrates it) and then shut
 * down cleanly. Each stand gets its own copy, so no test sees another's data; n8n starts on it
 * as on a database it migrated before, in seconds instead of the half minute its hundreds of
 * migrations take on an empty one.
 */
export async function startMigratedPostgres(
	cacheDir: string,
	migrate: (postgres: Postgres) => Promise<void>,
): Promise<Postgres> {
	const template = await cachedOnce(
		join(cacheDir, `postgres-${postgresMajor()}-migrated`),
		async (building) => {
			const postgres = await startPostgres();
			const data = join(postgres.dir, 'data');
			try {
				await migrate(postgres);
				run(postgresBin('pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
				execFileSync('cp', ['-a', data, join(building, 'data')]);
				return join(building, 'data');
			} finally {
				await postgres.stop();
			}
		},
	);
	const dir = clusterFolder();
	execFileSync('cp', ['-a', template, join(dir, 'data')]);
	return await serveCluster(dir);
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

/** The environment that points an n8n process at this PostgreSQL database. */
export function databaseEnv(postgres: Postgres): NodeJS.ProcessEnv {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: 'unused-trust-auth',
	};
}

/** The environment that puts every n8n process of an instance in queue mode on these services. */
export function queueModeEnv(postgres: Postgres, redis: Service): NodeJS.ProcessEnv {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		...databaseEnv(postgres),
		// A killed worker's jobs are declared stalled (and their executions failed) after about 15 s,
		// not n8n's default minute and a half; a live worker renews its lock every 3 s.
		QUEUE_WORKER_LOCK_DURATION: '15000',
		QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
		QUEUE_WORKER_STALLED_INTERVAL: '5000',
	};
}

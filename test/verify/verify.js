#!/usr/bin/env node
'use strict';
/**
 * `npm run verify`: checks the tarball that `npm publish` would upload, the way n8n's verification
 * does. n8n scans the published package, not the repository, so this packs the built package,
 * unpacks it and checks what is inside:
 *
 * - package.json: no runtime dependencies, `n8n-workflow` the only peer dependency, every file the
 *   `n8n` field names present, both icons (light and dark) and the codex beside each node;
 * - the shipped JavaScript: no `process`, timers, `fs`, `child_process`, `eval`, `new Function`,
 *   `globalThis`/`global`, environment access or `console`, found by ESLint's core rules
 *   (no-restricted-globals / no-restricted-imports / no-restricted-syntax) run the way n8n's scanner
 *   runs ESLint: programmatically, ignoring any config file and any inline `eslint-disable`;
 * - the same ESLint pass that n8n's scanner (@n8n/scan-community-package) makes over the tarball
 *   and over the sources, with the community-node rules from @n8n/node-cli.
 *
 * Every run first proves on planted violations that each check fires (so a check that broke
 * cannot pass silently). `node test/verify/verify.js --self-check` runs only that proof.
 * Exits 1 with a list of every problem.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ESLint } = require('eslint');

const ROOT = path.resolve(__dirname, '..', '..');

/** Globals a community node may not touch (n8n Cloud runs nodes without them). */
const RESTRICTED_GLOBALS = [
	['process', 'reads the n8n host process (environment, exit, argv)'],
	['global', 'reaches the host global object'],
	['globalThis', 'reaches the host global object'],
	['setTimeout', "use 'sleep' from n8n-workflow"],
	['setInterval', 'timers outlive the execution'],
	['setImmediate', 'timers outlive the execution'],
	['clearTimeout', 'timers are not allowed'],
	['clearInterval', 'timers are not allowed'],
	['clearImmediate', 'timers are not allowed'],
	['queueMicrotask', 'schedules work outside the execution'],
	['eval', 'runs arbitrary code'],
	['__dirname', 'reads the host file system layout'],
	['__filename', 'reads the host file system layout'],
].map(([name, why]) => ({
	name,
	message: `'${name}' is not allowed in a community node: ${why}.`,
}));

/**
 * What shipped code may load: its own files and n8n-workflow (the only peer dependency; the
 * package has no dependencies, so nothing else exists at runtime). esquery regexes cannot contain
 * a literal slash, hence \x2F.
 */
const ALLOWED_MODULE = '^(\\.\\.?\\x2F|n8n-workflow(\\x2F|$))';

const RESTRICTED_SYNTAX = [
	{
		selector: `CallExpression[callee.name='require'][arguments.0.type='Literal']:not([arguments.0.value=/${ALLOWED_MODULE}/])`,
		message:
			'require() of a module other than n8n-workflow or the package itself (fs, child_process, ... are not allowed).',
	},
	{
		selector: "CallExpression[callee.name='require'][arguments.0.type!='Literal']",
		message: 'require() of a computed module name.',
	},
	{
		selector: "Identifier[name='require']:not(CallExpression > Identifier.callee)",
		message: 'require used as a value (hides which module is loaded).',
	},
	{
		selector: "MemberExpression[property.name='require']",
		message: 'module.require / *.require loads modules around the allow list.',
	},
	{ selector: 'ImportExpression', message: 'Dynamic import() is not allowed.' },
	{
		selector: "NewExpression[callee.name='Function']",
		message: 'new Function() runs arbitrary code.',
	},
	{
		selector: "CallExpression[callee.name='Function']",
		message: 'Function() runs arbitrary code.',
	},
	{
		selector:
			":matches(CallExpression, NewExpression) > MemberExpression.callee[property.name='constructor']",
		message: 'Calling .constructor(...) builds a function from a string, like new Function().',
	},
	{
		selector:
			"MemberExpression[property.name='env'], MemberExpression[computed=true][property.value='env']",
		message: 'Environment access (.env) is not allowed in a community node.',
	},
];

/** The rules n8n's scanner reports with, on CommonJS as tsc emits it. */
function restrictedApiConfig() {
	return [
		{
			files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
			rules: {
				'no-restricted-globals': ['error', ...RESTRICTED_GLOBALS],
				'no-restricted-imports': [
					'error',
					{
						patterns: [
							{
								regex: '^(?!\\.\\.?/|n8n-workflow(/|$))',
								message: "Only n8n-workflow and the package's own files may be imported.",
							},
						],
					},
				],
				'no-restricted-syntax': ['error', ...RESTRICTED_SYNTAX],
				'no-eval': 'error',
				'no-implied-eval': 'error',
				'no-new-func': 'error',
				'no-console': 'error',
			},
		},
		{ files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
	];
}

/**
 * The configuration of n8n's scanner (@n8n/scan-community-package, buildScanConfig), assembled
 * from the pieces @n8n/node-cli's lint config already loads, so it uses the same rule versions.
 */
function n8nScanConfig() {
	const { config } = require('@n8n/node-cli/eslint');
	const community = config.find((entry) => entry.plugins?.['@n8n/community-nodes'] && entry.rules);
	const nodesBase = config.find((entry) => entry.plugins?.['n8n-nodes-base'])?.plugins[
		'n8n-nodes-base'
	];
	const jsonParser = config.find(
		(entry) => entry.languageOptions?.parser && entry.files?.includes('package.json'),
	)?.languageOptions.parser;
	if (!community || !nodesBase || !jsonParser) {
		throw new Error(
			'@n8n/node-cli/eslint no longer has the shape this script expects; update n8nScanConfig()',
		);
	}
	return [
		{ plugins: community.plugins, rules: community.rules },
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': nodesBase } },
		{ files: ['package.json'], rules: { ...nodesBase.configs.community.rules } },
		{
			files: ['**/credentials/**/*.ts'],
			rules: {
				...nodesBase.configs.credentials.rules,
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			},
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...nodesBase.configs.nodes.rules,
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
		{ files: ['**/*.json', '**/*.ts'], languageOptions: { parser: jsonParser } },
	];
}

/** Runs ESLint as n8n's scanner does: only the given config, inline directives ignored. */
async function lint(cwd, files, overrideConfig) {
	const eslint = new ESLint({
		cwd,
		overrideConfigFile: true,
		allowInlineConfig: false,
		overrideConfig,
	});
	const results = await eslint.lintFiles(files.map((file) => path.join(cwd, file)));
	const problems = [];
	for (const result of results) {
		for (const message of result.messages) {
			problems.push({
				file: path.relative(cwd, result.filePath).split(path.sep).join('/'),
				line: message.line,
				column: message.column,
				rule: message.ruleId ?? (message.fatal ? 'parse-error' : 'eslint'),
				severity: message.severity === 2 ? 'error' : 'warning',
				message: message.message,
			});
		}
	}
	return problems;
}

const formatProblem = (p) => `${p.file}:${p.line}:${p.column} ${p.rule}: ${p.message}`;

/** Every file below `dir`, as posix paths relative to it. */
function listFiles(dir, skip = () => false) {
	const out = [];
	const walk = (rel) => {
		for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
			const child = rel ? `${rel}/${entry.name}` : entry.name;
			if (skip(child)) continue;
			if (entry.isDirectory()) walk(child);
			else out.push(child);
		}
	};
	walk('');
	return out.sort();
}

/**
 * What n8n requires of the published package.json and of the files it points at.
 * `files` is the set of paths in the tarball; `read(path)` returns a file's text.
 */
function packageProblems(pkg, files, read) {
	const problems = [];
	const has = (file) => files.has(file);

	if (!/^(@[^/]+\/)?n8n-nodes-/.test(pkg.name ?? ''))
		problems.push(`name "${pkg.name}" must start with n8n-nodes- or @scope/n8n-nodes-`);
	if (!(pkg.keywords ?? []).includes('n8n-community-node-package'))
		problems.push('keywords must include n8n-community-node-package');
	if (pkg.license !== 'MIT')
		problems.push(`license is "${pkg.license}"; verified community nodes use MIT`);
	if (![...files].some((file) => /^licen[cs]e(\.(md|txt))?$/i.test(file)))
		problems.push('the tarball has no LICENSE file');
	if (![...files].some((file) => /^readme(\.md)?$/i.test(file)))
		problems.push('the tarball has no README.md (n8n asks for usage documentation)');

	for (const field of [
		'dependencies',
		'optionalDependencies',
		'bundleDependencies',
		'bundledDependencies',
	]) {
		const value = pkg[field];
		const names = Array.isArray(value) ? value : Object.keys(value ?? {});
		if (names.length > 0)
			problems.push(
				`${field} must be empty (n8n installs no runtime dependencies), found: ${names.join(', ')}`,
			);
	}
	const peers = Object.keys(pkg.peerDependencies ?? {});
	if (peers.length !== 1 || peers[0] !== 'n8n-workflow') {
		problems.push(
			`peerDependencies must be exactly n8n-workflow, found: ${peers.join(', ') || 'none'}`,
		);
	}
	for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) {
		if (pkg.scripts?.[script])
			problems.push(`scripts.${script} runs on users' machines at install time; remove it`);
	}

	const n8n = pkg.n8n;
	if (!n8n || typeof n8n !== 'object') return [...problems, 'package.json has no "n8n" field'];
	if (typeof n8n.n8nNodesApiVersion !== 'number')
		problems.push('n8n.n8nNodesApiVersion must be a number');
	const nodes = Array.isArray(n8n.nodes) ? n8n.nodes : [];
	const credentials = Array.isArray(n8n.credentials) ? n8n.credentials : [];
	if (nodes.length === 0) problems.push('n8n.nodes lists no node');

	for (const [kind, list] of [
		['node', nodes],
		['credential', credentials],
	]) {
		for (const file of list) {
			const normal = path.posix.normalize(file);
			if (!normal.startsWith('dist/') || !normal.endsWith('.js'))
				problems.push(`n8n ${kind} "${file}" must be a .js file under dist/`);
			if (!has(normal)) {
				problems.push(`n8n ${kind} "${file}" is not in the tarball (was the package built?)`);
				continue;
			}
			problems.push(...iconProblems(kind, normal, read(normal), has, read));
			if (kind === 'node') {
				const codex = normal.replace(/\.js$/, '.json');
				if (!has(codex))
					problems.push(
						`the codex ${codex} (categories, documentation links) is not in the tarball`,
					);
			}
		}
	}
	return problems;
}

/** The icons a compiled node/credential points at must ship beside it, light and dark, as SVG. */
function iconProblems(kind, file, source, has, read) {
	const problems = [];
	const icons = {};
	for (const match of source.matchAll(/\b(light|dark|icon)\s*[:=]\s*["']file:([^"']+)["']/g)) {
		icons[match[1]] ??= match[2];
	}
	if (kind === 'node' && (!icons.light || !icons.dark)) {
		problems.push(`${file} must set icon: { light: 'file:…', dark: 'file:…' }`);
	}
	if (icons.light && icons.light === icons.dark)
		problems.push(`${file}: light and dark icons are the same file`);
	for (const [variant, ref] of Object.entries(icons)) {
		const iconPath = path.posix.normalize(path.posix.join(path.posix.dirname(file), ref));
		if (!has(iconPath)) {
			problems.push(`${file}: ${variant} icon ${iconPath} is not in the tarball`);
		} else if (!/\.svg$/i.test(iconPath) || !/<svg[\s>]/i.test(read(iconPath))) {
			problems.push(`${file}: ${variant} icon ${iconPath} is not an SVG`);
		}
	}
	return problems;
}

/** Files the tarball should carry: the build output and npm's own metadata files. */
function strayFiles(files) {
	return [...files].filter(
		(file) =>
			!file.startsWith('dist/') &&
			!/^(package\.json|readme(\.md)?|licen[cs]e(\.(md|txt))?|changelog(\.md)?)$/i.test(file),
	);
}

function run(command, args, options) {
	const result = spawnSync(command, args, { encoding: 'utf8', ...options });
	if (result.status !== 0) {
		throw new Error(
			`${command} ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr || result.stdout}`,
		);
	}
	return result.stdout;
}

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

async function verifyPackage() {
	const pkgSource = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const missingBuild = [
		...(pkgSource.n8n?.nodes ?? []),
		...(pkgSource.n8n?.credentials ?? []),
	].filter((file) => !fs.existsSync(path.join(ROOT, file)));
	if (!fs.existsSync(path.join(ROOT, 'dist')) || missingBuild.length > 0) {
		throw new Error(
			`dist/ is missing or incomplete (${missingBuild.join(', ') || 'no dist/'}): run "npm run build" before "npm run verify"`,
		);
	}

	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'plazbot-verify-'));
	try {
		const packed = JSON.parse(
			run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT }),
		)[0];
		const unpacked = path.join(work, 'package');
		fs.mkdirSync(unpacked);
		run('tar', ['-xzf', path.join(work, packed.filename), '-C', unpacked, '--strip-components=1']);
		const fileList = listFiles(unpacked);
		const files = new Set(fileList);
		const read = (file) => fs.readFileSync(path.join(unpacked, file), 'utf8');

		console.log(
			`Tarball ${packed.filename}: ${kB(packed.size)} packed, ${kB(packed.unpackedSize)} unpacked, ${packed.entryCount} files`,
		);

		const sections = [];
		const pkg = JSON.parse(read('package.json'));
		sections.push(['package.json, n8n files and icons', packageProblems(pkg, files, read)]);
		sections.push([
			'files outside dist/',
			strayFiles(files).map((file) => `${file} should not be published`),
		]);

		const shippedJs = fileList.filter((file) => /\.(c|m)?js$/.test(file));
		const restricted = await lint(unpacked, shippedJs, restrictedApiConfig());
		sections.push([
			`restricted APIs in the ${shippedJs.length} shipped .js files`,
			restricted.map(formatProblem),
		]);

		const scanTarball = await lint(unpacked, [...shippedJs, 'package.json'], n8nScanConfig());
		sections.push([
			'n8n scanner rules on the tarball',
			scanTarball.filter((p) => p.severity === 'error').map(formatProblem),
		]);

		const sources = listFiles(ROOT, (rel) => /(^|\/)(node_modules|\.git)$/.test(rel)).filter(
			(file) => file === 'package.json' || /^(nodes|credentials)\/.*\.(js|ts|json)$/.test(file),
		);
		const scanSources = await lint(ROOT, sources, n8nScanConfig());
		sections.push([
			`n8n scanner rules on the ${sources.length} source files`,
			scanSources.filter((p) => p.severity === 'error').map(formatProblem),
		]);
		const warnings = [...scanTarball, ...scanSources].filter((p) => p.severity === 'warning');

		let failed = 0;
		for (const [title, problems] of sections) {
			console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${title}`);
			for (const problem of problems) console.log(`       - ${problem}`);
			failed += problems.length;
		}
		if (warnings.length > 0) {
			console.log(`note ${warnings.length} scanner warning(s), not blocking:`);
			for (const warning of warnings) console.log(`       - ${formatProblem(warning)}`);
		}
		return failed;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

/** Planted violations: each must be reported by the named rule, or the check is broken. */
const PLANTED = [
	['process.js', 'module.exports = process.pid;', 'no-restricted-globals'],
	['env.js', 'module.exports = process.env.HOME;', 'no-restricted-syntax'],
	['envComputed.js', "const source = {}; module.exports = source['env'];", 'no-restricted-syntax'],
	['setTimeout.js', 'setTimeout(() => undefined, 1);', 'no-restricted-globals'],
	['setInterval.js', 'setInterval(() => undefined, 1);', 'no-restricted-globals'],
	['setImmediate.js', 'setImmediate(() => undefined);', 'no-restricted-globals'],
	['globalThis.js', 'module.exports = globalThis.fetch;', 'no-restricted-globals'],
	['global.js', 'global.leak = 1;', 'no-restricted-globals'],
	['eval.js', "eval('1 + 1');", 'no-restricted-globals'],
	['newFunction.js', "module.exports = new Function('return 1');", 'no-restricted-syntax'],
	['functionCall.js', "module.exports = Function('return this')();", 'no-restricted-syntax'],
	[
		'constructorEscape.js',
		"module.exports = (() => undefined).constructor('return 1')();",
		'no-restricted-syntax',
	],
	['requireFs.js', "const fs = require('fs'); module.exports = fs;", 'no-restricted-syntax'],
	['requireNodeFs.js', "module.exports = require('node:fs');", 'no-restricted-syntax'],
	['requireFsPromises.js', "module.exports = require('fs/promises');", 'no-restricted-syntax'],
	['requireChildProcess.js', "require('child_process').execSync('id');", 'no-restricted-syntax'],
	['requireProcess.js', "module.exports = require('node:process');", 'no-restricted-syntax'],
	['requireUnknown.js', "module.exports = require('axios');", 'no-restricted-syntax'],
	[
		'requireComputed.js',
		"const name = 'f' + 's'; module.exports = require(name);",
		'no-restricted-syntax',
	],
	['requireAlias.js', "const load = require; module.exports = load('fs');", 'no-restricted-syntax'],
	['moduleRequire.js', "module.exports = module.require('fs');", 'no-restricted-syntax'],
	['dynamicImport.js', "module.exports = import('node:fs');", 'no-restricted-syntax'],
	['importFs.js', "import fs from 'node:fs';\nexport default fs;", 'no-restricted-imports'],
	['console.js', "console.log('x');", 'no-console'],
	[
		'inlineDisabled.js',
		'/* eslint-disable */\nsetTimeout(() => undefined, 1);',
		'no-restricted-globals',
	],
];

/** What tsc emits for this package (CommonJS, its helpers): must stay free of findings. */
const CLEAN_SAMPLE = `"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) { if (k2 === undefined) k2 = k; o[k2] = m[k]; }));
Object.defineProperty(exports, "__esModule", { value: true });
exports.Sample = void 0;
const n8n_workflow_1 = require("n8n-workflow");
const helpers_1 = require("./helpers");
const parent_1 = require("../parent/index");
class Sample {
    constructor() {
        this.description = { icon: { light: 'file:sample.svg', dark: 'file:sample.dark.svg' } };
    }
    async execute() {
        await (0, n8n_workflow_1.sleep)(10);
        return [helpers_1.value, parent_1.other, this.constructor.name];
    }
}
exports.Sample = Sample;
`;

function plantedPackage() {
	const pkg = {
		name: 'n8n-nodes-sample',
		license: 'MIT',
		keywords: ['n8n-community-node-package'],
		peerDependencies: { 'n8n-workflow': '*' },
		n8n: {
			n8nNodesApiVersion: 1,
			nodes: ['dist/nodes/S/S.node.js'],
			credentials: ['dist/credentials/S.credentials.js'],
		},
	};
	const contents = {
		'package.json': '{}',
		LICENSE: 'MIT',
		'README.md': '# sample',
		'dist/nodes/S/S.node.js': "icon: { light: 'file:s.svg', dark: 'file:s.dark.svg' }",
		'dist/nodes/S/S.node.json': '{}',
		'dist/nodes/S/s.svg': '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
		'dist/nodes/S/s.dark.svg': '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
		'dist/credentials/S.credentials.js':
			"this.icon = { light: 'file:../nodes/S/s.svg', dark: 'file:../nodes/S/s.dark.svg' };",
	};
	return { pkg, contents };
}

/** Package checks: a sound package passes, each planted defect is reported. */
function selfCheckPackage() {
	const failures = [];
	const check = (label, mutate, expected) => {
		const { pkg, contents } = plantedPackage();
		mutate(pkg, contents);
		const problems = packageProblems(pkg, new Set(Object.keys(contents)), (file) => contents[file]);
		if (
			expected === null
				? problems.length > 0
				: !problems.some((problem) => problem.includes(expected))
		) {
			failures.push(
				`${label}: expected ${expected === null ? 'no problem' : `"${expected}"`}, got ${JSON.stringify(problems)}`,
			);
		}
	};
	check('sound package', () => {}, null);
	check(
		'runtime dependency',
		(pkg) => (pkg.dependencies = { axios: '1.0.0' }),
		'dependencies must be empty',
	);
	check(
		'second peer dependency',
		(pkg) => (pkg.peerDependencies.lodash = '*'),
		'peerDependencies must be exactly n8n-workflow',
	);
	check(
		'no peer dependency',
		(pkg) => delete pkg.peerDependencies,
		'peerDependencies must be exactly n8n-workflow',
	);
	check(
		'node file missing',
		(_pkg, c) => delete c['dist/nodes/S/S.node.js'],
		'is not in the tarball',
	);
	check(
		'credential file missing',
		(_pkg, c) => delete c['dist/credentials/S.credentials.js'],
		'is not in the tarball',
	);
	check(
		'dark icon missing',
		(_pkg, c) => delete c['dist/nodes/S/s.dark.svg'],
		'dark icon dist/nodes/S/s.dark.svg is not in the tarball',
	);
	check(
		'light icon missing',
		(_pkg, c) => delete c['dist/nodes/S/s.svg'],
		'light icon dist/nodes/S/s.svg is not in the tarball',
	);
	check(
		'node without dark icon',
		(_pkg, c) => (c['dist/nodes/S/S.node.js'] = "icon: 'file:s.svg'"),
		'must set icon: { light',
	);
	check('icon not SVG', (_pkg, c) => (c['dist/nodes/S/s.svg'] = 'PNG'), 'is not an SVG');
	check('codex missing', (_pkg, c) => delete c['dist/nodes/S/S.node.json'], 'the codex');
	check(
		'install script',
		(pkg) => (pkg.scripts = { postinstall: 'node x.js' }),
		'scripts.postinstall',
	);
	check('no README', (_pkg, c) => delete c['README.md'], 'no README.md');
	if (strayFiles(new Set(['package.json', 'dist/a.js', 'test/x.js'])).join() !== 'test/x.js') {
		failures.push('strayFiles did not report test/x.js alone');
	}
	return failures;
}

async function selfCheck() {
	const failures = selfCheckPackage();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plazbot-verify-self-'));
	try {
		for (const [file, code] of PLANTED) fs.writeFileSync(path.join(dir, file), code);
		fs.writeFileSync(path.join(dir, 'clean.js'), CLEAN_SAMPLE);
		const problems = await lint(
			dir,
			[...PLANTED.map(([file]) => file), 'clean.js'],
			restrictedApiConfig(),
		);
		for (const [file, , rule] of PLANTED) {
			if (!problems.some((p) => p.file === file && p.rule === rule)) {
				const got = problems.filter((p) => p.file === file).map((p) => p.rule);
				failures.push(`${file}: ${rule} did not fire (got ${got.join(', ') || 'nothing'})`);
			}
		}
		for (const p of problems.filter((p) => p.file === 'clean.js'))
			failures.push(`false positive on tsc output: ${formatProblem(p)}`);

		const scan = await lint(
			dir,
			['setTimeout.js', 'requireChildProcess.js', 'clean.js'],
			n8nScanConfig(),
		);
		for (const [file, rule] of [
			['setTimeout.js', '@n8n/community-nodes/no-restricted-globals'],
			['requireChildProcess.js', '@n8n/community-nodes/no-restricted-imports'],
		]) {
			if (!scan.some((p) => p.file === file && p.rule === rule))
				failures.push(`n8n scanner config: ${rule} did not fire on ${file}`);
		}
		for (const p of scan.filter((p) => p.file === 'clean.js' && p.severity === 'error'))
			failures.push(`n8n scanner false positive: ${formatProblem(p)}`);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
	const total = PLANTED.length + 1 + 13 + 3;
	if (failures.length === 0)
		console.log(`ok   self-check: every check caught its planted violation (${total} cases)`);
	else {
		console.log('FAIL self-check: a check no longer catches what it is for');
		for (const failure of failures) console.log(`       - ${failure}`);
	}
	return failures.length;
}

async function main() {
	let failed = await selfCheck();
	if (!process.argv.includes('--self-check')) failed += await verifyPackage();
	if (failed > 0) {
		console.log(`\nverify: ${failed} problem(s); the package is not ready for n8n's verification.`);
		process.exitCode = 1;
	} else {
		console.log('\nverify: the package passes.');
	}
}

if (require.main === module) {
	main().catch((error) => {
		console.error(`verify: ${error.message}`);
		process.exitCode = 1;
	});
}

module.exports = { packageProblems, restrictedApiConfig, n8nScanConfig, lint };

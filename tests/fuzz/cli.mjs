#!/usr/bin/env node
// cli.mjs - the CLI fuzzer (`make fuzz-cli`, tests/fuzz/cli.sh): short random
// histories of mutated real lists (structural edits from tests/oracle/mutate.mjs
// plus hostile bytes: NUL, control bytes, bad UTF-8, long lines, deep nesting,
// bracket and emphasis runs, CR/CRLF) with random options, run through the
// whole awtrack CLI built with ASan+UBSan (weekly, daily, items, overview).
// Fails on a crash, a sanitizer report, a hang, an "internal error", or a
// weekly/daily page that differs from the reference replay
// (tests/oracle/pages.mjs) where both accept the input (control characters
// as awtrack neutralizes them; pages with an item over a compiled-in limit,
// which awtrack cuts and says so, are not compared).
//
//   node tests/fuzz/cli.mjs --aw build/asan-cli/awtrack [--seconds N] [--seed N] [--out DIR]
//
// Each failing history is kept in DIR/case-N/ (repo.bundle, args, what
// failed) to be turned into a regression test. Last line:
// `fuzz-cli: N passed, M failed` (runs).

import {execFileSync, spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, dirname, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {prng, mutate} from '../oracle/mutate.mjs'
import {Parser, replay, finalItems, body, revParse} from '../oracle/pages.mjs'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const a = process.argv.slice(2)
let aw = join(ROOT, 'build', 'asan-cli', 'awtrack')
let seconds = Number(process.env.FUZZ_SECONDS || 60)
let seed = Date.now() % 1000000
let out = join(ROOT, 'build', 'fuzz-cli')
for (let i = 0; i < a.length; i++) {
	if (a[i] === '--aw') aw = resolve(a[++i])
	else if (a[i] === '--seconds') seconds = Number(a[++i])
	else if (a[i] === '--seed') seed = Number(a[++i])
	else if (a[i] === '--out') out = resolve(a[++i])
}
const R = prng(seed)
const {rnd, pick, rint} = R
const TMP = mkdtempSync(join(tmpdir(), 'fuzzcli.'))
process.on('exit', () => rmSync(TMP, {recursive: true, force: true}))
mkdirSync(out, {recursive: true})

// seed texts: the list snapshots in tests/data/md, cut to a few KB
const seeds = []
const mdDir = join(ROOT, 'tests', 'data', 'md')
for (const f of existsSync(mdDir) ? readdirSync(mdDir) : []) {
	if (!f.endsWith('.md')) continue
	const t = readFileSync(join(mdDir, f), 'utf8')
	seeds.push(t)
}
if (!seeds.length) seeds.push('# A\n\n## B\n\n- [a](https://github.com/o/a) - A.\n- [b](https://e.com/b) - B.\n')

function cut(t) {
	const lines = t.split('\n')
	const s = rint(Math.max(1, lines.length - 60))
	// keep the title and a heading so that the start gate can open
	return [lines[0], '', '## Start', '', ...lines.slice(s, s + 20 + rint(80))].join('\n') + '\n'
}

const HOSTILE = [
	() => '\0', () => '\x1b]0;title\x07', () => '\x9b2J', () => '\r', () => '\r\n', () => '\t',
	() => '\xff\xfe', () => '\u{1F600}', () => '['.repeat(1 + rint(1500)), () => '*'.repeat(1 + rint(3000)),
	() => '`'.repeat(1 + rint(40)), () => '> '.repeat(1 + rint(80)), () => '  - '.repeat(1 + rint(100)),
	() => 'x'.repeat(rint(100000)), () => '<!--', () => '-->', () => '<img src="blob/x.png">',
	() => '~~s~~', () => '\n## ~~strike~~\n', () => '\n| a | b |\n| --- | --- |\n| [x](y) | z |\n',
	() => '[r]: https://e.com/r\n', () => '[r]', () => '![i](./i.png)', () => '&#0;', () => '&amp;',
	() => '\\', () => '<https://a.b>', () => 'www.x.com', () => 'a@b.co', () => '\n### H\n',
	() => '\n# T\n', () => '\n---\n', () => '\n```\n', () => '    code\n', () => '1. ', () => '- [ ] '
]

function hostile(t) {
	const n = 1 + rint(4)
	for (let k = 0; k < n; k++) {
		const at = rint(t.length + 1)
		if (rnd() < 0.15 && t.length > 10) {
			t = t.slice(0, at) + t.slice(at + rint(200)) // delete a span
		} else {
			t = t.slice(0, at) + pick(HOSTILE)() + t.slice(at)
		}
	}
	return t
}

function options() {
	const type = pick(['list', 'list', 'list', 'table', 'heading'])
	const o = ['--type', type]
	let max = 0
	if (type === 'heading' || rnd() < 0.2) o.push('--max-heading-level', String(max = 1 + rint(3)))
	// (a min level shallower than the max is a usage error, tests/cli-history.sh)
	if (rnd() < 0.2) o.push('--min-heading-level', String(Math.max(2 + rint(3), max)))
	if (type === 'heading' && rnd() < 0.5) o.push('--heading-level', String(2 + rint(3)))
	if (rnd() < 0.1) o.push('--no-category')
	if (rnd() < 0.2) o.push('--poll-slots', '00:09,12:09')
	return o
}

const env = {
	...process.env, GIT_AUTHOR_NAME: 'f', GIT_AUTHOR_EMAIL: 'f@e', GIT_COMMITTER_NAME: 'f',
	GIT_COMMITTER_EMAIL: 'f@e', ASAN_OPTIONS: 'detect_leaks=0:abort_on_error=0',
	UBSAN_OPTIONS: 'print_stacktrace=1:halt_on_error=1'
}
for (const k of Object.keys(env)) if (k.startsWith('GIT_') && !/^GIT_(AUTHOR|COMMITTER)_/.test(k)) delete env[k]

function history(dir) {
	execFileSync('git', ['init', '-q', dir], {env})
	let text = cut(pick(seeds))
	let t = 1262304000 + rint(15 * 365) * 86400
	const n = 2 + rint(4)
	const gen = {n: 0}
	for (let k = 0; k < n; k++) {
		if (k > 0) text = rnd() < 0.6 ? mutate(text, 1 + rint(3), gen, R, true) : hostile(text)
		writeFileSync(join(dir, 'README.md'), text)
		t += 60 + rint(20 * 86400)
		const d = `${t} +0000`
		execFileSync('git', ['-C', dir, 'add', '-A'], {env})
		execFileSync('git', ['-C', dir, 'commit', '-q', '--allow-empty', '-m', `v${k}`],
			{env: {...env, GIT_AUTHOR_DATE: d, GIT_COMMITTER_DATE: d}})
	}
	return n
}

function run(args) {
	const r = spawnSync(aw, args, {env, timeout: 60000, maxBuffer: 1 << 30, encoding: 'buffer'})
	return {
		status: r.status, signal: r.signal, timedOut: r.error && r.error.code === 'ETIMEDOUT',
		out: r.stdout ? r.stdout.toString('utf8') : '', err: r.stderr ? r.stderr.toString('utf8') : ''
	}
}

function refOpts(args) {
	const o = {type: 'list', maxHeading: 0, minHeading: 0, headingLevel: 0, parseCategory: true,
		repoUrl: 'https://github.com/o/r', branch: 'master', file: 'README.md', render: true,
		firstParent: false, pollSlots: null, pollTimes: null, pollSnapshots: false}
	for (let i = 0; i < args.length; i++) {
		if (args[i] === '--type') o.type = args[++i]
		else if (args[i] === '--max-heading-level') o.maxHeading = Number(args[++i])
		else if (args[i] === '--min-heading-level') o.minHeading = Number(args[++i])
		else if (args[i] === '--heading-level') o.headingLevel = Number(args[++i])
		else if (args[i] === '--no-category') o.parseCategory = false
		else if (args[i] === '--poll-slots') o.pollSlots = args[++i]
	}
	return o
}

// what awtrack prints for the reference's control characters (awtrack(1) OUTPUT,
// under --tal-compat too): C0 but TAB, LF and CR, DEL and C1 become U+FFFD
const safe = (t) => t.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g, '\ufffd')

let runs = 0
let limited = 0
let failed = 0
let compared = 0
let cases = 0
const t0 = Date.now()
while ((Date.now() - t0) / 1000 < seconds) {
	const dir = join(TMP, `h${cases++}`)
	const nv = history(dir)
	const opts = options()
	const imp = rint(nv)
	const base = ['--git', dir, '--repo-url', 'https://github.com/o/r', '--branch', 'master', '--quiet', ...opts]
	if (imp > 0) base.push('--import', `HEAD~${imp}`)
	let ref = null
	try {
		const o = refOpts(opts)
		const head = revParse(dir, 'HEAD')
		const st = replay(dir, o, new Parser(o, new Map()), imp ? revParse(dir, `HEAD~${imp}`) : head, head, null)
		if (!st.rejected) {
			const items = finalItems(st)
			ref = {weekly: body(items, 'weekly'), daily: body(items, 'daily')}
		}
	} catch {
		ref = null
	}
	const problems = []
	for (const cmd of ['weekly', 'daily', 'items', 'overview']) {
		const extra = cmd === 'weekly' || cmd === 'daily' ? ['--tal-compat', '--body'] : cmd === 'overview' ? ['--tal-compat'] : []
		// overview prints the file at the head: no --import or poll options
		const args = cmd === 'overview' ? base.filter((x, i) => !/^--(import|poll-slots)$/.test(x) &&
			!/^--(import|poll-slots)$/.test(base[i - 1])) : base
		const r = run([cmd, ...args, ...extra])
		runs++
		let why = null
		if (r.timedOut) why = 'hang (60 s)'
		else if (r.signal) why = `signal ${r.signal}`
		else if (/AddressSanitizer|runtime error|LeakSanitizer/.test(r.err)) why = 'sanitizer'
		else if (/internal error/.test(r.err)) why = 'internal error'
		else if (r.status !== 0 && r.status !== 1) why = `status ${r.status}`
		else if (ref && r.status === 0 && (cmd === 'weekly' || cmd === 'daily') &&
			/over a compiled-in limit/.test(r.err)) {
			limited++ // an item over a documented limit is cut on purpose: not comparable
		} else if (ref && r.status === 0 && (cmd === 'weekly' || cmd === 'daily')) {
			compared++
			const want = safe(ref[cmd])
			const same = r.out === want || (want === '\n' && /^\n*$/.test(r.out))
			if (!same) why = 'page differs from the reference'
		}
		if (why) problems.push({cmd, why, err: r.err.slice(0, 2000)})
	}
	if (problems.length) {
		failed++
		const keep = join(out, `case-${seed}-${cases}`)
		mkdirSync(keep, {recursive: true})
		execFileSync('git', ['-C', dir, 'bundle', 'create', '-q', join(keep, 'repo.bundle'), '--all'], {env, stdio: 'ignore'})
		writeFileSync(join(keep, 'args'), base.slice(2).join('\n').replace(dir, '.') + '\n')
		writeFileSync(join(keep, 'problems.txt'), problems.map((p) => `${p.cmd}: ${p.why}\n${p.err}\n`).join('\n'))
		console.log(`FAIL history ${cases} (${keep}): ` + problems.map((p) => `${p.cmd}: ${p.why}${p.err ? ' - ' + p.err.split('\n')[0].slice(0, 160) : ''}`).join('; '))
	}
	rmSync(dir, {recursive: true, force: true})
}
console.log(`fuzz-cli: seed ${seed}, ${cases} histories, ${runs} awtrack runs, ${compared} pages compared with the reference` +
	` (${limited} not compared: an item over a compiled-in limit, cut on purpose)`)
console.log(`fuzz-cli: ${cases - failed} passed, ${failed} failed`)
process.exitCode = failed ? 1 : 0

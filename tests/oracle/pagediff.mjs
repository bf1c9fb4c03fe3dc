#!/usr/bin/env node
// Whole-page differential test: `awtrack weekly|daily --tal-compat --body`
// against the reference replay (pages.mjs, on the npm packages TAL uses),
// page by page, for import points and later heads across the history of
// every test list, for real lists (tests/data/lists, or --mirror git dirs),
// and for generated histories (random edits of real lists: items inserted,
// deleted, moved, edited; reference links in every form, definitions before
// and after their use; odd URLs; CR, CRLF and mixed line ends).
//
//   node tests/oracle/pagediff.mjs [--sample] [--aw PATH] [--show N] [--seed N]
//      [--generated N] [--no-cases] [--no-generated] [--only NAME]
//      [--list NAME=GITDIR:FILE[:opts]]... [--imports N] [--heads N]
//
// --sample: a few import points and heads per case, 3 generated histories
// (what `make test` runs); without it: more of each (`make difftest-pages`).
// --list: an extra real list (a git dir with the file's history); opts are
// awtrack options separated by commas, e.g. type=table,max-heading-level=2.
// Prints per history what was compared, the first differences, and finally
// `pagediff: N passed, M failed` (pages). Exit 1 on any difference.

import {execFileSync, spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, dirname, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import {loadStars} from './items.mjs'
import {prng, mutate} from './mutate.mjs'
import {Parser, replay, finalItems, body, git, revParse, blobAt, laterCommits} from './pages.mjs'

const HERE = dirname(fileURLToPath(import.meta.url))
const ROOT = resolve(HERE, '..', '..')

const args = process.argv.slice(2)
const opt = {
	sample: false, aw: join(ROOT, 'build', 'awtrack'), show: 3, seed: 1, generated: null,
	cases: true, gen: true, only: null, lists: [], imports: null, heads: null
}
for (let i = 0; i < args.length; i++) {
	const a = args[i]
	if (a === '--sample') opt.sample = true
	else if (a === '--aw') opt.aw = resolve(args[++i])
	else if (a === '--show') opt.show = Number(args[++i])
	else if (a === '--seed') opt.seed = Number(args[++i])
	else if (a === '--generated') opt.generated = Number(args[++i])
	else if (a === '--no-cases') opt.cases = false
	else if (a === '--no-generated') opt.gen = false
	else if (a === '--only') opt.only = args[++i]
	else if (a === '--list') opt.lists.push(args[++i])
	else if (a === '--imports') opt.imports = Number(args[++i])
	else if (a === '--heads') opt.heads = Number(args[++i])
	else {
		process.stderr.write(`pagediff: unknown argument ${a}\n`)
		process.exit(2)
	}
}
const NIMPORT = opt.imports ?? (opt.sample ? 3 : 12)
const NHEAD = opt.heads ?? (opt.sample ? 4 : 25)
const NGEN = opt.generated ?? (opt.sample ? 3 : 24)
const WINDOW = opt.sample ? 12 : Infinity // versions replayed after an import point
// real lists (--list): big histories; import points spread over all of it
// (the head included: pure blame), each with the next few versions
const NIMPORT_LIST = opt.imports ?? 5
const WINDOW_LIST = opt.heads ?? 3
if (!existsSync(opt.aw)) {
	process.stderr.write(`pagediff: ${opt.aw} is missing (make build/awtrack)\n`)
	process.exit(2)
}

const TMP = mkdtempSync(join(tmpdir(), 'pagediff.'))
process.on('exit', () => rmSync(TMP, {recursive: true, force: true}))

// ---- a small deterministic PRNG ----
const R = prng(opt.seed)
const {rnd, rint} = R

// evenly spread k of the array (first and last included)
function spread(a, k) {
	if (a.length <= k) return a.slice()
	const out = []
	for (let i = 0; i < k; i++) out.push(a[Math.round(i * (a.length - 1) / (k - 1 || 1))])
	return [...new Set(out)]
}

// ---- the comparison of one history ----

let pagesTotal = 0
let pagesDiff = 0
let versionsTotal = 0
const failures = []

function awArgs(h) {
	const a = ['--git', h.dir, '--file', h.file, '--repo-url', h.repoUrl, '--branch', h.branch]
	if (h.type && h.type !== 'list') a.push('--type', h.type)
	if (h.maxHeading) a.push('--max-heading-level', String(h.maxHeading))
	if (h.minHeading) a.push('--min-heading-level', String(h.minHeading))
	if (h.headingLevel) a.push('--heading-level', String(h.headingLevel))
	if (!h.parseCategory) a.push('--no-category')
	if (h.stars) a.push('--stars', h.stars)
	for (const f of h.flags || []) a.push(f)
	return a
}

function refOpts(h) {
	const o = {
		type: h.type || 'list', maxHeading: h.maxHeading || 0, minHeading: h.minHeading || 0,
		headingLevel: h.headingLevel || 0, parseCategory: h.parseCategory !== false,
		repoUrl: h.repoUrl, branch: h.branch, file: h.file, render: true,
		firstParent: false, pollSlots: null, pollTimes: null, pollSnapshots: false
	}
	const f = h.flags || []
	for (let i = 0; i < f.length; i++) {
		if (f[i] === '--first-parent') o.firstParent = true
		else if (f[i] === '--poll-slots') o.pollSlots = f[++i]
		else if (f[i] === '--poll-times') o.pollTimes = f[++i]
		else if (f[i] === '--poll-snapshots') o.pollSnapshots = true
	}
	return o
}

function runAw(h, kind, imp, head) {
	const r = spawnSync(opt.aw, [kind, ...awArgs(h), '--import', imp, '--head', head,
		'--tal-compat', '--body', '--quiet'], {maxBuffer: 1 << 30, encoding: 'buffer'})
	if (r.error) return {status: null, signal: null, out: Buffer.alloc(0), err: `cannot run ${opt.aw}: ${r.error.message}`}
	return {status: r.status, signal: r.signal, out: r.stdout, err: r.stderr.toString('utf8')}
}

function firstDiff(a, b) {
	let i = 0
	while (i < a.length && i < b.length && a[i] === b[i]) i++
	const ctx = (s) => JSON.stringify(s.slice(Math.max(0, i - 80), i + 120))
	const line = a.slice(0, i).split('\n').length
	return `    at byte ${i} (line ${line}):\n      ref: ${ctx(a)}\n      aw:  ${ctx(b)}`
}

// Compare pages of history h: import points, and for each the heads chosen.
// Returns {pages, diff}.
function compareHistory(h) {
	const o = refOpts(h)
	const parser = h.parser || new Parser(o, loadStars(h.stars))
	h.parser = parser
	let all = git(h.dir, ['log', '--reverse', '--format=%H', ...(o.firstParent ? ['--first-parent'] : []),
		h.headRev, '--', h.file]).split('\n').filter((x) => x)
	if (h.tail) all = all.slice(-h.tail)
	if (!all.length) return {pages: 0, diff: 0}
	let imports = spread(all, h.extra ? NIMPORT_LIST : NIMPORT)
	if (h.importRev && !imports.includes(h.importRev)) imports.unshift(h.importRev)
	const window = h.extra ? WINDOW_LIST : WINDOW
	let pages = 0
	let diff = 0
	let versions = 0
	const shown = []
	for (const imp of imports) {
		// heads: descendants of the import point (awtrack requires it)
		const later = git(h.dir, ['log', '--reverse', '--format=%H', '--ancestry-path',
			...(o.firstParent ? ['--first-parent'] : []), `${imp}..${all[all.length - 1]}`, '--', h.file])
			.split('\n').filter((x) => x).slice(0, window)
		const heads = new Set(spread(later, NHEAD - 1))
		heads.add(imp)
		// The state after head H of the walk imp..last is the state of the
		// walk imp..H only when that walk is its prefix (side branches
		// merged later are walked by date) and no snapshot filter looks
		// ahead; other heads get a replay of their own.
		const last = later.length ? later[later.length - 1] : imp
		const full = laterCommits(h.dir, imp, last, h.file, o.firstParent).map((c) => c.sha)
		const own = []
		const at = new Map()
		for (const hd of heads) {
			if (hd === imp) {
				at.set(0, hd)
				continue
			}
			const w = laterCommits(h.dir, imp, hd, h.file, o.firstParent).map((c) => c.sha)
			if (!o.pollSnapshots && w.length && w.every((x, i) => full[i] === x)) at.set(w.length, hd)
			else own.push(hd)
		}
		const bodies = []
		const grab = (sha, st) => {
			const items = finalItems(st)
			bodies.push({sha, week: body(items, 'weekly'), day: body(items, 'daily')})
		}
		let err = null
		try {
			const st = replay(h.dir, o, parser, imp, last, (k, c, st) => {
				versions++
				if (at.has(k)) grab(at.get(k), st)
			})
			if (st.rejected) bodies.length = 0
			else {
				for (const hd of own) {
					grab(hd, replay(h.dir, o, parser, imp, hd, () => versions++))
				}
			}
		} catch (e) {
			err = e.message
		}
		if (err) {
			// the reference cannot date this import point
			const a = runAw(h, 'weekly', imp, imp)
			pages++
			if (a.status === 0) {
				diff++
				shown.push(`  import ${imp.slice(0, 12)}: reference fails (${err}), awtrack prints a page`)
			}
			continue
		}
		if (!bodies.length) {
			// the import version is rejected by the reference: awtrack must refuse too
			const a = runAw(h, 'weekly', imp, imp)
			pages++
			if (a.status === 0) {
				diff++
				shown.push(`  import ${imp.slice(0, 12)}: rejected by the reference, awtrack prints a page`)
			}
			continue
		}
		for (const b of bodies) {
			for (const kind of ['weekly', 'daily']) {
				const ref = kind === 'weekly' ? b.week : b.day
				const a = runAw(h, kind, imp, b.sha)
				pages++
				const got = a.out.toString('utf8')
				const bad = a.status !== 0 || a.signal || /internal error|AddressSanitizer|runtime error/.test(a.err)
				// a page without items: its body is not defined by the
				// reference (no "## [" line); any run of newlines is taken
				const same = got === ref || (ref === '\n' && /^\n*$/.test(got))
				if (bad || !same) {
					diff++
					if (shown.length < opt.show) {
						shown.push(`  ${kind} import ${imp.slice(0, 12)} head ${b.sha.slice(0, 12)}: ` +
							(bad ? `awtrack status ${a.status}${a.signal ? ' ' + a.signal : ''}: ${a.err.trim().slice(0, 300)}`
								: 'pages differ\n' + firstDiff(ref, got)))
					}
				}
			}
		}
	}
	pagesTotal += pages
	pagesDiff += diff
	versionsTotal += versions
	console.log(`${diff ? 'FAIL' : 'ok  '} ${h.name}: ${pages} pages, ${imports.length} import points, ` +
		`${versions} versions replayed, ${diff} differ`)
	for (const s of shown.slice(0, opt.show)) console.log(s)
	if (diff) failures.push(h.name)
	return {pages, diff}
}

// ---- cases: data bundles with case.json ----

function caseHistories() {
	const dirs = []
	const seen = new Set()
	const add = (base) => {
		if (!existsSync(base)) return
		for (const owner of readdirSync(base)) {
			const od = join(base, owner)
			if (!statSync(od).isDirectory()) continue
			for (const repo of readdirSync(od)) {
				const d = join(od, repo)
				if (!existsSync(join(d, 'case.json')) || !existsSync(join(d, 'list.bundle'))) continue
				const k = `${owner}/${repo}`
				if (seen.has(k)) continue
				seen.add(k)
				dirs.push(d)
			}
		}
	}
	const shared = process.env.AW_DATA || join(ROOT, '..', 'shared', 'data', 'lists')
	add(shared)
	if (!existsSync(shared)) console.log(`pagediff: NOTE: ${shared} not found: bundled cases only`)
	add(join(ROOT, 'tests', 'data', 'cases'))
	add(join(ROOT, 'tests', 'data', 'lists'))
	return dirs.map((d) => {
		const c = JSON.parse(readFileSync(join(d, 'case.json'), 'utf8'))
		const gd = join(TMP, `${c.owner}_${c.repo}.git`)
		execFileSync('git', ['clone', '-q', '--bare', join(d, 'list.bundle'), gd])
		const o = c.options || {}
		const flags = []
		for (let i = 0; i < (c.replay_flags || []).length; i++) {
			const f = c.replay_flags[i]
			flags.push(f)
			if (f === '--poll-times') {
				const name = c.replay_flags[++i]
				flags.push([join(d, name), join(d, '..', '..', '..', name), join(d, '..', '..', name),
					join(ROOT, 'tests', 'data', name)].find(existsSync) || name)
			} else if (f === '--poll-slots') {
				flags.push(c.replay_flags[++i])
			}
		}
		return {
			name: `${c.owner}/${c.repo}`, caseDir: d, dir: gd, file: c.file,
			repoUrl: `https://github.com/${c.owner}/${c.repo}`, branch: c.url_branch || c.branch,
			type: o.type, maxHeading: o.max_heading_level, minHeading: o.min_heading_level,
			headingLevel: o.heading_level, parseCategory: o.is_parse_category !== false,
			stars: existsSync(join(d, 'stars.tsv')) ? join(d, 'stars.tsv') : null,
			headRev: c.head_commit || 'HEAD', importRev: c.import_commit, flags,
			oracleWeek: existsSync(join(d, 'oracle-week-body.md')) ? join(d, 'oracle-week-body.md') : null,
			oracleDay: existsSync(join(d, 'oracle-day-body.md')) ? join(d, 'oracle-day-body.md') : null,
			versions: Number(git(gd, ['rev-list', '--count', c.head_commit || 'HEAD', '--', c.file]).trim())
		}
	})
}

// The reference replay against the CEO's reference output (oracle-*-body.md)
// of the case's own import point and flags.
function validate(h) {
	if (!h.oracleWeek && !h.oracleDay) return
	const o = refOpts(h)
	const parser = h.parser || new Parser(o, loadStars(h.stars))
	h.parser = parser
	const head = revParse(h.dir, h.headRev)
	const st = replay(h.dir, o, parser, revParse(h.dir, h.importRev || h.headRev), head, null)
	const items = finalItems(st)
	for (const [kind, f] of [['weekly', h.oracleWeek], ['daily', h.oracleDay]]) {
		if (!f) continue
		const want = readFileSync(f, 'utf8')
		const got = body(items, kind)
		pagesTotal++
		if (got === want) console.log(`ok   ${h.name}: reference replay = ${f.split('/').pop()}`)
		else {
			pagesDiff++
			failures.push(`${h.name} (reference replay)`)
			console.log(`FAIL ${h.name}: reference replay differs from ${f}\n${firstDiff(want, got)}`)
		}
	}
}

// ---- generated histories ----

function genHistory(base, idx) {
	const dir = join(TMP, `gen${idx}.git`)
	git(TMP, ['init', '-q', '--bare', dir])
	const work = join(TMP, `gen${idx}.work`)
	execFileSync('git', ['init', '-q', work])
	const env = {...process.env, GIT_AUTHOR_NAME: 'g', GIT_AUTHOR_EMAIL: 'g@e', GIT_COMMITTER_NAME: 'g', GIT_COMMITTER_EMAIL: 'g@e'}
	for (const k of Object.keys(env)) if (k.startsWith('GIT_') && !/^GIT_(AUTHOR|COMMITTER)_/.test(k)) delete env[k]
	let t = 1420070400 + rint(8 * 365) * 86400 // 2015..2023
	const lines = base.text.split('\n')
	const start = Math.max(4, Math.floor(lines.length * (0.3 + rnd() * 0.4)))
	const steps = []
	// grow the file in a few commits (varied blame dates), then mutate it
	for (let k = 1; k <= 3; k++) steps.push(lines.slice(0, Math.floor(start + (lines.length - start) * k / 3)).join('\n') + '\n')
	let cur = steps[steps.length - 1]
	const gen = {n: 0}
	const nmut = opt.sample ? 6 : 14
	for (let k = 0; k < nmut; k++) {
		cur = mutate(cur, 1 + rint(3), gen, R, true) // definitions before and after their use
		steps.push(cur)
	}
	for (const s of steps) {
		writeFileSync(join(work, base.file), s)
		t += 3600 + rint(rnd() < 0.3 ? 3 * 86400 : 40 * 86400)
		const d = `${t} +0000`
		execFileSync('git', ['-C', work, 'add', '-A'], {env})
		execFileSync('git', ['-C', work, 'commit', '-q', '--allow-empty', '-m', 'edit'],
			{env: {...env, GIT_AUTHOR_DATE: d, GIT_COMMITTER_DATE: d}})
	}
	execFileSync('git', ['-C', work, 'push', '-q', dir, 'HEAD:refs/heads/master'], {env})
	git(dir, ['symbolic-ref', 'HEAD', 'refs/heads/master'])
	return {
		...base.h, name: `generated #${idx} (${base.h.name}, seed ${opt.seed})`, dir, headRev: 'HEAD',
		importRev: null, flags: [], parser: null
	}
}

// ---- main ----

let cases = []
if (opt.cases || opt.gen) cases = caseHistories()
for (const spec of opt.lists) {
	// NAME=GITDIR:FILE[:k=v,...]
	const m = /^([^=]+)=([^:]+):([^:]+)(?::(.*))?$/.exec(spec)
	if (!m) {
		process.stderr.write(`pagediff: bad --list ${spec}\n`)
		process.exit(2)
	}
	const h = {name: m[1], dir: m[2], file: m[3], repoUrl: `https://github.com/${m[1]}`, branch: 'master',
		parseCategory: true, headRev: 'HEAD', flags: []}
	for (const kv of (m[4] || '').split(',').filter((x) => x)) {
		const [k, v] = kv.split('=')
		if (k === 'type') h.type = v
		else if (k === 'max-heading-level') h.maxHeading = Number(v)
		else if (k === 'min-heading-level') h.minHeading = Number(v)
		else if (k === 'heading-level') h.headingLevel = Number(v)
		else if (k === 'no-category') h.parseCategory = false
		else if (k === 'branch') h.branch = v
		else if (k === 'head') h.headRev = v
	}
	cases.push({...h, extra: true})
}
if (opt.only) cases = cases.filter((h) => h.name.includes(opt.only))

for (const h of cases.filter((x) => x.extra)) compareHistory(h)
if (opt.cases) {
	for (const h of cases.filter((x) => !x.extra)) {
		if (h.caseDir && (!opt.sample || h.versions <= 100)) validate(h)
		// big histories (awesome-go): only late import points, a few heads
		if (h.versions > 400) {
			compareHistory({...h, flags: [], importRev: null, tail: opt.sample ? 2 : 40,
				name: `${h.name} (last versions)`})
		} else {
			compareHistory(h)
			// and the case's poller flags over plain commits
			if (h.flags && h.flags.length) compareHistory({...h, name: `${h.name} (${h.flags.join(' ')})`, flags: h.flags})
		}
	}
}

if (opt.gen) {
	const bases = cases.filter((h) => h.caseDir && h.versions <= 400 && !h.extra).map((h) => {
		const blob = blobAt(h.dir, revParse(h.dir, h.headRev), h.file)
		return {h: {...h, flags: [], importRev: null}, file: h.file, text: blob.toString('utf8')}
	})
	for (let i = 0; i < NGEN && bases.length; i++) compareHistory(genHistory(bases[i % bases.length], i))
}

console.log(`pagediff: ${pagesTotal} pages compared (${versionsTotal} versions replayed), ${pagesDiff} differ` +
	(failures.length ? `: ${[...new Set(failures)].join('; ')}` : ''))
console.log(`pagediff: ${pagesTotal - pagesDiff} passed, ${pagesDiff} failed`)
process.exitCode = pagesDiff ? 1 : 0

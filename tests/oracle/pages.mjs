#!/usr/bin/env node
// Reference replay of whole pages: what trackawesomelist's weekly and daily
// pages hold for a list's git history (tal-spec 6.1-6.4 dating, 7 buckets and
// labels, 8.2/8.3 layout), on the items of items.mjs (the npm packages TAL
// uses). Written from the spec; no TAL code copied. It is the reference for
// `awtrack weekly|daily --tal-compat --body` (tests/oracle/pagediff.mjs).
//
// Usage:
//   node tests/oracle/pages.mjs --git DIR [--file PATH] [--import REV] [--head REV]
//      [--type list|table|heading] [--max-heading-level N] [--min-heading-level N]
//      [--heading-level N] [--no-category] [--repo-url URL] [--branch B]
//      [--stars TSV] [--first-parent] [--poll-slots HH:MM,...] [--poll-times FILE]
//      [--poll-snapshots] [--weekly FILE] [--daily FILE]
// Writes the weekly body to --weekly and the daily body to --daily (default:
// the weekly body to stdout). Exit 1 when the import version is rejected (a
// category heading with strikethrough), with `#ERROR` as output.
//
// Decisions the spec leaves to the replay (shared with awtrack, see issue 7):
// * blame is asked for the item's end line counted as git counts lines (LF
//   only), not CommonMark's (a lone CR also ends a line there);
// * a version that cannot be parsed (#ERROR) or that does not hold the file
//   changes nothing: the next good version counts.

import {execFileSync} from 'node:child_process'
import {readFileSync, writeFileSync, realpathSync} from 'node:fs'
import {pathToFileURL} from 'node:url'
import {extract, loadStars} from './items.mjs'

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const DAY = 86400

export function git(dir, args, opts = {}) {
	const env = cleanEnv()
	return execFileSync('git', ['-C', dir, ...args], {
		env, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', opts.quiet ? 'ignore' : 'pipe'],
		encoding: opts.encoding === undefined ? 'utf8' : opts.encoding
	})
}

export function revParse(dir, rev) {
	return git(dir, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).trim()
}

// final line -> committer-time of `git blame --line-porcelain`
export function blame(dir, commit, file) {
	const out = git(dir, ['blame', '--line-porcelain', commit, '--', file], {encoding: 'latin1'})
	const times = new Map()
	const ctime = new Map() // sha -> committer-time
	let sha = null
	let line = 0
	for (const l of out.split('\n')) {
		if (l.startsWith('\t')) {
			times.set(line, ctime.get(sha))
			continue
		}
		const m = /^([0-9a-f]{40}) \d+ (\d+)/.exec(l)
		if (m) {
			sha = m[1]
			line = Number(m[2])
		} else if (l.startsWith('committer-time ')) {
			ctime.set(sha, Number(l.slice(15)))
		}
	}
	return times
}

// Blob of FILE at COMMIT, or null when the commit does not hold it as a file.
export function blobAt(dir, commit, file) {
	let t
	try {
		t = git(dir, ['cat-file', '-t', `${commit}:${file}`], {quiet: true}).trim()
	} catch {
		return null
	}
	if (t !== 'blob') return null
	return git(dir, ['cat-file', 'blob', `${commit}:${file}`], {encoding: 'buffer'})
}

// For each "commit:file" spec: its object id when that is a blob, else null
// (one git process for all).
export function blobIds(dir, commits, file) {
	if (!commits.length) return []
	const out = execFileSync('git', ['-C', dir, 'cat-file', '--batch-check'], {
		input: commits.map((c) => `${c}:${file}\n`).join(''), maxBuffer: 1 << 30, encoding: 'utf8',
		env: cleanEnv()
	}).split('\n')
	return commits.map((_c, i) => {
		const m = /^([0-9a-f]{40}) (\S+) \d+$/.exec(out[i] || '')
		return m && m[2] === 'blob' ? m[1] : null
	})
}

// Contents of blob ids (one git process for all): Map id -> Buffer.
export function blobsById(dir, ids) {
	const res = new Map()
	const uniq = [...new Set(ids)]
	if (!uniq.length) return res
	const out = execFileSync('git', ['-C', dir, 'cat-file', '--batch'], {
		input: uniq.join('\n') + '\n', maxBuffer: 2 ** 31, env: cleanEnv()
	})
	let off = 0
	for (const id of uniq) {
		const nl = out.indexOf(10, off)
		const hdr = out.subarray(off, nl).toString('latin1').split(' ')
		const size = Number(hdr[2])
		res.set(id, out.subarray(nl + 1, nl + 1 + size))
		off = nl + 1 + size + 1
	}
	return res
}

function cleanEnv() {
	const env = {...process.env}
	for (const k of Object.keys(env)) if (k.startsWith('GIT_')) delete env[k]
	return env
}

export function blobId(dir, commit, file) {
	try {
		return git(dir, ['rev-parse', '--verify', '--quiet', `${commit}:${file}`], {quiet: true}).trim()
	} catch {
		return null
	}
}

// [{sha, t}] of C0..HEAD touching FILE, oldest first (tal-spec 6.3 step 3)
export function laterCommits(dir, c0, head, file, firstParent) {
	const args = ['log', '--reverse', '--format=%H %ct']
	if (firstParent) args.push('--first-parent')
	args.push(`${c0}..${head}`, '--', file)
	return git(dir, args).split('\n').filter((l) => l).map((l) => {
		const [sha, t] = l.split(' ')
		return {sha, t: Number(t)}
	})
}

// ---- poller models (6.4) ----

export function parseSlots(s) {
	return s.split(',').map((x) => {
		const m = /^(\d\d):(\d\d)$/.exec(x)
		if (!m) throw new Error(`bad poll slot ${x}`)
		return Number(m[1]) * 3600 + Number(m[2]) * 60
	}).sort((a, b) => a - b)
}

export function seenAtFn(o) {
	if (o.pollTimes) {
		const polls = readFileSync(o.pollTimes, 'utf8').split('\n').map((l) => l.trim())
			.filter((l) => l && !l.startsWith('#')).map(Number).sort((a, b) => a - b)
		return (t) => {
			// first poll at or after t; none: t itself
			let lo = 0
			let hi = polls.length
			while (lo < hi) {
				const mid = (lo + hi) >> 1
				if (polls[mid] < t) lo = mid + 1
				else hi = mid
			}
			return lo < polls.length ? polls[lo] : t
		}
	}
	if (o.pollSlots) {
		const slots = parseSlots(o.pollSlots)
		return (t) => {
			// first slot strictly after t
			const d = Math.floor(t / DAY) * DAY
			for (const s of slots) if (d + s > t) return d + s
			return d + DAY + slots[0]
		}
	}
	return (t) => t
}

// ---- parsing with a per-blob cache ----

export class Parser {
	constructor(o, stars) {
		this.o = o
		this.stars = stars
		this.cache = new Map()
	}

	// items of a blob (null: rejected, like TAL's throw)
	items(blob, key) {
		if (key && this.cache.has(key)) return this.cache.get(key)
		if (!blob) throw new Error(`blob ${key} not loaded`)
		let r
		try {
			r = extract(blob, this.o, this.stars).map((it) => ({
				identifier: it.identifier, category: it.category, markdown: it.markdown,
				line: it.line, lfLine: it.lfLine
			}))
		} catch {
			r = null
		}
		if (key) this.cache.set(key, r)
		return r
	}
}

export function sha1hex(s) {
	return createHash('sha1').update(s, 'utf8').digest('hex')
}
import {createHash} from 'node:crypto'

// ---- replay (6.3) ----

// Import at c0, then every later version; calls onVersion(k, commit, state)
// after the import (k = 0, commit = null) and after each later version, where
// state.dates: identity -> time. Returns the final state.
export function replay(dir, o, parser, c0, head, onVersion) {
	const seenAt = seenAtFn(o)
	const blob = blobAt(dir, c0, o.file)
	if (!blob) throw new Error(`${o.file}: no such file at ${c0}`)
	const items = parser.items(blob, blobId(dir, c0, o.file))
	if (!items) return {rejected: true}
	const times = blame(dir, c0, o.file)
	let dates = new Map()
	for (const it of items) {
		const t = times.get(it.lfLine)
		if (t === undefined) throw new Error(`no blame time for line ${it.lfLine}`)
		dates.set(sha1hex(it.identifier), t) // the later duplicate wins
	}
	const state = {dates, items, commit: c0}
	if (onVersion) onVersion(0, null, state)
	if (c0 === head) return state
	let commits = laterCommits(dir, c0, head, o.file, o.firstParent)
	if (o.pollSnapshots) {
		// a poller sees only the last commit before each of its polls
		commits = commits.filter((c, i) => i + 1 >= commits.length ||
			seenAt(commits[i + 1].t) !== seenAt(c.t))
	}
	let k = 0
	const ids = blobIds(dir, commits.map((c) => c.sha), o.file)
	let blobs = new Map()
	for (const c of commits) {
		const id = ids[k++]
		if (id && !parser.cache.has(id) && !blobs.has(id)) {
			// the next blobs not parsed yet, a chunk at a time
			const want = []
			for (let j = k - 1; j < ids.length && want.length < 64; j++)
				if (ids[j] && !parser.cache.has(ids[j])) want.push(ids[j])
			blobs = blobsById(dir, want)
		}
		const b = id && !parser.cache.has(id) ? blobs.get(id) : null
		const its = id ? parser.items(b, id) : null
		if (its) {
			const next = new Map()
			const when = seenAt(c.t)
			for (const it of its) {
				const h = sha1hex(it.identifier)
				if (!next.has(h)) next.set(h, dates.has(h) ? dates.get(h) : when)
			}
			dates = next
			state.dates = dates
			state.items = its
		}
		state.commit = c.sha
		if (onVersion) onVersion(k, c, state)
	}
	return state
}

// ---- time buckets (7) ----

function ymd(t) {
	const d = new Date(t * 1000)
	return {y: d.getUTCFullYear(), m: d.getUTCMonth(), d: d.getUTCDate()}
}

const pad2 = (n) => String(n).padStart(2, '0')

// ISO week-year and week of a UTC day
export function isoWeek(t) {
	const d = new Date(Math.floor(t / DAY) * DAY * 1000)
	const wd = (d.getUTCDay() + 6) % 7 // Monday 0
	const th = new Date(d.getTime() + (3 - wd) * DAY * 1000) // Thursday of its week
	const y = th.getUTCFullYear()
	const jan1 = Date.UTC(y, 0, 1)
	const w = 1 + Math.floor((th.getTime() - jan1) / (7 * DAY * 1000))
	return {y, w}
}

// 7.3: TAL's label (tal-compat)
export function weekLabel(y, w) {
	const jan1 = Date.UTC(y, 0, 1) / 1000
	const wd = (new Date(jan1 * 1000).getUTCDay() + 6) % 7
	const m1 = jan1 + ((7 - wd) % 7) * DAY // first Monday on or after 1 January
	const mon = m1 + 7 * (w - 1) * DAY
	const sun = mon + 6 * DAY
	const a = ymd(mon)
	const b = ymd(sun)
	return `${MON[a.m]} ${pad2(a.d)} - ${MON[b.m]} ${pad2(b.d)}, ${a.y}`
}

function dayLabel(t) {
	const a = ymd(t)
	return `${MON[a.m]} ${pad2(a.d)}, ${a.y}`
}

// ---- pages (8.2, 8.3): the body from the first "## [" on, after two newlines ----

// final items in the file's item-map order: first position, last values
export function finalItems(state) {
	const map = new Map()
	for (const it of state.items) {
		const h = sha1hex(it.identifier)
		map.set(h, {id: h, category: it.category, markdown: it.markdown})
	}
	return [...map.values()].map((x) => ({...x, t: state.dates.get(x.id)}))
}

export function body(items, kind) {
	const buckets = new Map()
	for (const it of items) {
		let key, label, path
		if (kind === 'weekly') {
			const {y, w} = isoWeek(it.t)
			key = y * 100 + w
			label = weekLabel(y, w)
			path = `/content/${y}/${w}/README.md`
		} else {
			const a = ymd(it.t)
			key = a.y * 10000 + (a.m + 1) * 100 + a.d
			label = dayLabel(it.t)
			path = `/content/${a.y}/${pad2(a.m + 1)}/${pad2(a.d)}/README.md`
		}
		if (!buckets.has(key)) buckets.set(key, {key, label, path, cats: new Map()})
		const b = buckets.get(key)
		if (!b.cats.has(it.category)) b.cats.set(it.category, [])
		b.cats.get(it.category).push(it.markdown)
	}
	const order = [...buckets.values()].sort((a, b) => b.key - a.key)
	const periods = order.map((b) => `\n## [${b.label}](${b.path})\n` +
		[...b.cats].map(([cat, mds]) => (cat ? `\n### ${cat}\n` : '') + '\n' + mds.join('\n')).join('\n'))
	// each period opens with a blank line (tal-spec 8.2): a page without
	// items ends with its header line, without a newline
	return periods.length ? '\n' + periods.join('\n') : ''
}

// ---- command line ----

export function parseOpts(argv) {
	const o = {
		type: 'list', maxHeading: 0, minHeading: 0, headingLevel: 0, parseCategory: true,
		repoUrl: '', branch: 'master', file: 'README.md', stars: null, render: true,
		git: null, importRev: null, head: 'HEAD', firstParent: false, pollSlots: null,
		pollTimes: null, pollSnapshots: false, weekly: null, daily: null
	}
	const val = (i) => {
		if (argv[i] === undefined) throw new Error(`${argv[i - 1]} needs a value`)
		return argv[i]
	}
	for (let i = 0; i < argv.length; i++) {
		switch (argv[i]) {
		case '--git': o.git = val(++i); break
		case '--file': o.file = val(++i); break
		case '--import': o.importRev = val(++i); break
		case '--head': o.head = val(++i); break
		case '--type': o.type = val(++i); break
		case '--max-heading-level': o.maxHeading = Number(val(++i)); break
		case '--min-heading-level': o.minHeading = Number(val(++i)); break
		case '--heading-level': o.headingLevel = Number(val(++i)); break
		case '--no-category': o.parseCategory = false; break
		case '--repo-url': o.repoUrl = val(++i); break
		case '--branch': o.branch = val(++i); break
		case '--stars': o.stars = val(++i); break
		case '--first-parent': o.firstParent = true; break
		case '--poll-slots': o.pollSlots = val(++i); break
		case '--poll-times': o.pollTimes = val(++i); break
		case '--poll-snapshots': o.pollSnapshots = true; break
		case '--weekly': o.weekly = val(++i); break
		case '--daily': o.daily = val(++i); break
		default: throw new Error(`unknown option ${argv[i]}`)
		}
	}
	if (!o.git) throw new Error('--git is required')
	return o
}

function main() {
	let o
	try {
		o = parseOpts(process.argv.slice(2))
	} catch (e) {
		process.stderr.write(`pages.mjs: ${e.message}\n`)
		process.exit(2)
	}
	const head = revParse(o.git, o.head)
	const c0 = o.importRev ? revParse(o.git, o.importRev) : head
	const parser = new Parser(o, loadStars(o.stars))
	const st = replay(o.git, o, parser, c0, head, null)
	const out = (f, s) => (f ? writeFileSync(f, s) : process.stdout.write(s))
	if (st.rejected) {
		if (o.weekly || !o.daily) out(o.weekly, '#ERROR\n')
		if (o.daily) out(o.daily, '#ERROR\n')
		process.exit(1)
	}
	const items = finalItems(st)
	if (o.weekly || !o.daily) out(o.weekly, body(items, 'weekly'))
	if (o.daily) out(o.daily, body(items, 'daily'))
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) main()

#!/usr/bin/env node
// Checks the oracle itself against pages trackawesomelist really published: for each case
// (default: every <repo root>/../shared/data/lists/<owner>/<repo>/ with a list.bundle), runs
// items.mjs on the file at head_commit (and the seed's commit where a seed page exists) and
// requires that every item line of the expected weekly/daily body is an item markdown
// printed by items.mjs, under a `### <category>` equal to the item's category.
//   node tests/oracle/selfcheck.mjs [CASEDIR...]
// Last line: `selfcheck: N passed, M failed` (N, M count page items).

import {readFileSync, existsSync, readdirSync, mkdtempSync, rmSync} from 'node:fs'
import {execFileSync} from 'node:child_process'
import {tmpdir} from 'node:os'
import {join, dirname} from 'node:path'
import {fileURLToPath} from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const data = process.env.AW_DATA || join(here, '../../../shared/data/lists')

function caseDirs() {
	if (process.argv.length > 2) return process.argv.slice(2)
	const out = []
	if (!existsSync(data)) return out
	for (const o of readdirSync(data)) {
		if (!existsSync(join(data, o)) || o.endsWith('.md') || o.endsWith('.txt')) continue
		let repos
		try {
			repos = readdirSync(join(data, o))
		} catch {
			continue
		}
		for (const r of repos) if (existsSync(join(data, o, r, 'list.bundle'))) out.push(join(data, o, r))
	}
	return out.sort()
}

function itemArgs(c, starsFile) {
	const o = c.options || {}
	const a = []
	if (o.type) a.push('--type', o.type)
	if (o.max_heading_level) a.push('--max-heading-level', String(o.max_heading_level))
	if (o.min_heading_level) a.push('--min-heading-level', String(o.min_heading_level))
	if (o.heading_level) a.push('--heading-level', String(o.heading_level))
	if (o.is_parse_category === false) a.push('--no-category')
	a.push('--repo-url', `https://github.com/${c.owner}/${c.repo}`, '--branch', c.url_branch || c.branch,
		'--file', c.file, '--stars', starsFile)
	return a
}

// Page body -> items: each category block is items joined by "\n"; an item is found by
// matching, at the current position, the longest item markdown printed by the oracle.
function checkPage(body, items) {
	const byMd = new Map()
	for (const it of items) byMd.set(it.markdown, it)
	const mds = [...byMd.keys()].filter((m) => m !== '').sort((a, b) => b.length - a.length)
	const firsts = new Set(mds.map((m) => m.split('\n')[0]))
	const lines = body.split('\n')
	let pass = 0
	let fail = 0
	const errs = []
	let cat = ''
	let i = 0
	while (i < lines.length) {
		const l = lines[i]
		if (l === '') {
			i++
			continue
		}
		if (l.startsWith('## [')) {
			cat = ''
			i++
			continue
		}
		if (l.startsWith('### ') && !firsts.has(l)) {
			cat = l.slice(4)
			i++
			continue
		}
		const rest = lines.slice(i).join('\n')
		const m = mds.find((md) => rest.startsWith(md) && (rest.length === md.length || rest[md.length] === '\n' || md.endsWith('\n')))
		if (!m) {
			fail++
			if (errs.length < 5) errs.push(`no oracle item at page line ${i + 1}: ${l.slice(0, 160)}`)
			i++
			continue
		}
		const it = byMd.get(m)
		if (it.category === cat) pass++
		else {
			fail++
			if (errs.length < 5) errs.push(`category ${JSON.stringify(it.category)}, page ${JSON.stringify(cat)}: ${l.slice(0, 100)}`)
		}
		i += m.replace(/\n$/, '').split('\n').length
	}
	return {pass, fail, errs}
}

let totalPass = 0
let totalFail = 0
const dirs = caseDirs()
if (dirs.length === 0) console.log(`selfcheck: no case under ${data}: skipped`)
for (const d of dirs) {
	const c = JSON.parse(readFileSync(join(d, 'case.json'), 'utf8'))
	const tmp = mkdtempSync(join(tmpdir(), 'selfcheck.'))
	try {
		execFileSync('git', ['clone', '-q', '--bare', join(d, 'list.bundle'), join(tmp, 'r.git')])
		const runs = [['', c.head_commit, 'stars.tsv']]
		if (existsSync(join(d, 'seed-case.json'))) {
			runs.push(['seed-', JSON.parse(readFileSync(join(d, 'seed-case.json'), 'utf8')).head_commit, 'seed-stars.tsv'])
		}
		for (const [prefix, commit, stars] of runs) {
			const src = execFileSync('git', ['-C', join(tmp, 'r.git'), 'show', `${commit}:${c.file}`], {maxBuffer: 1 << 30})
			const out = execFileSync('node', [join(here, 'items.mjs'), ...itemArgs(c, join(d, stars)), '-'],
				{input: src, maxBuffer: 1 << 30}).toString('utf8')
			const items = out.split('\n').filter((s) => s.startsWith('{')).map((s) => JSON.parse(s))
			for (const page of ['week', 'day']) {
				const f = join(d, `${prefix}expected-${page}-body.md`)
				if (!existsSync(f)) continue
				const r = checkPage(readFileSync(f, 'utf8'), items)
				totalPass += r.pass
				totalFail += r.fail
				console.log(`${c.owner}/${c.repo} ${prefix}${page} (${commit.slice(0, 10)}): ${r.pass} page items found, ${r.fail} not`)
				for (const e of r.errs) console.log(`  ${e}`)
			}
		}
	} finally {
		rmSync(tmp, {recursive: true, force: true})
	}
}
console.log(`selfcheck: ${totalPass} passed, ${totalFail} failed`)
process.exitCode = totalFail ? 1 : 0

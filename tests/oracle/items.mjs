#!/usr/bin/env node
// Test oracle for awtrack: extracts the items of an awesome-list markdown file the way
// trackawesomelist does (docs/spec.md 3-5), on the very npm packages it uses.
// Written from the spec and from reading the original's behaviour; no code copied.
//
// Usage:
//   node tests/oracle/items.mjs [--type list|table|heading] [--max-heading-level N]
//      [--min-heading-level N] [--heading-level N] [--no-category] [--repo-url URL]
//      [--branch B] [--file PATH] [--stars TSV] [--no-render] [--batch] [FILE|-]
//
// Output: one JSON line per item, in document order, duplicates kept:
//   {"identifier":"...","category":"...","markdown":"...","line":N}
// When the original would throw on the file (it then drops the whole file), the
// output for that file is the single line `#ERROR` (reason on stderr).
// --batch: FILE|- is a list of paths, one per line; prints `#FILE <path>` before each.

import {readFileSync, realpathSync} from 'node:fs'
import {pathToFileURL} from 'node:url'
import {fromMarkdown} from 'mdast-util-from-markdown'
import {gfm} from 'micromark-extension-gfm'
import {gfmFromMarkdown, gfmToMarkdown} from 'mdast-util-gfm'
import {toMarkdown} from 'mdast-util-to-markdown'
import {visit, EXIT} from 'unist-util-visit'
import {remove} from 'unist-util-remove'
import remarkInlineLinks from 'remark-inline-links'

const GITHUB_RESERVED_OWNERS = new Set([
	'marketplace', 'help', 'blog', 'about', 'explore', 'topics', 'issues', 'pulls',
	'notifications', 'settings', 'new', 'organizations', 'repositories', 'packages',
	'people', 'dashboard', 'projects', 'stars', 'gists', 'security', 'pricing',
	'customer-stories', 'nonprofit', 'education', 'enterprise', 'login', 'join',
	'watching', 'integrations', 'features'
])

function usage(msg) {
	if (msg) process.stderr.write(`items.mjs: ${msg}\n`)
	process.stderr.write('usage: node items.mjs [--type list|table|heading] [--max-heading-level N]\n' +
		'  [--min-heading-level N] [--heading-level N] [--no-category] [--repo-url URL]\n' +
		'  [--branch B] [--file PATH] [--stars TSV] [--no-render] [--batch] [FILE|-]\n')
	process.exit(2)
}

function parseArgs(argv) {
	const o = {
		type: 'list', maxHeading: 0, minHeading: 0, headingLevel: 0,
		parseCategory: true, repoUrl: '', branch: 'master', file: 'README.md',
		stars: null, render: true, batch: false, input: '-'
	}
	let gotInput = false
	const num = (i) => {
		const v = argv[i]
		if (v === undefined || !/^[0-9]+$/.test(v)) usage(`${argv[i - 1]} needs a number`)
		return Number(v)
	}
	const str = (i) => {
		if (argv[i] === undefined) usage(`${argv[i - 1]} needs a value`)
		return argv[i]
	}
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i]
		switch (a) {
		case '--type': o.type = str(++i); break
		case '--max-heading-level': o.maxHeading = num(++i); break
		case '--min-heading-level': o.minHeading = num(++i); break
		case '--heading-level': o.headingLevel = num(++i); break
		case '--no-category': o.parseCategory = false; break
		case '--repo-url': o.repoUrl = str(++i); break
		case '--branch': o.branch = str(++i); break
		case '--file': o.file = str(++i); break
		case '--stars': o.stars = str(++i); break
		case '--no-render': o.render = false; break
		case '--batch': o.batch = true; break
		case '-h': case '--help': usage()
		default:
			if (a !== '-' && a.startsWith('-')) usage(`unknown option ${a}`)
			if (gotInput) usage('only one input')
			o.input = a
			gotInput = true
		}
	}
	if (!['list', 'table', 'heading'].includes(o.type)) usage(`bad --type ${o.type}`)
	return o
}

function loadStars(path) {
	const m = new Map()
	if (!path) return m
	for (const line of readFileSync(path, 'utf8').split('\n')) {
		const tab = line.indexOf('\t')
		if (tab <= 0) continue
		m.set(line.slice(0, tab), line.slice(tab + 1).replace(/\r$/, ''))
	}
	return m
}

// Same decoding as Deno's readTextFile / Response.text(): UTF-8, BOM dropped, U+FFFD.
const decoder = new TextDecoder('utf-8')

function parse(text) {
	const tree = fromMarkdown(text, {
		extensions: [gfm()],
		mdastExtensions: [gfmFromMarkdown()]
	})
	remarkInlineLinks()(tree)
	return tree
}

const root = (children) => ({type: 'root', children})
const gfmOpts = {extensions: [gfmToMarkdown()]}

// TOC rule (3.1 step C): H = anchor links, E = others.
function keepList(list) {
	let h = 0
	let e = 0
	visit(root(list.children), 'link', (n) => {
		if (n.url.startsWith('#')) h++
		else e++
	})
	return h === 0 || (e > 10 && h < 2)
}

// List-mode category text: drop HTML and anchor links, serialize without GFM.
function listCategory(heading) {
	const r = root(heading.children)
	remove(r, (n) => n.type === 'html' || (n.type === 'link' && n.url.startsWith('#')))
	return toMarkdown(r).trim()
}

function joinCategory(cat, sub) {
	let c = ''
	if (cat) c = cat.trim().replace(/\n/g, ' ')
	if (sub) {
		if (c) c += ' / '
		c += sub.trim().replace(/\n/g, ' ')
	}
	return c
}

// Section 4: first link (pre-order) serialized standalone, else the whole node.
function identifierOf(node) {
	let link = null
	visit(node, 'link', (n) => {
		link = n
		return EXIT
	})
	return toMarkdown(link || node, gfmOpts).trim()
}

// Sections 5.1 and 5.2, in place.
function rewrite(node, o, stars) {
	const repoUrl = o.repoUrl
	const branch = o.branch
	const starred = []
	visit(node, (n) => {
		if (n.type === 'html' && n.value.includes('<img')) {
			n.value = n.value.replace(/src="([^"]+)"/g, (_m, url) => {
				let u = url
				if (url.startsWith('http')) {
					// absolute: kept
				} else if (url.startsWith('/')) {
					u = `${repoUrl}/raw/${branch}${url}`
				} else {
					u = `${repoUrl}/raw/${branch}/${url}`
				}
				if (new URL(u).hostname === 'github.com') u = u.replace('/blob/', '/raw/')
				return `src="${u}"`
			})
		}
		if (n.type === 'link' && (n.url.startsWith('http:') || n.url.startsWith('https:'))) {
			let parsed = null
			try {
				parsed = new URL(n.url)
			} catch {
				parsed = null
			}
			if (parsed && parsed.hostname === 'github.com' && n.children &&
				n.children.length > 0 && n.children[0].type === 'text' &&
				!n.children[0].value.startsWith('false')) {
				const seg = parsed.pathname.split('/')
				const owner = seg[1]
				const repo = seg[2]
				if (owner && repo && !GITHUB_RESERVED_OWNERS.has(owner)) {
					starred.push({n, key: `${owner}/${repo}`})
				}
			}
		} else if (n.type === 'link' && !n.url.startsWith('#') && !n.url.includes('://')) {
			if (n.url.startsWith('/')) n.url = `${repoUrl}/blob/${branch}${n.url}`
			else n.url = `${repoUrl}/blob/${branch}/${o.file}/${n.url}`
		} else if (n.type === 'image' && !n.url.startsWith('http')) {
			if (n.url.startsWith('/')) n.url = `${repoUrl}/raw/${branch}${n.url}`
			else n.url = `${repoUrl}/raw/${branch}/${n.url}`
		}
		if (n.type === 'image' && n.url.includes('blob')) {
			if (new URL(n.url).hostname === 'github.com') n.url = n.url.replace('/blob/', '/raw/')
		}
	})
	for (const {n, key} of starred) {
		const star = stars.get(key)
		if (star) n.children = [...n.children, {type: 'text', value: ` (⭐${star})`}]
	}
	return node
}

function listItems(tree, o, stars) {
	const maxH = o.maxHeading || 2
	const region = []
	let gate = false
	let lowest = 3
	for (const n of tree.children) {
		if (!gate) {
			if (n.type === 'heading' && n.depth === maxH) gate = true
			else continue
		}
		if (n.type === 'heading') {
			if (n.depth > lowest) lowest = n.depth
			region.push(n)
		} else if (n.type === 'list' && keepList(n)) {
			region.push(n)
		}
	}
	const minH = o.minHeading || lowest
	const out = []
	let cat = ''
	let sub = ''
	for (const n of region) {
		if (n.type === 'heading') {
			if (n.depth < minH && n.depth >= maxH) cat = listCategory(n)
			else if (n.depth === minH) sub = listCategory(n)
			continue
		}
		for (const item of n.children) {
			if (item.type !== 'listItem') continue
			const category = joinCategory(cat, sub)
			out.push({
				identifier: identifierOf(item),
				category: o.parseCategory ? category : '',
				node: item,
				line: item.position.end.line,
				endOffset: item.position.end.offset
			})
		}
	}
	for (const it of out) {
		it.markdown = o.render ? toMarkdown(rewrite(it.node, o, stars), gfmOpts).trim() : ''
	}
	return out
}

function tableItems(tree, o, stars) {
	const region = []
	let lowest = 3
	for (const n of tree.children) {
		if (n.type === 'heading') {
			if (n.depth > lowest) lowest = n.depth
			region.push(n)
		} else if (n.type === 'table') {
			region.push(n)
		}
	}
	const minH = o.minHeading || lowest
	const maxH = o.maxHeading || 2
	const out = []
	let cat = ''
	let sub = ''
	for (const n of region) {
		if (n.type === 'heading') {
			// Raw, and without GFM: a strikethrough here throws like the original.
			if (n.depth < minH && n.depth >= maxH) cat = toMarkdown(root(n.children))
			else if (n.depth === minH) sub = toMarkdown(root(n.children))
			continue
		}
		let rowIndex = 0
		for (const row of n.children) {
			if (row.type !== 'tableRow') continue
			if (rowIndex++ === 0) continue
			const category = joinCategory(cat, sub)
			out.push({
				identifier: identifierOf(row),
				category: o.parseCategory ? category : '',
				node: row,
				table: n,
				line: row.position.end.line,
				endOffset: row.position.end.offset
			})
		}
	}
	for (const it of out) {
		if (!o.render) {
			it.markdown = ''
			continue
		}
		const row = rewrite(it.node, o, stars)
		const header = it.table.children[0]
		let md = '- '
		row.children.forEach((cell, i) => {
			let h = ''
			try {
				h = toMarkdown(header.children[i], gfmOpts).trim()
			} catch {
				h = '' // more cells than the header: the original logs and uses ""
			}
			const c = toMarkdown(cell, gfmOpts).trim()
			md += i > 0 ? `  ${h}: ${c}\n\n` : `${h}: ${c}\n\n`
		})
		it.markdown = md
	}
	return out
}

function headingItems(tree, o, stars) {
	const region = []
	let gate = false
	let lowest = 3
	for (const n of tree.children) {
		if (!gate) {
			// No default here: without --max-heading-level nothing is collected.
			if (n.type === 'heading' && o.maxHeading && n.depth === o.maxHeading) gate = true
			else continue
		}
		if (n.type === 'heading') {
			if (n.depth > lowest) lowest = n.depth
			region.push(n)
		} else if (n.type === 'list') {
			if (keepList(n)) region.push(n)
		} else if (n.type !== 'thematicBreak') {
			region.push(n)
		}
	}
	const minH = o.minHeading || lowest
	const maxH = o.maxHeading || 2
	const level = o.headingLevel || 3
	const out = []
	let cat = ''
	let sub = ''
	let pending = []
	const close = () => {
		const r = root(pending)
		const category = joinCategory(cat, sub)
		out.push({
			identifier: identifierOf(r),
			category: o.parseCategory ? category : '',
			node: r,
			line: pending[pending.length - 1].position.end.line,
			endOffset: pending[pending.length - 1].position.end.offset
		})
	}
	for (const n of region) {
		if (n.type === 'heading' && n.depth <= level) {
			if (n.depth === level) {
				if (pending.length > 0) close()
				pending = [n]
			}
			if (n.depth < minH && n.depth >= maxH) cat = toMarkdown(root(n.children), gfmOpts)
			else if (n.depth === minH) sub = toMarkdown(root(n.children), gfmOpts)
		} else {
			pending.push(n)
		}
	}
	if (pending.length > 1) close()
	for (const it of out) {
		it.markdown = o.render ? toMarkdown(rewrite(it.node, o, stars), gfmOpts).trim() : ''
	}
	return out
}

// JSON.stringify escapes exactly ", \, \b \f \n \r \t and other C0 controls as
// lowercase \u00xx, and leaves everything else (DEL, non-ASCII) raw. Lone surrogates
// cannot occur: the decoder replaced bad UTF-8 with U+FFFD.
function emit(items, w) {
	for (const it of items) {
		w(JSON.stringify({
			identifier: it.identifier,
			category: it.category,
			markdown: it.markdown,
			line: it.line
		}) + '\n')
	}
}

// Items of one file (a Buffer). Each also has `lfLine`: the end line counted
// as git blame counts (LF only; `line` counts CR, LF and CRLF as CommonMark).
export function extract(buf, o, stars) {
	const text = decoder.decode(buf)
	const tree = parse(text)
	let items
	if (o.type === 'table') items = tableItems(tree, o, stars)
	else if (o.type === 'heading') items = headingItems(tree, o, stars)
	else items = listItems(tree, o, stars)
	if (text.includes('\r')) {
		for (const it of items) {
			let n = 1
			for (let i = text.indexOf('\n'); i >= 0 && i < it.endOffset; i = text.indexOf('\n', i + 1)) n++
			it.lfLine = n
		}
	} else {
		for (const it of items) it.lfLine = it.line
	}
	return items
}

export {parseArgs, loadStars}

function readInput(path) {
	return path === '-' ? readFileSync(0) : readFileSync(path)
}

function main() {
	const o = parseArgs(process.argv.slice(2))
	const stars = loadStars(o.stars)
	const chunks = []
	const w = (s) => {
		chunks.push(s)
		if (chunks.length >= 4096) flush()
	}
	const flush = () => {
		if (chunks.length) {
			writeSyncAll(chunks.join(''))
			chunks.length = 0
		}
	}
	let failed = 0
	const files = o.batch
		? readInput(o.input).toString('utf8').split('\n').map((s) => s.replace(/\r$/, '')).filter((s) => s !== '')
		: [o.input]
	for (const f of files) {
		if (o.batch) w(`#FILE ${f}\n`)
		let items
		try {
			items = extract(readInput(f), o, stars)
		} catch (e) {
			process.stderr.write(`items.mjs: ${f}: ${e && e.message ? e.message : e}\n`)
			w('#ERROR\n')
			failed++
			continue
		}
		emit(items, w)
	}
	flush()
	process.exitCode = failed && !o.batch ? 1 : 0
}

import {writeSync} from 'node:fs'
function writeSyncAll(s) {
	const b = Buffer.from(s, 'utf8')
	let off = 0
	while (off < b.length) {
		try {
			off += writeSync(1, b, off, b.length - off)
		} catch (e) {
			if (e.code !== 'EAGAIN') throw e
		}
	}
}

// run as a program (not when imported by pages.mjs)
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) main()

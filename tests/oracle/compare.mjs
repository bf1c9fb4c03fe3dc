#!/usr/bin/env node
// Helper of difftest.sh: compares, version by version, the item lines of the oracle
// (items.mjs) and of build/awparse. stdin: one line per version,
// `<commit> <blob> <oracle.jsonl> <awparse.jsonl>`. argv[2]: how many differences to show.
// Prints the differences and a last line `RESULT <versions> <passed> <failed> <diffversions>`.

import {readFileSync} from 'node:fs'

const show = Number(process.argv[2] || 5)
const lines = (p) => {
	let s
	try {
		s = readFileSync(p, 'utf8')
	} catch {
		return null
	}
	if (s.endsWith('\n')) s = s.slice(0, -1)
	return s === '' ? [] : s.split('\n')
}

// Cut a long JSON line around the first difference so both sides stay readable.
function excerpt(a, b) {
	let i = 0
	while (i < a.length && i < b.length && a[i] === b[i]) i++
	const from = Math.max(0, i - 60)
	const cut = (s) => (from > 0 ? '…' : '') + s.slice(from, i + 100) + (s.length > i + 100 ? '…' : '')
	return [i, cut(a), cut(b)]
}

let versions = 0
let passed = 0
let failed = 0
let diffVersions = 0
let shown = 0
for (const row of readFileSync(0, 'utf8').split('\n')) {
	if (!row) continue
	const [commit, blob, oFile, cFile] = row.split(' ')
	const o = lines(oFile)
	const c = lines(cFile)
	versions++
	if (o === null) {
		failed += Math.max(c ? c.length : 0, 1)
		diffVersions++
		if (shown++ < show) console.log(`  ${commit.slice(0, 10)} (blob ${blob.slice(0, 10)}): no oracle output`)
		continue
	}
	if (c === null) {
		failed += Math.max(o.length, 1)
		diffVersions++
		if (shown++ < show) console.log(`  ${commit.slice(0, 10)} (blob ${blob.slice(0, 10)}): no awparse output`)
		continue
	}
	const n = Math.max(o.length, c.length)
	let bad = 0
	for (let i = 0; i < n; i++) {
		const a = o[i]
		const b = c[i]
		if (a === b) {
			passed++
			continue
		}
		failed++
		bad++
		if (shown < show) {
			shown++
			console.log(`  ${commit.slice(0, 10)} (blob ${blob.slice(0, 10)}) item ${i + 1}` +
				` (oracle ${o.length} items, awparse ${c.length}):`)
			if (a === undefined || b === undefined) {
				console.log(`    oracle : ${a === undefined ? '(none)' : a.slice(0, 240)}`)
				console.log(`    awparse: ${b === undefined ? '(none)' : b.slice(0, 240)}`)
			} else {
				const [col, ea, eb] = excerpt(a, b)
				console.log(`    first difference at byte ${col}`)
				console.log(`    oracle : ${ea}`)
				console.log(`    awparse: ${eb}`)
			}
		}
	}
	if (bad) diffVersions++
}
console.log(`RESULT ${versions} ${passed} ${failed} ${diffVersions}`)

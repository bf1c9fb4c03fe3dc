#!/usr/bin/env node
// invalid-utf8.mjs [AWPARSE] - items of a list whose entries hold bytes that are
// not well-formed UTF-8 (stray continuation bytes, C0/C1 and F5 leads, overlong
// forms, surrogates, truncated sequences) next to emphasis, at the ends of items
// and inside literal autolinks, from awparse and from the npm reference
// (items.mjs). The reference reads the file as a JavaScript string (bad bytes
// become U+FFFD); awparse passes the bytes through, so its output is compared
// after the same decoding. Proves that the core classifies bad bytes as the
// reference does (core/aw_utf8.h).
import {execFileSync} from 'node:child_process'
import {writeFileSync, unlinkSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, dirname} from 'node:path'
import {fileURLToPath} from 'node:url'

const top = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const awparse = process.argv[2] || join(top, 'build', 'awparse')
const items = [
	[0x78, 0x20, 0x80, 0x2a, 0x2e, 0x66, 0x2e, 0x2a],           // x \x80*.f.*
	[0x61, 0xc0, 0xa0, 0x2a, 0x2e, 0x62, 0x2e, 0x2a],           // overlong space
	[0x61, 0xe0, 0x80, 0xa0, 0x5f, 0x2e, 0x63, 0x2e, 0x5f],     // overlong, _
	[0x61, 0xed, 0xa0, 0x80, 0x2a, 0x2a, 0x2e, 0x64, 0x2e, 0x2a, 0x2a], // surrogate
	[0x61, 0xf5, 0x80, 0x80, 0x80, 0x2a, 0x2e, 0x65, 0x2e, 0x2a], // F5 lead
	[0x74, 0x20, 0x80],                                         // trailing stray byte
	[0x2a, 0x67, 0x2a, 0xc2, 0xa0, 0x78, 0x20, 0x2a, 0x67, 0x2a, 0x20, 0xa0],
	[0xe2, 0x80, 0x20, 0x2a, 0x2e, 0x68, 0x2e, 0x2a, 0xe2, 0x80, 0xa8],
	[0x61, 0x20, 0xf0, 0x9f, 0x98, 0x2a, 0x2e, 0x69, 0x2e, 0x2a, 0x20,
		...Buffer.from('www.example.com'), 0xc0, 0xa0, 0x78],   // autolink literal
	[0xa0, 0x2a, 0x6b, 0x2a, 0xa0, 0x20, 0x5f, 0x80, 0x6c, 0x5f],
]
const parts = [Buffer.from('# Bad bytes\n\n## Cat\n\n')]
items.forEach((t, i) => parts.push(Buffer.from(`- [${i}](http://x${i}.org) - `), Buffer.from(t), Buffer.from('\n')))
const dir = mkdtempSync(join(tmpdir(), 'awutf8-'))
const file = join(dir, 'bad.md')
writeFileSync(file, Buffer.concat(parts))
let ref, got
try {
	ref = execFileSync('node', [join(top, 'tests', 'oracle', 'items.mjs'), file]).toString('utf8')
	got = new TextDecoder('utf-8').decode(execFileSync(awparse, [file]))
} finally {
	unlinkSync(file)
}
const r = ref.split('\n').filter(Boolean), g = got.split('\n').filter(Boolean)
let passed = 0, failed = 0
if (r.length !== items.length || g.length !== items.length) {
	console.log(`FAIL item count: reference ${r.length}, awparse ${g.length}, written ${items.length}`)
	failed++
}
for (let i = 0; i < Math.min(r.length, g.length); i++) {
	if (r[i] === g[i]) passed++
	else { failed++; console.log(`FAIL item ${i}\n  reference ${r[i]}\n  awparse   ${g[i]}`) }
}
console.log(`invalid-utf8: ${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)

// mutate.mjs - random edits of a list for the generated histories of
// pagediff.mjs and the CLI fuzzer: items inserted, deleted, moved, edited,
// duplicated; reference links in every form with definitions before or after
// their use; odd URLs; CR, CRLF and mixed line ends.

export function prng(seed) {
	let x = seed >>> 0 || 1
	const rnd = () => {
		x ^= x << 13; x >>>= 0
		x ^= x >>> 17
		x ^= x << 5; x >>>= 0
		return x / 4294967296
	}
	return {rnd, pick: (a) => a[Math.floor(rnd() * a.length)], rint: (n) => Math.floor(rnd() * n)}
}

export const ODD_URLS = ['http:/github.com/x/odd', 'https:example.com/odd', 'mailto:someone@example.com',
	'//cdn.example.com/lib.js', './docs/x.md', '../up.md', '/abs/path.md', '#anchor', '?q=1',
	'HTTPS://EXAMPLE.COM/UPPER', 'Http://github.com/Mixed/Case', 'HTTP:/github.com/a/b',
	'https://github.com/o/r#readme', 'ftp://ftp.example.com/x', 'x.md#frag', 'https://github.com/o',
	'https://www.github.com/o/r', 'https://github.com/topics/x']

const isItem = (l) => /^\s{0,3}([-*+]|\d+[.)])\s+\S/.test(l) || /^\|.*\|\s*$/.test(l)

export function mutate(text, n, gen, r, lateDefs = true) {
	const {rnd, pick, rint} = r
	let nl = '\n'
	let lines = text.split(/\r\n|\r|\n/)
	for (let k = 0; k < n; k++) {
		const items = lines.map((l, i) => (isItem(l) && !/^\|\s*[-:]/.test(l) ? i : -1)).filter((i) => i >= 0)
		if (!items.length) break
		const i = pick(items)
		const op = rint(13)
		gen.n++
		const linkRe = /\[([^\]\n]*)\]\(([^)\s]*)\)/
		switch (op) {
		case 0: case 1: { // insert a new item (a new first link)
			const l = lines[i].replace(linkRe, (_m, t) => `[${t} ${gen.n}](https://example.com/new/${gen.n})`)
			lines.splice(pick(items), 0, l === lines[i] ? `- [New ${gen.n}](https://example.com/n/${gen.n}) - New.` : l)
			break
		}
		case 2: // delete
			lines.splice(i, 1)
			break
		case 3: { // move
			const [l] = lines.splice(i, 1)
			lines.splice(pick(items), 0, l)
			break
		}
		case 4: // description edit
			lines[i] += ` Edited ${gen.n}.`
			break
		case 5: case 6: { // reference link, full / collapsed / shortcut; definition after or before
			const m = linkRe.exec(lines[i])
			if (!m || !m[1] || /[[\]]/.test(m[1])) break
			const form = rint(3)
			const label = form === 0 ? `ref${gen.n}` : m[1]
			const ref = form === 0 ? `[${m[1]}][${label}]` : form === 1 ? `[${m[1]}][]` : `[${m[1]}]`
			lines[i] = lines[i].replace(m[0], ref)
			const def = `[${label}]: ${m[2] || 'https://example.com/empty'}`
			if (lateDefs && rnd() < 0.6) lines.push('', def)
			else {
				const at = Math.max(0, lines.findIndex((l) => /^#/.test(l)) + 1)
				lines.splice(at, 0, '', def, '')
			}
			break
		}
		case 7: case 8: { // odd URL in an item's first link
			const u = pick(ODD_URLS)
			lines[i] = lines[i].replace(linkRe, (_m, t) => `[${t}](${u})`)
			break
		}
		case 9: // an angle-bracket autolink / bare URL item
			lines.splice(i, 0, pick([`- <https://auto.example.com/${gen.n}>`, `- https://bare.example.com/${gen.n}`,
				`- [img ${gen.n}](https://github.com/o${gen.n}/r) ![x](img/${gen.n}.png)`]))
			break
		case 10: // line ends
			nl = pick(['\n', '\r\n', '\n', 'mixed', 'cr'])
			break
		case 11: // a lone CR inside the text before an item
			lines.splice(i, 0, 'Text with a lone\rcarriage return.')
			break
		default: // duplicate an item elsewhere (duplicate identity)
			lines.splice(pick(items), 0, lines[i])
			break
		}
	}
	if (nl === 'mixed') return lines.map((l, i) => l + (i % 3 === 0 ? '\r\n' : '\n')).join('')
	if (nl === 'cr') return lines.map((l, i) => l + (i % 7 === 3 ? '\r' : '\n')).join('')
	return lines.join(nl)
}


const { titleCase } = require('title-case') /* npm i title-case@3.0.3 */;
const alpha = ['a','b','e','o','n','d','t','s','v','.',' ','-',':','–','—','\u00a0','A','Z','_','1','é','ß','ÿ','æ','×','’','"','(','[','*','/','x','i','f','h','\n','🙂','@'];
const words = ['a','an','and','ad','as','at','the','of','to','vs','vs.','v.','v','upon','over','only','some','by','if','in','or','on','via','yet','with','without','because','neither','versus','per','so','than','that','en','nor','up','when','but','for'];
let seed = 12345; const r = n => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
const out = [];
for (let k = 0; k < 3000; k++) {
  let s = ''; const len = r(6) + 1;
  for (let j = 0; j < len; j++) {
    if (r(2)) s += words[r(words.length)]; else { const m = r(4) + 1; for (let q = 0; q < m; q++) s += alpha[r(alpha.length)]; }
    s += [' ', '-', ':', '', '.', ' ', ': ', '—'][r(8)];
  }
  out.push(JSON.stringify([s, titleCase(s)]));
}
console.log(out.join('\n'));

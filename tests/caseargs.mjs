// caseargs.mjs CASEDIR flags|week|day [seed] - print the awtrack arguments
// (one per line) that reproduce a case's pages (case.json, or
// seed-case.json with "seed"), or the file name of the expected weekly or
// daily body ("-" when the case has none).
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';

const dir = process.argv[2];
const what = process.argv[3];
const seed = process.argv[4] === 'seed';
const c = JSON.parse(readFileSync(join(dir, seed ? 'seed-case.json' : 'case.json'), 'utf8'));
const a = [];
const opt = c.options || {};
if (opt.type) a.push('--type', opt.type);
if (opt.max_heading_level) a.push('--max-heading-level', String(opt.max_heading_level));
if (opt.min_heading_level) a.push('--min-heading-level', String(opt.min_heading_level));
if (opt.heading_level) a.push('--heading-level', String(opt.heading_level));
if (opt.is_parse_category === false) a.push('--no-category');
a.push('--file', c.file, '--repo-url', `https://github.com/${c.owner}/${c.repo}`,
       '--branch', c.url_branch || c.branch, '--head', c.head_commit);
if (!seed) a.push('--import', c.import_commit);
a.push('--stars', join(dir, seed ? 'seed-stars.tsv' : 'stars.tsv'));
for (let i = 0; !seed && i < (c.replay_flags || []).length; i++) {
  let f = c.replay_flags[i];
  a.push(f);
  if (f === '--poll-times') {
    // the runs file sits next to the lists (shared data) or in tests/data
    const name = c.replay_flags[++i];
    let p = [join(dir, name), join(dir, '..', '..', '..', name), join(dir, '..', '..', name)]
      .find(existsSync) || name;
    a.push(p);
  }
}
a.push('--tal-compat', '--body', '--quiet');
let out;
if (what === 'flags') out = a.join('\n');
else if (what === 'week') out = seed ? 'seed-expected-week-body.md'
  : c.oracle_matches ? 'expected-week-body.md' : 'oracle-week-body.md';
else if (what === 'day') out = seed ? '-'
  : c.oracle_day_matches ? 'expected-day-body.md' : 'oracle-day-body.md';
else { console.error('caseargs: flags|week|day'); process.exit(2); }
process.stdout.write(out + '\n');

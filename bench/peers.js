// peers.js -- runs the peer libraries over the same articles as the bench
// and writes their throughput as JSON.
//
//   node bench/peers.js ARTICLES.jsonl RUNS OUT.json
//
// ARTICLES.jsonl: {"text", "dct"} a line (bench/peers.sh exports the first
// BENCH_PEERS_MB MB of the corpus database in rowid order).  The libraries
// come from bench/peers/node_modules (npm, ignored by git):
//   chrono-node  chrono.parse(text, ref)                     dates
//   compromise   nlp(text).people()/places()/organizations()  entities
//   compromise   nlp(text).quotations()                        quotes
// Each is run once untimed over the first 50 articles (JIT warm-up), then
// RUNS times over all of them; wall time (process.hrtime) and CPU time
// (process.cpuUsage) are summed over the calls only (JSON parsing
// excluded) and the median run is reported.  MB = 10^6 bytes of UTF-8.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const [file, runsArg, outFile] = process.argv.slice(2);
if (!file || !outFile) {
  console.error('usage: node bench/peers.js ARTICLES.jsonl RUNS OUT.json');
  process.exit(2);
}
const runs = Math.max(1, parseInt(runsArg, 10) || 3);
const req = createRequire(path.join(__dirname, 'peers', 'package.json'));
const chrono = req('chrono-node');
const compromiseMod = req('compromise');
const nlp = compromiseMod.default || compromiseMod;
const version = (name) =>   // package.json may be hidden by an "exports" map, so read the file
  JSON.parse(fs.readFileSync(path.join(__dirname, 'peers', 'node_modules', name, 'package.json'), 'utf8')).version;

const docs = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text, 'utf8'), 0);
const refs = docs.map((d) => (d.dct ? new Date(d.dct + 'T12:00:00Z') : undefined));

const tools = [
  { name: 'chrono-node', version: version('chrono-node'), does: 'dates: chrono.parse(text, ref)',
    run: (d, i) => chrono.parse(d.text, refs[i]).length },
  { name: 'compromise', version: version('compromise'), does: 'entities: people+places+organizations',
    run: (d) => { const doc = nlp(d.text);
      return doc.people().length + doc.places().length + doc.organizations().length; } },
  { name: 'compromise', version: version('compromise'), does: 'quotes: quotations()',
    run: (d) => nlp(d.text).quotations().length },
];

function median(a) {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const results = [];
for (const t of tools) {
  for (let i = 0; i < Math.min(50, docs.length); i++) t.run(docs[i], i);
  const walls = [], cpus = [];
  let items = 0;
  for (let r = 0; r < runs; r++) {
    items = 0;
    const c0 = process.cpuUsage();
    const w0 = process.hrtime.bigint();
    for (let i = 0; i < docs.length; i++) items += t.run(docs[i], i);
    const w = Number(process.hrtime.bigint() - w0) / 1e9;
    const c = process.cpuUsage(c0);
    walls.push(w);
    cpus.push((c.user + c.system) / 1e6);
  }
  const wall = median(walls), cpu = median(cpus);
  results.push({ name: t.name, version: t.version, does: t.does, items, wall_s: wall, cpu_s: cpu,
                 mb_s: bytes / wall / 1e6, mb_cpu_s: bytes / cpu / 1e6 });
  console.error(`peers: ${t.name} ${t.does}: ${(bytes / wall / 1e6).toFixed(2)} MB/s`);
}
fs.writeFileSync(outFile, JSON.stringify({ node: process.version, articles: docs.length, bytes, runs,
                                           results }, null, 2) + '\n');

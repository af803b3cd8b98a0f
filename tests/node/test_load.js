// Loads newsext into node's better-sqlite3 (version 12) and checks a few
// results.  Usage: node test_load.js PATH/TO/newsext.so
// Prints "node: N passed, N failed"; exits non-zero on any failure.
'use strict';
const path = require('path');
const Database = require('better-sqlite3');

const ext = path.resolve(process.argv[2]).replace(/\.so$/, '');
const db = new Database(':memory:');
db.loadExtension(ext);

let passed = 0, failed = 0;
function check(name, got, want) {
  const a = JSON.stringify(got), b = JSON.stringify(want);
  if (a === b) passed++;
  else { failed++; console.log(`FAIL ${name}: got ${a}, want ${b}`); }
}

const article = 'PARIS (Wire) - The minister resigned on Monday. “I had no choice,” she said.';
const rows = db.prepare('SELECT idx, sentence FROM sentences(?)').all(article);
check('sentences', rows.map(r => r.idx), [0, 1, 2]);
check('dateline', rows[0].sentence, 'PARIS (Wire) -');
const json = JSON.parse(db.prepare('SELECT tokens_json(?) AS j').get('Sen. Smith').j);
check('json', json.map(t => t.kind), ['abbrev', 'word']);
try {
  db.prepare('SELECT * FROM tokens(?)').all(Buffer.from([1, 2]));
  check('blob error', 'no error', 'error');
} catch (e) {
  check('blob error', e.message, 'tokens: expected text, got a blob');
}
console.log(`node: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

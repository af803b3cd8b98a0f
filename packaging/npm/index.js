// newsext for node: the SQLite extension newsext.so, shipped in this package,
// and a helper to load it.
//
//   const Database = require('better-sqlite3');
//   const db = new Database('news.db');
//   require('newsext').load(db);
//   db.prepare('SELECT * FROM news_entities(?)').all('...');
'use strict';
const path = require('path');

// The path of the shipped extension, without its .so suffix (as SQLite's
// load_extension takes it).
function getLoadablePath() {
  return path.join(__dirname, 'newsext');
}

// Loads newsext into db: a better-sqlite3 Database, or anything with a
// loadExtension(path) method (node:sqlite's DatabaseSync opened with
// allowExtension: true).  Returns db.
function load(db) {
  db.loadExtension(getLoadablePath());
  return db;
}

module.exports = { load, getLoadablePath };

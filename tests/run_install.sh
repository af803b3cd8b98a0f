#!/bin/sh
# The install and package test (`make test-install`, part of `make test`).
# From a clean clone of HEAD, built there, with temporary directories for the
# prefix, the venv and the node project:
#   1. make install PREFIX=<tmp>: the extension goes to LIBDIR, the dynamic
#      loader's trusted multiarch directory, so `.load newsext` works by name
#      in the sqlite3 shell, Python and node with an EMPTY environment (no
#      LD_LIBRARY_PATH); newsext-batch, run from the PATH in another
#      directory, finds it without --ext; --help and the man page; the Dask
#      driver as newsext-dask (--help) and share/newsext/newsext_dask.py, the
#      Slurm scripts in share/newsext/slurm
#   2. the news_ names, on a database whose tables shadow the short names
#   3. newsext-batch, then materialize.sql's triggers, then writes from a
#      shell without newsext, then newsext-batch --pending: the result tables
#      equal a fresh full run
#   4. reference_date forms (RFC 2822, ISO 8601 with a zone, Unix seconds)
#   5. LICENSE and NOTICE installed, newsext_debug() names NOTICE, `make help`
#      lists every `make TARGET` of README.md and docs/
#   then make uninstall removes every file (and `.load newsext` fails again);
#   6. make deb + dpkg -i (load by name, newsext-batch in the PATH) + dpkg -r;
#      make wheel + pip install --no-index into a venv + newsext.load(conn);
#      make npm-pack + npm install into a project + require('newsext').load(db).
# Writes LIBDIR and installs a Debian package, so it needs root; a lock keeps
# two checkouts' runs from interleaving, and a newsext.so found in LIBDIR
# beforehand is put back afterwards.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL install: $*"; fail=$((fail + 1)); }
# one line per step: its checks passed and failed
spass=0; sfail=0
step() { echo "install: $1: $((pass - spass)) passed, $((fail - sfail)) failed"; spass=$pass; sfail=$fail; }
check() {   # check LABEL GOT WANT
  if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', want '$3'"; fi
}
if [ "$(id -u)" != 0 ]; then
  echo "FAIL install: needs root (it writes the system library directory and installs a .deb)"
  exit 1
fi
exec 9>/tmp/newsext-install-test.lock
flock 9

src=$tmp/src prefix=$tmp/prefix work=$tmp/work
mkdir -p "$work" "$tmp/home"
git clone -q "$root" "$src" || { echo "FAIL install: cannot clone $root"; exit 1; }
echo "install: testing $(git -C "$src" log -1 --format='%h %s' | cut -c1-70)"
(cd "$src" && nice make -s -j2 >"$tmp/build.log" 2>&1) || { tail -20 "$tmp/build.log"; echo "FAIL install: build"; exit 1; }
libdir=$(make -s -C "$src" --no-print-directory -f Makefile -f - print-libdir <<'EOF'
print-libdir: ; @echo $(LIBDIR)
EOF
)
saved=""
if [ -e "$libdir/newsext.so" ]; then saved=$tmp/saved-newsext.so; cp -p "$libdir/newsext.so" "$saved"; fi
cleanup() {
  make -s -C "$src" --no-print-directory uninstall PREFIX="$prefix" >/dev/null 2>&1
  dpkg -s newsext >/dev/null 2>&1 && dpkg -r newsext >/dev/null 2>&1
  [ -n "$saved" ] && cp -p "$saved" "$libdir/newsext.so"
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# a fresh shell: nothing but a PATH (the prefix's bin first) and a HOME
fresh() { env -i PATH="$prefix/bin:/usr/local/bin:/usr/bin:/bin" HOME="$tmp/home" "$@"; }
article='"We will rebuild," Mayor Ann Lee said on Tuesday in Dayton, Ohio.'

# ---------------------------------------------------------------- 1. install
make -s -C "$src" --no-print-directory install PREFIX="$prefix" >"$tmp/install.log" 2>&1 ||
  { cat "$tmp/install.log"; bad "make install"; }
check "LIBDIR is a trusted loader directory" "$(case "$libdir" in /usr/lib*|/lib*) echo yes ;; *) echo "$libdir" ;; esac)" yes
check "sqlite3 .load newsext" \
  "$(cd "$work" && fresh sqlite3 :memory: '.load newsext' "SELECT count(*) FROM tokens('by name')" 2>&1)" 2
check "python load_extension('newsext')" "$(cd "$work" && fresh /usr/bin/python3 -c '
import sqlite3
c = sqlite3.connect(":memory:")
c.enable_load_extension(True)
c.load_extension("newsext")
print(c.execute("SELECT count(*) FROM sentences(?)", ("One. Two.",)).fetchone()[0])' 2>&1)" 2
# node: better-sqlite3 as tests/run_node.sh installed it; without node or npm
# the node checks are skipped with a message, as run_node.sh does
nodemods=$root/tests/node/node_modules
skipped=""
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  skipped="node checks (no node or npm)"
elif [ -d "$nodemods/better-sqlite3" ]; then
  check "node loadExtension('newsext')" "$(cd "$work" && fresh NODE_PATH="$nodemods" node -e '
const db = new (require("better-sqlite3"))(":memory:");
db.loadExtension("newsext");
console.log(db.prepare("SELECT count(*) AS n FROM tokens(?)").get("by name").n);' 2>&1)" 2
else
  bad "node: no better-sqlite3 in tests/node (make test-sql installs it)"
fi
check "newsext-batch on the PATH" "$(fresh sh -c 'command -v newsext-batch')" "$prefix/bin/newsext-batch"
fresh newsext-batch --help 2>&1 | grep -q -- '--pending' && ok || bad "newsext-batch --help"
grep -q '^\.TH NEWSEXT-BATCH 1' "$prefix/share/man/man1/newsext-batch.1" 2>/dev/null && ok || bad "man page"
# the scale-out tools: the Dask driver as a command and a module, the Slurm scripts
check "newsext-dask on the PATH" "$(fresh sh -c 'command -v newsext-dask')" "$prefix/bin/newsext-dask"
fresh newsext-dask --help 2>&1 | grep -q -- '--scheduler' && ok || bad "newsext-dask --help"
for f in newsext_dask.py slurm/newsext-array.sbatch slurm/submit.sh slurm/README.md; do
  [ -s "$prefix/share/newsext/$f" ] && ok || bad "not installed: share/newsext/$f"
done
[ -x "$prefix/share/newsext/slurm/submit.sh" ] && ok || bad "share/newsext/slurm/submit.sh is not executable"

step "1. make install, .load newsext by name with an empty environment (sqlite3, python, node), newsext-batch, man page, newsext-dask, Slurm scripts"

# ------------------------------------------------------- 2. news_ prefixed names
got=$(cd "$work" && fresh sqlite3 :memory: '.load newsext' \
  "CREATE TABLE quotes(body TEXT); CREATE TABLE entities(x); INSERT INTO quotes VALUES ('$(echo "$article" | sed "s/'/''/g")');" \
  "SELECT x.speaker FROM quotes q, news_quotes(q.body) x;" \
  "SELECT json_array_length(quotes_json(body)) = json_array_length(news_quotes_json(body)) FROM quotes;" 2>&1 | tr '\n' ' ')
check "news_ names beside shadowing tables" "$got" "Ann Lee 1 "

step "2. news_ names beside tables that shadow the short names"

# ------------------------------------- 3. batch, triggers, plain writes, --pending
db=$work/news.db
sqlite3 "$db" <"$src/sql/demo_articles.sql"
(cd "$work" && fresh newsext-batch --quiet -j 2 "$db" >/dev/null 2>"$tmp/err") && ok || { bad "newsext-batch without --ext"; cat "$tmp/err"; }
(cd "$work" && fresh sqlite3 "$db" '.load newsext' ".read $prefix/share/newsext/materialize.sql") >"$tmp/err" 2>&1 &&
  ok || { bad "materialize.sql after newsext-batch"; cat "$tmp/err"; }
out=$(fresh sqlite3 "$db" "
  INSERT INTO articles(published, body) VALUES ('Tue, 03 Mar 1987 09:00:00 GMT', 'Acme Corp. said on Monday that Jane Roe will lead it.');
  UPDATE articles SET body = body || ' \"It is over,\" Kim Park said on Friday.' WHERE id = 2;
  UPDATE articles SET published = '2021-06-01' WHERE id = 3;
  DELETE FROM articles WHERE id = 4;" 2>&1)
check "writes without newsext" "$out" ""
(cd "$work" && fresh newsext-batch --quiet --pending "$db" >/dev/null 2>"$tmp/err") && ok || { bad "newsext-batch --pending"; cat "$tmp/err"; }
cp "$db" "$work/fresh.db"
(cd "$work" && fresh newsext-batch --quiet --reset "$work/fresh.db" >/dev/null 2>"$tmp/err") || { bad "fresh run"; cat "$tmp/err"; }
dump() { sqlite3 "$1" "SELECT 'e', * FROM article_entities; SELECT 'q', * FROM article_quotes;
  SELECT 'd', * FROM article_dates; SELECT 'done', * FROM newsext_batch_done; SELECT 'pending', * FROM newsext_pending;"; }
dump "$db" >"$tmp/kept"; dump "$work/fresh.db" >"$tmp/fresh"
if cmp -s "$tmp/kept" "$tmp/fresh" && [ "$(grep -c '^e|' "$tmp/kept")" -gt 10 ]; then ok
else bad "kept-current tables differ from a fresh run"; diff "$tmp/kept" "$tmp/fresh" | head -10; fi

step "3. newsext-batch, materialize.sql triggers, writes without newsext, --pending = fresh run"

# ------------------------------------------------------------ 4. reference dates
ref() { fresh sqlite3 :memory: '.load newsext' "SELECT value FROM event_dates('It happened yesterday.', $1)" 2>&1; }
check "RFC 2822 reference" "$(ref "'Tue, 03 Mar 1987 09:00:00 GMT'")" 1987-03-02
check "ISO 8601 with zone" "$(ref "'2013-03-14T00:30:00+02:00'")" 2013-03-13
check "Unix seconds" "$(ref 1700000000)" 2023-11-13
ref "'next Tuesday-ish'" | grep -q 'RFC 2822' && ok || bad "bad reference date: $(ref "'next Tuesday-ish'")"

step "4. reference_date: RFC 2822, ISO 8601 with zone, Unix seconds, error"

# --------------------------------------------------------- 5. licence, make help
[ -s "$prefix/share/doc/newsext/LICENSE" ] && grep -q 'MIT License' "$prefix/share/doc/newsext/LICENSE" && ok || bad "LICENSE"
grep -q 'CC BY 4.0' "$prefix/share/doc/newsext/NOTICE" && ok || bad "NOTICE"
fresh sqlite3 :memory: '.load newsext' 'SELECT newsext_debug()' | grep -q NOTICE && ok || bad "newsext_debug() names NOTICE"
help=$(make -s -C "$src" --no-print-directory help)
missing=""
for t in $(cd "$src" && grep -ohE '(`|^ *\$? ?)make [a-z][a-z0-9-]*' README.md docs/*.md | sed 's/.*make //' | sort -u); do
  echo "$help" | grep -qE "make ([a-z| -]* )?$t( |$)" || missing="$missing $t"
done
check "make help lists the documented targets" "$missing" ""

step "5. LICENSE, NOTICE, newsext_debug(), make help lists the documented targets"

# ----------------------------------------------------------------- uninstall
make -s -C "$src" --no-print-directory uninstall PREFIX="$prefix" >/dev/null 2>&1 || bad "make uninstall"
left=$(find "$prefix" -type f 2>/dev/null; [ -e "$libdir/newsext.so" ] && echo "$libdir/newsext.so")
check "uninstall removes every file" "$left" ""
fresh sqlite3 :memory: '.load newsext' 2>/dev/null && bad "still loads after uninstall" || ok

step "make uninstall removes every file"

# ------------------------------------------------------------------ 6. packages
pkgs="deb wheel"; [ -z "$skipped" ] && pkgs="$pkgs npm-pack"
(cd "$src" && make -s --no-print-directory $pkgs >"$tmp/pkg.log" 2>&1) || { tail -20 "$tmp/pkg.log"; bad "make $pkgs"; }
dist=$src/build/dist
deb=$(ls "$dist"/newsext_*.deb 2>/dev/null | head -1)
if [ -n "$deb" ] && dpkg -i "$deb" >"$tmp/dpkg.log" 2>&1; then
  check "deb: .load newsext" "$(cd "$work" && fresh sqlite3 :memory: '.load newsext' "SELECT count(*) FROM news_tokens('by name')" 2>&1)" 2
  check "deb: newsext-batch in the PATH" "$(env -i PATH=/usr/local/bin:/usr/bin:/bin sh -c 'command -v newsext-batch')" /usr/bin/newsext-batch
  sqlite3 "$work/deb.db" <"$src/sql/demo_articles.sql"
  (cd "$work" && env -i PATH=/usr/bin:/bin newsext-batch --quiet "$work/deb.db" >/dev/null 2>"$tmp/err") && ok ||
    { bad "deb: newsext-batch"; cat "$tmp/err"; }
  dpkg -r newsext >/dev/null 2>&1 && [ ! -e "$libdir/newsext.so" ] && ok || bad "dpkg -r newsext"
else
  bad "deb: no package or dpkg -i failed"; cat "$tmp/dpkg.log" 2>/dev/null
fi
whl=$(ls "$dist"/newsext-*.whl 2>/dev/null | head -1)
if [ -n "$whl" ] && /usr/bin/python3 -m venv --without-pip --system-site-packages "$tmp/venv" &&
   "$tmp/venv/bin/python" -m pip install -q --no-index "$whl" >"$tmp/pip.log" 2>&1; then
  check "wheel: newsext.load(conn)" "$(cd "$work" && fresh "$tmp/venv/bin/python" -c '
import sqlite3, newsext
assert newsext.loadable_path().startswith("'"$tmp/venv"'"), newsext.loadable_path()
c = sqlite3.connect(":memory:")
newsext.load(c)
print(c.execute("SELECT type FROM news_entities(?)", ("Ann Lee flew to Lyon.",)).fetchone()[0])' 2>&1)" PERSON
else
  bad "wheel: no wheel or pip install --no-index failed"; cat "$tmp/pip.log" 2>/dev/null
fi
tgz=$(ls "$dist"/newsext-*.tgz 2>/dev/null | head -1)
proj=$tmp/project
mkdir -p "$proj/node_modules"
if [ -n "$skipped" ]; then
  :
elif [ -n "$tgz" ] && [ -d "$nodemods/better-sqlite3" ] &&
   (cd "$proj" && echo '{"name":"t","version":"1.0.0","private":true}' >package.json &&
    npm install --offline --no-audit --no-fund "$tgz" >"$tmp/npm.log" 2>&1 &&
    for m in "$nodemods"/*; do [ -e "node_modules/${m##*/}" ] || ln -s "$m" node_modules/; done); then
  check "npm: require('newsext').load(db)" "$(cd "$proj" && fresh node -e '
const db = new (require("better-sqlite3"))(":memory:");
require("newsext").load(db);
console.log(db.prepare("SELECT type FROM news_entities(?)").get("Ann Lee flew to Lyon.").type);' 2>&1)" PERSON
else
  bad "npm: no package, no better-sqlite3 or npm install failed"; cat "$tmp/npm.log" 2>/dev/null
fi

step "6. make deb + dpkg -i/-r, make wheel + pip install --no-index + newsext.load, make npm-pack + npm install + load"
[ -n "$skipped" ] && echo "install: skipped $skipped"
echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

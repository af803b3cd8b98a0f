# tools/tools.mk -- the shipped programs of tools/; included by the Makefile.
#
#   make newsext-batch   the multi-threaded batch tool (also built by `make`;
#                        docs/newsext-batch.md)
#   make test-batch      its test (part of `make test`)

BATCH := newsext-batch
TOOL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) \
              $(shell pkg-config --cflags sqlite3 2>/dev/null)

.PHONY: test-batch clean-tools

all: $(BATCH)

$(BATCH): tools/newsext_batch.c
	$(CC) $(TOOL_CFLAGS) $(CFLAGS) -pthread -o $@ $< $(SQLITE_LIBS) $(LDFLAGS)

test-batch: $(EXT) $(BATCH)
	@tests/run_batch.sh ./$(EXT) ./$(BATCH)

test: test-batch

clean: clean-tools
clean-tools:
	rm -f $(BATCH)

# batch_lib.sh -- the start the newsext-batch test scripts share (sourced
# by run_batch.sh and run_scaleout.sh with their arguments): absolute paths
# of the extension ($1) and of newsext-batch ($2) in $ext and $bin, the
# repository root, $PYTHON, a temporary directory $tmp removed at exit, and
# the counters behind ok() and bad() (bad's lines name $suite).
ext=${1:?usage: $0 PATH/TO/newsext.so PATH/TO/newsext-batch}
bin=${2:?usage: $0 PATH/TO/newsext.so PATH/TO/newsext-batch}
ext=$(cd "$(dirname "$ext")" && pwd)/$(basename "$ext")
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
root=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-python3}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $suite: $*"; fail=$((fail + 1)); }

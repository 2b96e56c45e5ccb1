# TAP helpers for shell tests (source this file). Mirrors testsuite/common/tap.h.
#   tap_skip_unless_root REASON   prints "1..0 # SKIP ..." and exits when not root
#   ok STATUS DESCRIPTION         "ok N - ..." when STATUS is 0, else "not ok N - ..."
#   tap_done                      prints the plan; exit status 1 if anything failed
tap_n=0
tap_failed=0

tap_skip_unless_root() {
	if [ "$(id -u)" != 0 ]; then
		echo "1..0 # SKIP needs root ($1)"
		exit 0
	fi
}

ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

tap_done() {
	echo "1..$tap_n"
	[ "$tap_failed" = 0 ]
}

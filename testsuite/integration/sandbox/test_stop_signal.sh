#!/bin/bash
# Integration (TAP), regression: stopping a sandbox whose command runs forever (make demo) with
# SIGINT or SIGTERM used to leave samba running and the run's copy behind, because unshare ran in
# the background (where SIGINT is ignored) and bash deferred the trap until the foreground command
# ended. Both signals must stop the DC and remove everything within a few seconds.
# Arguments: BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/../../common/tap.sh"
build=$(readlink -f "$1") src=$(readlink -f "$2")
tap_skip_unless_root "the sandbox DC runs in private namespaces"

runs() { find "$build/sandbox" -maxdepth 1 -name 'run.*' 2>/dev/null | sort; }
for sig in INT TERM; do
	runs_before=$(runs)
	ready=$(mktemp)
	# A background job starts with SIGINT ignored; a terminal's Ctrl-C is not: restore the default.
	env --default-signal=INT "$src/testsuite/sandbox/sandbox" --state "$build/sandbox" \
		--plugin "$build/mapiproxy/plugin/sambex.so" --engine "$build/mapiproxy/sambexd" \
		-- sh -c 'echo "$SANDBOX_DIR $SANDBOX_SAMBA_PID" > "$0"; sleep 600' "$ready" &
	pid=$!
	for _ in $(seq 300); do [ -s "$ready" ] && break; sleep 0.1; done
	read -r run _ < "$ready"
	inner=$(cat "$run/ns.pid" 2>/dev/null)
	ok $? "the sandbox came up (run $run, namespace pid ${inner:-?})"
	t0=$(date +%s)
	kill -"$sig" "$pid"
	for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	! kill -0 "$pid" 2>/dev/null
	ok $? "SIG$sig stops the sandbox within 15 s ($(( $(date +%s) - t0 )) s)"
	if kill -0 "$pid" 2>/dev/null; then	# failed: do not leave it running
		kill -KILL "${inner:-0}" "$pid" 2>/dev/null
	fi
	wait "$pid" 2>/dev/null
	! kill -0 "${inner:-0}" 2>/dev/null
	ok $? "SIG$sig: the namespace's processes are gone"
	left=$(comm -13 <(echo "$runs_before") <(runs) | grep -c .)
	[ "$left" = 0 ]
	ok $? "SIG$sig: the run's copy was removed ($left left)"
	rm -f "$ready"
done
tap_done

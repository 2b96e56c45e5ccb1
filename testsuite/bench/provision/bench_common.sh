# bench_common.sh — sourced by the provisioning bench scripts once build and src are set:
#   bench_enter_sandbox STATE_DIR SCRIPT ARGS...
#        outside the sandbox: re-runs SCRIPT ARGS inside a fresh sandbox DC that allows schema
#        updates (does not return); inside: returns at once
#   now                 the time in seconds, for differences
# and sets sambex (the tool in the build) and sam (the DC's sam.ldb inside the sandbox).
bench_enter_sandbox() {
	local state=$1
	shift
	[ "${SAMBEX_IN_SANDBOX:-}" = 1 ] && return 0
	SAMBEX_IN_SANDBOX=1 exec "$src/testsuite/sandbox/sandbox" --state "$state" \
		--option "dsdb:schema update allowed=true" -- "$@"
}

now() { date +%s.%N; }

# ldb loads Samba's modules with RTLD_DEEPBIND, which the sanitizer runtimes refuse.
export LDB_MODULES_DISABLE_DEEPBIND=1 ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
sambex=$build/libmapi/tools/sambex
sam=/var/lib/samba/private/sam.ldb

# prov_common.sh — shared by the provisioning integration tests (source it after tap.sh).
#   prov_enter_sandbox BUILD SRC SCRIPT [SANDBOX OPTIONS...] -- ARGS...
#        outside the sandbox: skip unless root, else re-run SCRIPT inside one (does not return);
#        inside: makes the scratch file $out (removed on exit)
#   run STATUS ARGS...   runs sambex ARGS, keeps its output in $out, checks its exit status
#   said TEXT            whether $out holds TEXT (prints $out as diagnostics when not)
#   dbcheck_clean        samba-tool dbcheck of the DC's sam.ldb reports 0 errors
prov_enter_sandbox() {
	local build=$1 src=$2 script=$3
	shift 3
	if [ "${SAMBEX_IN_SANDBOX:-}" = 1 ]; then
		out=$(mktemp)
		trap 'rm -f "$out" "$out".*' EXIT
		return 0
	fi
	tap_skip_unless_root "the sandbox DC runs in private namespaces"
	SAMBEX_IN_SANDBOX=1 exec "$src/testsuite/sandbox/sandbox" --state "$build/sandbox" "$@" \
		-- "$script" "$build" "$src"
}

# ldb loads Samba's modules with RTLD_DEEPBIND, which the sanitizer runtimes refuse.
export LDB_MODULES_DISABLE_DEEPBIND=1 ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
sam=/var/lib/samba/private/sam.ldb

run() {
	local want=$1
	shift
	"$sambex" "$@" >"$out" 2>&1
	local rc=$?
	[ "$rc" = "$want" ] || { sed 's/^/# /' "$out"; echo "# exit status $rc, wanted $want"; return 1; }
}

said() { grep -q -- "$1" "$out" || { sed 's/^/# /' "$out"; return 1; }; }

dbcheck_clean() { samba-tool dbcheck --cross-ncs -H "$sam" >"$out" 2>&1 && said "(0 errors)"; }

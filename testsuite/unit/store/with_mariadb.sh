#!/bin/sh
# with_mariadb.sh PROGRAM — runs a store test program against a private MariaDB server: a fresh
# data directory in a temporary directory, no networking, a socket in that directory. The server
# is always stopped and the directory removed at the end. Skips (TAP "1..0 # SKIP") when not root
# or when mariadbd is not installed.
prog="$1"
skip() { echo "1..0 # SKIP $1"; exit 0; }

[ "$(id -u)" = 0 ] || skip "not root: the private mariadbd runs with --user=root"
mariadbd=$(command -v mariadbd || true)
[ -n "$mariadbd" ] || { [ -x /usr/sbin/mariadbd ] && mariadbd=/usr/sbin/mariadbd; }
[ -n "$mariadbd" ] || skip "mariadbd not installed (package mariadb-server)"
command -v mariadb-install-db >/dev/null 2>&1 || skip "mariadb-install-db not installed"

tmp=$(mktemp -d /tmp/sambex-mariadb.XXXXXX) || exit 1
pid=
cleanup() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null
		# Give it time to shut down cleanly, then make sure.
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# Temporary tables go to our own directory: parallel tests (some in their own PID namespace, so
# with the same PIDs) would otherwise collide on /tmp/#sql-temptable-<pid>-... names.
mkdir -p "$tmp/tmp"
mariadb-install-db --no-defaults --auth-root-authentication-method=normal --datadir="$tmp/data" \
	--tmpdir="$tmp/tmp" --user=root --skip-test-db >"$tmp/install.log" 2>&1 ||
	{ cat "$tmp/install.log" >&2; echo "not ok 1 - mariadb-install-db failed"; echo "1..1"; exit 1; }
"$mariadbd" --no-defaults --datadir="$tmp/data" --tmpdir="$tmp/tmp" --socket="$tmp/sock" --skip-networking --user=root \
	--pid-file="$tmp/pid" --log-error="$tmp/error.log" --innodb-buffer-pool-size=32M \
	--innodb-log-file-size=16M --max-allowed-packet=256M &
pid=$!
i=0
until [ -S "$tmp/sock" ]; do
	kill -0 "$pid" 2>/dev/null || { cat "$tmp/error.log" >&2; echo "not ok 1 - mariadbd did not start"; echo "1..1"; exit 1; }
	[ $i -lt 600 ] || { echo "not ok 1 - mariadbd socket did not appear"; echo "1..1"; exit 1; }
	sleep 0.1
	i=$((i + 1))
done

STORE_TEST_ENGINE=mariadb STORE_TEST_SOCKET="$tmp/sock" STORE_TEST_DIR="$tmp" "$prog"

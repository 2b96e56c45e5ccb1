#!/bin/bash
# bench_provision.sh BUILD_DIR SOURCE_DIR — issue 6's figures, in a fresh sandbox domain:
#   provision.ldap      seconds for `sambex provision` over LDAP (schema + organization; goal < 30 s)
#   users.create        seconds to create BENCH_USERS plain AD users with ldbadd (set-up, not a goal)
#   newuser.all         seconds for `sambex newuser --all` on them (goal < 600 s for 40000)
#   newuser.rate        users per second of that run
set -eu
build=$(readlink -f "$1") src=$(readlink -f "$2")
users=${BENCH_USERS:-40000}
. "$src/testsuite/bench/provision/bench_common.sh"
bench_enter_sandbox "$build/sandbox" "$0" "$@"
report() { awk -v n="$1" -v a="$2" -v b="$3" -v u="$4" 'BEGIN { printf "%s %.3f %s\n", n, a - b, u }'; }

t0=$(now)
"$sambex" provision -H "ldap://$SANDBOX_IP" -U "$SANDBOX_ADMIN%$SANDBOX_PASSWORD" \
	--server "$SANDBOX_HOST" >/dev/null
report provision.ldap "$(now)" "$t0" s

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
t0=$(now)
"$src/testsuite/bench/provision/make_users.sh" "$sam" 0 "$users" "$work"
report users.create "$(now)" "$t0" s

t0=$(now)
"$sambex" newuser -H "$sam" --server "$SANDBOX_HOST" --all >/dev/null
t1=$(now)
report newuser.all "$t1" "$t0" s
awk -v n="$users" -v a="$t1" -v b="$t0" 'BEGIN { printf "newuser.rate %.1f users/s\n", n / (a - b) }'

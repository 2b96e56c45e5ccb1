#!/bin/bash
# rate_newuser.sh BUILD_DIR SOURCE_DIR [USERS [CHUNK]] — a quick look at how `sambex newuser` scales:
# in a fresh sandbox domain, creates USERS (default 5000) plain AD users, then mailbox-enables them
# CHUNK (default 1000) at a time with `newuser --from-csv`, printing users/s for each chunk. A flat rate
# means the cost of one user does not grow with the directory. Run by hand, not by meson.
set -eu
build=$(readlink -f "$1") src=$(readlink -f "$2")
users=${3:-5000} chunk=${4:-1000}
. "$src/testsuite/bench/provision/bench_common.sh"
bench_enter_sandbox "$build/sandbox-rate" "$0" "$@"

"$sambex" provision -H "ldap://$SANDBOX_IP" -U "$SANDBOX_ADMIN%$SANDBOX_PASSWORD" \
	--server "$SANDBOX_HOST" >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
t0=$(now)
"$src/testsuite/bench/provision/make_users.sh" "$sam" 0 "$users" "$work"
awk -v a="$(now)" -v b="$t0" -v n="$users" 'BEGIN { printf "users.create %.1f s (%.0f users/s)\n", a - b, n / (a - b) }'
for ((first = 0; first < users; first += chunk)); do
	awk -v a="$first" -v n="$users" -v c="$chunk" \
		'BEGIN { for (i = a; i < a + c && i < n; i++) printf "bench%05d\n", i }' >"$work/chunk.csv"
	t0=$(now)
	"$sambex" newuser -H "$sam" --server "$SANDBOX_HOST" --from-csv "$work/chunk.csv" >/dev/null
	awk -v f="$first" -v a="$(now)" -v b="$t0" -v n="$(wc -l <"$work/chunk.csv")" \
		'BEGIN { printf "newuser users %d.. %.1f users/s\n", f, n / (a - b) }'
done

#!/bin/sh
# test_sambex_store.sh SAMBEX — `sambex store mailbox|check|stats` on a real SQLite store: clean,
# then with a broken parent link and a corrupted blob written behind the store's back.
sambex="$1"
dir=$(mktemp -d /tmp/sambex-store-tool.XXXXXX) || exit 1
trap 'rm -rf "$dir"' EXIT
url="sqlite://$dir/store"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else notok "$1"; fi; }

check "usage without arguments is exit 2" '"$sambex" store >/dev/null 2>&1; [ $? = 2 ]'
check "check with two URLs is exit 2" '"$sambex" store check a b >/dev/null 2>&1; [ $? = 2 ]'
check "unknown scheme is exit 1" '"$sambex" store check nosuch:///x >/dev/null 2>&1; [ $? = 1 ]'
check "mailbox creation" '"$sambex" store mailbox "$url" alice fr >"$dir/out" 2>&1'
check "second mailbox with the same owner fails" '! "$sambex" store mailbox "$url" alice >/dev/null 2>&1'
check "bad locale fails" '! "$sambex" store mailbox "$url" bob xx >/dev/null 2>&1'
check "fresh store checks clean" '"$sambex" store check "$url" >"$dir/out" 2>&1 && grep -q " 0 problems" "$dir/out"'
check "stats count mailboxes and folders" '"$sambex" store stats "$url" >"$dir/stats" && grep -qx "mailboxes 1" "$dir/stats" && grep -qx "folders 25" "$dir/stats" && grep -qx "messages 0" "$dir/stats"'
# Damage: a folder whose parent does not exist, written with Python's sqlite3 module.
python3 - "$dir/store/store.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE objects SET parent = 123456789 WHERE id = (SELECT MAX(id) FROM objects WHERE kind = 1)")
db.commit()
PY
check "a missing parent is found (exit 1)" '! "$sambex" store check "$url" >"$dir/out" 2>&1 && grep -q "missing parent" "$dir/out"'
python3 - "$dir/store/store.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE objects SET parent = id WHERE id = (SELECT MAX(id) FROM objects WHERE kind = 1)")
db.execute("UPDATE blobs SET refs = refs")
db.execute("INSERT INTO blobs (hash, refs, raw_size, stored_size) VALUES (zeroblob(32), 3, 10, 10)")
db.commit()
PY
check "a cycle and a bad reference count are found" '! "$sambex" store check "$url" >"$dir/out" 2>&1 && grep -q "cycle" "$dir/out" && grep -q "reference count 3" "$dir/out"'
# gc: a file without a blob row (older than the grace period) goes; a fresh one stays.
mkdir -p "$dir/store/blobs/ab"
orphan="$dir/store/blobs/ab/ab$(printf '%062d' 0)"
fresh="$dir/store/blobs/ab/ab$(printf '%062d' 1)"
echo x >"$orphan"
echo y >"$fresh"
touch -d '2 hours ago' "$orphan"
check "gc usage errors are exit 2" '"$sambex" store gc >/dev/null 2>&1; [ $? = 2 ] && "$sambex" store gc "$url" -5 >/dev/null 2>&1; [ $? = 2 ]'
check "gc removes an old orphan file, keeps a fresh one" '"$sambex" store gc "$url" >"$dir/out" 2>&1 && grep -q "removed 1 blob files" "$dir/out" && grep -q "kept 1 younger" "$dir/out" && [ ! -e "$orphan" ] && [ -e "$fresh" ]'
check "gc with grace 0 on a store without garbage is a no-op" 'rm -f "$fresh" && "$sambex" store gc "$url" 0 >"$dir/out" 2>&1 && grep -q "removed 0 blob files" "$dir/out"'
echo "1..$n"

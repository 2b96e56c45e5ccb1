#!/bin/bash
# make_users.sh SAM_LDB FIRST COUNT WORKDIR — adds plain AD users benchFIRST.. (COUNT of them) to
# SAM_LDB with ldbadd, 2000 per transaction: one 40000-entry transaction is far slower (the index
# lists it keeps in memory grow with it), and one transaction per user pays a commit each time.
set -eu
sam=$1 first=$2 count=$3 work=$4
end=$((first + count))
for ((a = first; a < end; a += 2000)); do
	awk -v a="$a" -v n="$end" 'BEGIN { for (i = a; i < a + 2000 && i < n; i++)
		printf "dn: CN=bench%05d,CN=Users,DC=sambex,DC=test\nobjectClass: user\nsAMAccountName: bench%05d\n\n", i, i }' \
		>"$work/users.ldif"
	ldbadd -H "$sam" "$work/users.ldif" >/dev/null
done

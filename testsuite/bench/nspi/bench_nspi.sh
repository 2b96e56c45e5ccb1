#!/bin/bash
# Benchmark: the NSPI address book over 40,000 address-book users (issue 7's acceptance figures).
#
# Outside the sandbox this script re-runs itself inside one (testsuite/sandbox/sandbox, sambexd
# with --smb-conf); inside, it writes the users as LDIF files and adds them with ldbadd straight
# into sam.ldb (2,000 entries per transaction, no samba-tool per user: minutes, not hours), each with
# displayName, givenName, sn, mail, title, department, telephoneNumber, legacyExchangeDN and
# showInAddressBook naming the Default Global Address List (created here), then runs bench_nspi
# as alice, a plain domain user. Prints "name value unit" lines (testsuite/common/bench.h).
# Arguments (from meson): BUILD_DIR SOURCE_DIR [USERS]
set -u
build=$(readlink -f "$1") src=$(readlink -f "$2") users=${3:-${NSPI_BENCH_USERS:-40000}}

if [ "${SAMBEX_IN_SANDBOX:-}" != 1 ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "# skipped: the sandbox DC runs in private namespaces (needs root)"
		exit 0
	fi
	SAMBEX_IN_SANDBOX=1 exec "$src/testsuite/sandbox/sandbox" \
		--state "$build/sandbox" \
		--plugin "$build/mapiproxy/plugin/sambex.so" \
		--engine "$build/mapiproxy/sambexd" \
		-- "$0" "$build" "$src" "$users"
fi

sam=/var/lib/samba/private/sam.ldb
base=$(ldbsearch -H "$sam" -s base -b "" defaultNamingContext 2>/dev/null |
	sed -n 's/^defaultNamingContext: //p')
gal="CN=Default Global Address List,CN=Configuration,$base"
org="/o=Sambex/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn="
ldif=$(mktemp -d) log=$(mktemp)

t0=$(date +%s.%N)
# In files of 2,000 entries, one transaction each: one ldbadd of all 40,000 grows slower with
# every entry (it had done 30% after 15 minutes).
{
	printf 'dn: %s\nobjectClass: addressBookContainer\ndisplayName: %s\n\n' \
		"$gal" "Default Global Address List"
	printf 'dn: OU=NspiBench,%s\nobjectClass: organizationalUnit\n\n' "$base"
} >"$ldif/part.0000"
{
	# Names from small lists so that display names sort like real ones; nbNNNNN is unique.
	awk -v n="$users" -v base="$base" -v gal="$gal" -v org="$org" -v dir="$ldif" 'BEGIN {
		split("Ada Ben Cleo Dan Eva Finn Gus Hana Ida Jon Kai Lea Max Nia Otto Pia " \
		      "Quin Rosa Sam Tea Uma Vic Wes Xena Yann Zoe", first, " ")
		split("Abbott Becker Costa Duval Ekberg Fischer Garcia Hansen Ivanova Jensen " \
		      "Kowalski Larsen Moreau Novak Olsen Petrov Quinn Rossi Schmidt Tanaka " \
		      "Ueda Vargas Weber Xu Yilmaz Zimmer", last, " ")
		for (i = 0; i < n; i++) {
			f = sprintf("%s/part.%04d", dir, 1 + int(i / 2000))
			a = sprintf("nb%05d", i)
			g = first[1 + (i * 7) % 26]; s = last[1 + int(i / 26) % 26]
			printf "dn: CN=%s,OU=NspiBench,%s\nobjectClass: user\n", a, base >> f
			printf "sAMAccountName: %s\ndisplayName: %s %s %05d\n", a, g, s, i >> f
			printf "givenName: %s\nsn: %s\nmail: %s@sambex.test\n", g, s, a >> f
			printf "title: Engineer\ndepartment: Dept %d\n", i % 50 >> f
			printf "telephoneNumber: +1 555 %07d\n", i >> f
			printf "legacyExchangeDN: %s%s\nshowInAddressBook: %s\n\n", org, a, gal >> f
		}
	}'
}
ok=1
for part in "$ldif"/part.*; do
	ldbadd -H "$sam" "$part" >>"$log" 2>&1 || { ok=0; break; }
done
if [ "$ok" != 1 ] || ! samba-tool user create alice 'Sambex.User1' -H "$sam" >>"$log" 2>&1; then
	echo "# filling the directory failed:"
	tail -n 20 "$log" | sed 's/^/# /'
	exit 1
fi
t1=$(date +%s.%N)
echo "nspi.fill_users $users users"
echo "nspi.fill_time $(echo "$t1 - $t0" | bc) s"
rm -rf "$ldif"

# alice's token as sambexd gets it: her SID, Domain Users, Everyone, Authenticated Users.
sid=$(ldbsearch -H "$sam" samAccountName=alice objectSid | sed -n 's/^objectSid: //p')
PROBE_USER=alice PROBE_PASSWORD='Sambex.User1' "$build/testsuite/bench/nspi/bench_nspi" \
	"$users" nb /etc/samba/smb.conf "$sid" "${sid%-*}-513" S-1-1-0 S-1-5-11
status=$?
# The session tables' sizes sambexd logs with SAMBEXD_DEBUG_NSPI_MEM set (docs/nspi.md figures).
grep -h 'nspi GAL' "${SANDBOX_ENGINE_LOG}" 2>/dev/null | tail -n 1 | sed 's/^/# /'
[ "$status" = 0 ] || { echo "# sambexd log:"; tail -n 30 "${SANDBOX_ENGINE_LOG}" | sed 's/^/# /'; }
exit $status

#!/bin/bash
# Integration (TAP): the NSPI address book over the sandbox DC's directory (issue 7).
#
# Outside the sandbox this script re-runs itself inside one (testsuite/sandbox/sandbox, which
# starts sambexd with --smb-conf); inside, it fills the directory with an address book of its own —
# a Default Global Address List object, 13 users, 3 groups and 3 contacts shown in it, a user shown
# in no list (hidden) and one in an OU the caller may not read — then runs nspi_check as alice, a
# plain domain user. The TAP lines name the MS-OXNSPI requirement IDs they cover ("[R...]").
# Arguments (from meson): BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/../../common/tap.sh"	# tap_skip_unless_root
build=$(readlink -f "$1") src=$(readlink -f "$2")

if [ "${SAMBEX_IN_SANDBOX:-}" != 1 ]; then
	tap_skip_unless_root "the sandbox DC runs in private namespaces"
	SAMBEX_IN_SANDBOX=1 exec "$src/testsuite/sandbox/sandbox" \
		--state "$build/sandbox" \
		--plugin "$build/mapiproxy/plugin/sambex.so" \
		--engine "$build/mapiproxy/sambexd" \
		-- "$0" "$@"
fi

sam=/var/lib/samba/private/sam.ldb
base=$(ldbsearch -H "$sam" -s base -b "" defaultNamingContext 2>/dev/null |
	sed -n 's/^defaultNamingContext: //p')
gal="CN=Default Global Address List,CN=Configuration,$base"
org="/o=Sambex/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn="
log=$(mktemp)

add() { ldbadd -H "$sam" >>"$log" 2>&1; }
modify() { ldbmodify -H "$sam" >>"$log" 2>&1; }

# An address book user: account $1, display name $2, shown in the GAL unless $3 = hidden.
ab_user() {
	local attr=showInAddressBook value=$gal
	[ "${3:-}" = hidden ] && attr=description value=hidden
	samba-tool user create "$1" 'Sambex.User1' -H "$sam" >>"$log" 2>&1 &&
	modify <<LDIF
dn: CN=$1,CN=Users,$base
changetype: modify
add: displayName
displayName: $2
-
add: mail
mail: $1@sambex.test
-
add: legacyExchangeDN
legacyExchangeDN: $org$1
-
add: givenName
givenName: ${2%% *}
-
add: department
department: Dept $1
-
add: $attr
$attr: $value
LDIF
}

setup() {
	add <<LDIF || return 1
dn: $gal
objectClass: addressBookContainer
displayName: Default Global Address List
LDIF
	# Another address list, Sales, showing bob and Carol besides the GAL.
	add <<LDIF || return 1
dn: CN=Sales,CN=Configuration,$base
objectClass: addressBookContainer
displayName: Sales
LDIF
	ab_user alice "Alice Anders" || return 1
	local i=0
	for name in "bob Baker" "Carol Chen" "dave Dunn" "Erin Evans" "frank Foster" "Grace Green" \
		    "heidi Hall" "Ivan Ito" "judy Jones" "Mallory Moss" "Oscar Olsen"; do
		i=$((i + 1))
		ab_user "nspiuser$i" "$name" || return 1
	done
	ab_user zoe "Zoë Zander" || return 1
	for u in nspiuser1 nspiuser2; do
		modify <<LDIF || return 1
dn: CN=$u,CN=Users,$base
changetype: modify
add: showInAddressBook
showInAddressBook: CN=Sales,CN=Configuration,$base
LDIF
	done
	ab_user hidden1 "Hidden Hal" hidden || return 1
	for g in 1 2 3; do
		add <<LDIF || return 1
dn: CN=nspigroup$g,CN=Users,$base
objectClass: group
sAMAccountName: nspigroup$g
displayName: Group $g
legacyExchangeDN: ${org}nspigroup$g
showInAddressBook: $gal
member: CN=zoe,CN=Users,$base
LDIF
		add <<LDIF || return 1
dn: CN=nspicontact$g,CN=Users,$base
objectClass: contact
displayName: Contact $g
mail: contact$g@example.org
legacyExchangeDN: ${org}nspicontact$g
showInAddressBook: $gal
LDIF
	done
	# alice may write the members of nspigroup2 (not of the other groups).
	alice_sid=$(ldbsearch -H "$sam" samAccountName=alice objectSid | sed -n 's/^objectSid: //p')
	samba-tool dsacl set -H "$sam" --objectdn="CN=nspigroup2,CN=Users,$base" \
		--sddl="(A;;WP;;;$alice_sid)" >>"$log" 2>&1 || return 1
	# An OU alice may not read (a deny ACE for her, inherited), and a listed user inside it.
	add <<LDIF || return 1
dn: OU=NspiSecret,$base
objectClass: organizationalUnit
LDIF
	samba-tool dsacl set -H "$sam" --objectdn="OU=NspiSecret,$base" \
		--sddl="(D;CI;RPLCLORC;;;$alice_sid)" >>"$log" 2>&1 || return 1
	samba-tool user create secret1 'Sambex.User1' --userou=OU=NspiSecret -H "$sam" \
		>>"$log" 2>&1 || return 1
	modify <<LDIF
dn: CN=secret1,OU=NspiSecret,$base
changetype: modify
add: displayName
displayName: Secret Sam
-
add: legacyExchangeDN
legacyExchangeDN: ${org}secret1
-
add: showInAddressBook
showInAddressBook: $gal
LDIF
}

if ! setup; then
	echo "not ok 1 - directory filled: a GAL object, users, groups, contacts"
	sed 's/^/# /' "$log"
	echo "1..1"
	exit 1
fi
# 13 users + 3 groups + 3 contacts are in alice's GAL; the hidden and the unreadable user are not.
# nspi_check speaks TAP itself (its first line is the NspiBind as alice).
# NSPI_CHECK_DUMP=DIR (passed through) keeps every request, to refresh the fuzz seeds.
out=$(PROBE_USER=alice PROBE_PASSWORD='Sambex.User1' \
	"$build/testsuite/integration/nspi/nspi_check" 19 "${org}zoe" "${org}hidden1" "${org}secret1")
status=$?
printf '%s\n' "$out"
# The report: which MS-OXNSPI requirement IDs the passing checks cover.
covered=$(printf '%s\n' "$out" | grep '^ok ' | grep -o '\[R[0-9 R]*\]' | grep -o 'R[0-9]\+' |
	sort -u -t R -k 2n)
echo "# MS-OXNSPI requirements covered by passing checks: $(echo "$covered" | grep -c R)"
echo "# $(echo $covered)"
[ "$status" = 0 ] || { echo "# sambexd log:"; tail -n 30 "${SANDBOX_ENGINE_LOG:-/var/log/samba/sambexd.log}" | sed 's/^/# /'; }
exit $status

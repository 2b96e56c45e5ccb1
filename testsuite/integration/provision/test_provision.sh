#!/bin/bash
# Integration (TAP): `sambex provision`, newuser, deluser and deprovision against the sandbox DC
# (issue 6), over LDAP with the admin's credentials and locally on the DC's sam.ldb.
# Arguments (from meson): BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/../../common/tap.sh"
build=$(readlink -f "$1") src=$(readlink -f "$2")
sambex=$build/libmapi/tools/sambex

. "$src/testsuite/integration/provision/prov_common.sh"
prov_enter_sandbox "$build" "$src" "$0" --option "dsdb:schema update allowed=true"
url=ldap://$SANDBOX_IP
creds=$SANDBOX_ADMIN%$SANDBOX_PASSWORD
config=CN=Configuration,DC=sambex,DC=test
exch="CN=Microsoft Exchange,CN=Services,$config"
org="CN=First Organization,$exch"

count() { ldbsearch -H "$sam" "$@" dn 2>/dev/null | grep -c '^dn: '; }
# attr USER NAME: the first value of NAME on USER (ldbsearch folds long lines: unfold first).
attr() {
	ldbsearch -H "$sam" "(sAMAccountName=$1)" "$2" 2>/dev/null | sed -e ':a;N;$!ba;s/\n //g' |
		sed -n "s/^$2:* //p" | head -n 1
}

run 1 provision -H "$url" -U "$SANDBOX_ADMIN%wrong-password" && said "wrong user name or password"
ok $? "provision with a wrong password: exit 1, 'wrong user name or password'"
run 1 provision -H ldap://10.213.1.9 -U "$creds" && said "cannot reach the directory"
ok $? "provision against an unreachable DC: exit 1, 'cannot reach the directory'"
run 1 provision -H /nonexistent/sam.ldb && said "no such readable and writable sam.ldb"
ok $? "provision on a missing sam.ldb: exit 1, nothing created there"
run 1 provision -H "$url" -U "$creds" --org "$(printf 'O%.0s' $(seq 65))" && said "must be 1 to 64 characters"
ok $? "an organization name of 65 characters: exit 1 (legacyExchangeDN RDN limit)"
run 1 provision -H "$url" -U "$creds" --org "A/B" && said "without '/'"
ok $? "an organization name with '/': exit 1"
run 2 provision --org X
ok $? "provision without -H: usage, exit 2"
[ "$(count -b "$config" '(objectClass=msExchOrganizationContainer)')" = 0 ]
ok $? "the failures wrote nothing"

t0=$(date +%s.%N)
run 0 provision -H "$url" -U "$creds" --server "$SANDBOX_HOST" && said "changes; server $SANDBOX_HOST"
ok $? "provision over LDAP as $SANDBOX_ADMIN succeeds ($(awk -v a="$(date +%s.%N)" -v b="$t0" "BEGIN { printf \"%.1f\", a - b }") s)"
grep -c "schema: added" "$out" | { read n; [ "$n" -ge 15 ]; }
ok $? "it added the Exchange schema objects"
# Samba builds @INDEXLIST from searchFlags: unique values are indexed, shared ones must not be
# (each newuser would rewrite their ever-growing index record, docs/provisioning.md).
ldbsearch -H "$sam" -b @INDEXLIST -s base @IDXATTR 2>/dev/null >"$out.idx"
grep -qx "@IDXATTR: mailNickname" "$out.idx" && grep -qx "@IDXATTR: msExchMailboxGuid" "$out.idx" &&
	! grep -qx -E "@IDXATTR: (homeMDB|msExchHomeServerName|msExchRecipientDisplayType|msExchRecipientTypeDetails)" "$out.idx"
ok $? "mailNickname and msExchMailboxGuid are indexed; homeMDB, msExchHomeServerName and the recipient types are not"
run 0 provision -H "$url" -U "$creds" --server "$SANDBOX_HOST" && said "nothing to do"
ok $? "a second provision changes nothing and says so"
run 0 provision -H "$sam" --server "$SANDBOX_HOST" && said "nothing to do"
ok $? "provision locally on sam.ldb also finds nothing to do"
run 1 provision -H "$url" -U "$creds" --org "Other Org" && said "named 'First Organization' already exists"
ok $? "provision --org with another name: exit 1, 'already exists'"
[ "$(count -b "$exch" -s one '(objectClass=msExchOrganizationContainer)')" = 1 ]
ok $? "still exactly one organization"

for dn in "$org" "CN=Default Global Address List,CN=All Global Address Lists,CN=Address Lists Container,$org" \
	"CN=All Users,CN=All Address Lists,CN=Address Lists Container,$org" \
	"CN=$SANDBOX_HOST,CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,$org"; do
	[ "$(count -b "$dn" -s base)" = 1 ]
	ok $? "ldbsearch sees ${dn%%,*}"
done
ldbsearch -H "$url" -U "$creds" -b "$exch" -s base globalAddressList 2>/dev/null | grep -q "Default Global Address List"
ok $? "globalAddressList on CN=Microsoft Exchange names the Default GAL (read over LDAP)"
samba-tool schema attribute show mailNickname -H "$sam" 2>/dev/null | grep -q "lDAPDisplayName: mailNickname"
ok $? "samba-tool schema attribute show mailNickname finds it"
samba-tool schema objectclass show msExchExchangeServer -H "$sam" 2>/dev/null | grep -q msExchExchangeServer
ok $? "samba-tool schema objectclass show msExchExchangeServer finds it"
dbcheck_clean
ok $? "samba-tool dbcheck: 0 errors after provision"

for u in u1 u2 u3 u4 u5 u6; do samba-tool user create $u "Sambex.User-$u" >/dev/null 2>&1; done
run 0 newuser -H "$url" -U "$creds" u1 && said "u1: mailbox enabled"
ok $? "newuser u1 over LDAP"
[ "$(attr u1 legacyExchangeDN)" = "/o=First Organization/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=u1" ]
ok $? "u1's legacyExchangeDN is /o=First Organization/ou=.../cn=Recipients/cn=u1"
[ "$(attr u1 mailNickname)" = u1 ] && [ -n "$(attr u1 msExchMailboxGuid)" ] &&
	[ "$(attr u1 msExchHomeServerName)" = "/o=First Organization/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=$SANDBOX_HOST" ]
ok $? "u1 has mailNickname, msExchMailboxGuid and msExchHomeServerName"
ldbsearch -H "$sam" sAMAccountName=u1 proxyAddresses showInAddressBook homeMDB 2>/dev/null | tr -d '\n ' >"$out"
said "proxyAddresses:SMTP:u1@sambex.test" && said "proxyAddresses:X500:/o=FirstOrganization" &&
	said "CN=DefaultGlobalAddressList" && said "CN=AllUsers" && said "homeMDB:CN=MailboxDatabase$SANDBOX_HOST"
ok $? "u1 has SMTP:/X500: proxyAddresses, homeMDB and showInAddressBook = GAL + All Users"
run 0 newuser -H "$url" -U "$creds" u1 && said "already a mailbox user, unchanged"
ok $? "newuser u1 again changes nothing"
run 1 newuser -H "$sam" u2 nobody && said "no user account named 'nobody'"
ok $? "newuser u2 nobody: exit 1, 'no user account named 'nobody''"
[ -z "$(attr u2 mailNickname)" ]
ok $? "... and u2 was not touched (nothing half-written)"
run 0 newuser -H "$sam" u2 u3 && said "2 of 2"
ok $? "newuser with several users"
printf 'sAMAccountName,displayName\nu4,User Four\n"u5",User Five\n' >"$out.csv"
run 0 newuser -H "$sam" --from-csv "$out.csv" && said "2 of 2"
ok $? "newuser --from-csv"
rm -f "$out.csv"
# u6 is mail-enabled already (has an alias but no mailbox): it keeps its alias.
printf 'dn: CN=u6,CN=Users,DC=sambex,DC=test\nchangetype: modify\nreplace: mailNickname\nmailNickname: sixth\n' |
	ldbmodify -H "$sam" >/dev/null
run 0 newuser -H "$sam" --all && said "1 of"
ok $? "newuser --all enables the one ordinary user left (u6)"
[ "$(attr u6 mailNickname)" = sixth ] && [ "${the_dn:=$(attr u6 legacyExchangeDN)}" != "" ] &&
	[ "${the_dn##*/}" = cn=sixth ]
ok $? "u6 keeps its alias 'sixth', which ends its legacyExchangeDN"
[ "$(count -b DC=sambex,DC=test '(&(objectClass=user)(mailNickname=*))')" = 6 ]
ok $? "six mailbox users in the directory"
dbcheck_clean
ok $? "samba-tool dbcheck: 0 errors after newuser"
run 0 deluser -H "$url" -U "$creds" u1 && said "u1: mailbox removed"
ok $? "deluser u1"
[ -z "$(attr u1 mailNickname)" ] && [ -z "$(attr u1 homeMDB)" ] && [ -z "$(attr u1 legacyExchangeDN)" ]
ok $? "u1 has no mailbox attributes left"
run 1 deluser -H "$sam" ghost && said "no user account named 'ghost'"
ok $? "deluser of an unknown user: exit 1, clear message"
run 2 deluser -H "$sam"
ok $? "deluser without users: usage, exit 2"

run 0 deprovision -H "$url" -U "$creds" --server "$SANDBOX_HOST" && said "schema extensions stay"
ok $? "deprovision succeeds and says the schema stays"
[ "$(count -b "$config" '(objectClass=msExchOrganizationContainer)')" = 0 ] &&
	[ "$(count -b DC=sambex,DC=test '(mailNickname=*)')" = 0 ]
ok $? "the organization and every mailbox are gone"
run 0 deprovision -H "$sam" && said "nothing to remove"
ok $? "deprovision again: nothing to remove"
dbcheck_clean
ok $? "samba-tool dbcheck: 0 errors after deprovision"
run 0 provision -H "$sam" --server "$SANDBOX_HOST" && said "changes"
ok $? "provision again after deprovision rebuilds the organization (schema already there)"
tap_done

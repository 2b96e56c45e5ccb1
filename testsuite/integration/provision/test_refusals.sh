#!/bin/bash
# Integration (TAP): a Samba DC left at its default refuses schema writes over LDAP; `sambex
# provision` must say so in one line, write nothing, and succeed once re-run locally on sam.ldb.
# Arguments (from meson): BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/../../common/tap.sh"
build=$(readlink -f "$1") src=$(readlink -f "$2")
sambex=$build/libmapi/tools/sambex

. "$src/testsuite/integration/provision/prov_common.sh"
prov_enter_sandbox "$build" "$src" "$0"
schema=CN=Schema,CN=Configuration,DC=sambex,DC=test
schema_objects() { ldbsearch -H "$sam" -b "$schema" -s one '(objectClass=*)' dn 2>/dev/null | grep -c '^dn: '; }

# Not the schema master: in an offline copy of the DC's databases, make the rootDSE's
# dsServiceName (stored as <GUID=...> in @ROOTDSE) name another object than the schema NC's
# fSMORoleOwner, as on a second DC.
mkdir "$out.dc" && cp -a /var/lib/samba/private/sam.ldb /var/lib/samba/private/sam.ldb.d "$out.dc/"
sites=$(ldbsearch -H "$out.dc/sam.ldb" -b CN=Sites,CN=Configuration,DC=sambex,DC=test -s base objectGUID |
	sed -n 's/^objectGUID: //p')
printf 'dn: @ROOTDSE\nchangetype: modify\nreplace: dsServiceName\ndsServiceName: <GUID=%s>\n' "$sites" |
	ldbmodify -H "$out.dc/sam.ldb" >/dev/null
"$sambex" provision -H "$out.dc/sam.ldb" >"$out" 2>&1
rc=$?
[ "$rc" = 1 ] && said "this DC is not the schema master (the role is held by CN=NTDS Settings,CN=${SANDBOX_HOST^^}," &&
	[ "$(ldbsearch -H "$out.dc/sam.ldb" -b "$schema" -s one '(lDAPDisplayName=mailNickname)' dn | grep -c '^dn: ')" = 0 ]
ok $? "provision on a DC that is not the schema master: exit 1, names the role holder, writes nothing"
rm -rf "$out.dc"

before=$(schema_objects)
"$sambex" provision -H "ldap://$SANDBOX_IP" -U "$SANDBOX_ADMIN%$SANDBOX_PASSWORD" >"$out" 2>&1
rc=$?
sed 's/^/# /' "$out"
[ "$rc" = 1 ] && grep -q "the DC refuses schema changes" "$out" &&
	[ "$(wc -l <"$out")" = 1 ]
ok $? "provision over LDAP to a DC without 'dsdb:schema update allowed': exit 1, one clear line"
[ "$(schema_objects)" = "$before" ] &&
	[ "$(ldbsearch -H "$sam" -b CN=Configuration,DC=sambex,DC=test '(objectClass=msExchOrganizationContainer)' dn 2>/dev/null | grep -c '^dn: ')" = 0 ]
ok $? "nothing was written: $before schema objects before and after, no organization"
"$sambex" provision -H "$sam" --server "$SANDBOX_HOST" >"$out" 2>&1 && grep -q "changes; server" "$out"
ok $? "re-running locally on the DC's sam.ldb completes the job"
"$sambex" newuser -H "ldap://$SANDBOX_IP" -U "$SANDBOX_ADMIN%$SANDBOX_PASSWORD" Administrator >"$out" 2>&1 &&
	grep -q "mailbox enabled" "$out"
ok $? "newuser over LDAP needs no schema permission (Administrator gets a mailbox)"
dbcheck_clean
ok $? "samba-tool dbcheck: 0 errors"

# Bulk over LDAP: more users than one LDAP page (MaxPageSize 1000), with the progress bar on a
# terminal (script(1) gives the command one).
awk 'BEGIN { for (i = 0; i < 1100; i++)
	printf "dn: CN=page%04d,CN=Users,DC=sambex,DC=test\nobjectClass: user\nsAMAccountName: page%04d\n\n", i, i }' >"$out.ldif"
ldbadd -H "$sam" "$out.ldif" >/dev/null 2>&1
ok $? "1100 plain users created"
script -qec "'$sambex' newuser -H 'ldap://$SANDBOX_IP' -U '$SANDBOX_ADMIN%$SANDBOX_PASSWORD' --all" /dev/null \
	>"$out" 2>&1
said "1100 of 1100 accounts mailbox-enabled"
ok $? "newuser --all over LDAP enables all 1100 (paged search past the 1000-entry page)"
said "\[########################################\] 1100/1100"
ok $? "on a terminal the bulk run draws a progress bar that ends at 1100/1100"
"$sambex" newuser -H "$sam" --all >"$out" 2>&1
said "0 of 1100" && ! grep -q '\[#' "$out"
ok $? "a second --all changes nothing, and without a terminal there is no progress bar"
tap_done

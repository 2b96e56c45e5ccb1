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
tap_done

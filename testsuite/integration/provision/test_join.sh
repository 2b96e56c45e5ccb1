#!/bin/bash
# Integration (TAP): `sambex provision --additional-server` joins an organization made by Exchange
# 2010 (the fixture exchange2010-forest.ldif, loaded into the sandbox DC) without altering it.
# Arguments (from meson): BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/../../common/tap.sh"
build=$(readlink -f "$1") src=$(readlink -f "$2")
sambex=$build/libmapi/tools/sambex
here=$src/testsuite/integration/provision

. "$src/testsuite/integration/provision/prov_common.sh"
prov_enter_sandbox "$build" "$src" "$0" --option "dsdb:schema update allowed=true"
url=ldap://$SANDBOX_IP
creds=$SANDBOX_ADMIN%$SANDBOX_PASSWORD
config=CN=Configuration,DC=sambex,DC=test
org="CN=Contoso,CN=Microsoft Exchange,CN=Services,$config"
group="CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,$org"

# Every object of the organization and of the schema with its uSNChanged: what "unaltered" means.
snapshot() {
	ldbsearch -H "$sam" -b "$org" '(!(|(cn='"$SANDBOX_HOST"')(cn=Mailbox Database '"$SANDBOX_HOST"')))' \
		uSNChanged 2>/dev/null | grep -E '^(dn|uSNChanged):'
	ldbsearch -H "$sam" -b "CN=Schema,$config" -s one '(objectClass=*)' uSNChanged 2>/dev/null |
		grep -E '^(dn|uSNChanged):'
}

run 1 provision -H "$url" -U "$creds" --additional-server && said "no Exchange schema"
ok $? "--additional-server on a forest without Exchange: exit 1, refused"
"$here/load_fixture.sh" "$sam" "$here/exchange2010-forest.ldif"
ok $? "the Exchange 2010-shaped schema and organization load into the DC"
snapshot >"$out.before"
run 0 provision -H "$url" -U "$creds" --additional-server --server "$SANDBOX_HOST" &&
	said "2 changes; server $SANDBOX_HOST is in organization 'Contoso'"
ok $? "--additional-server joins organization Contoso: 2 changes (server, database)"
snapshot >"$out.after"
cmp -s "$out.before" "$out.after"
ok $? "no organization or schema object changed (uSNChanged of every one compared)"
ldbsearch -H "$sam" -b "CN=$SANDBOX_HOST,CN=Servers,$group" -s base legacyExchangeDN 2>/dev/null |
	grep -q "cn=Configuration/cn=Servers/cn=$SANDBOX_HOST"
ok $? "the server object sits beside EXCH01 with its legacyExchangeDN"
run 0 provision -H "$url" -U "$creds" --additional-server --server "$SANDBOX_HOST" && said "nothing to do"
ok $? "joining again changes nothing"
run 1 provision -H "$url" -U "$creds" --server "$SANDBOX_HOST" && said "named 'Contoso' already exists"
ok $? "a plain provision refuses to make a second organization"
samba-tool user create joiner 'Sambex.Joiner1' >/dev/null 2>&1
run 0 newuser -H "$sam" --server "$SANDBOX_HOST" joiner && said "mailbox enabled"
ok $? "newuser on the joined server"
ldbsearch -H "$sam" sAMAccountName=joiner legacyExchangeDN homeMDB 2>/dev/null | tr -d '\n ' >"$out"
said "/o=Contoso/ou=ExchangeAdministrativeGroup(FYDIBOHF23SPDLT)/cn=Recipients/cn=joiner" &&
	said "homeMDB:CN=MailboxDatabase$SANDBOX_HOST"
ok $? "the user's legacyExchangeDN and homeMDB follow the existing organization"
dbcheck_clean
ok $? "samba-tool dbcheck: 0 errors after the join"
run 0 deprovision -H "$sam" --server "$SANDBOX_HOST" && said "organization Contoso kept"
ok $? "deprovision removes only this server and keeps Exchange's organization"
[ "$(ldbsearch -H "$sam" -b "$org" '(objectClass=msExchExchangeServer)' dn 2>/dev/null | grep -c '^dn: ')" = 1 ]
ok $? "EXCH01 is still there, ours is gone"
tap_done

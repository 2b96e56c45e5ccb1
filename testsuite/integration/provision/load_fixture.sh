#!/bin/bash
# load_fixture.sh SAM_LDB LDIF — loads an LDIF with ${SCHEMADN}/${CONFIGDN} placeholders and
# "# CHUNK" separators into a local sam.ldb, one ldbmodify run per chunk (each run loads the
# schema the previous ones added). Exit status: 0 when every chunk loaded.
set -eu
sam=$1 ldif=$2
config=$(ldbsearch -H "$sam" -s base -b "" configurationNamingContext | sed -n 's/^configurationNamingContext: //p')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed -e "s/\${SCHEMADN}/CN=Schema,$config/g" -e "s/\${CONFIGDN}/$config/g" "$ldif" |
	awk -v dir="$tmp" '/^# CHUNK/ { n++; next } { print > (dir "/chunk" sprintf("%02d", n)) }'
for chunk in "$tmp"/chunk*; do
	ldbmodify -H "$sam" --option="dsdb:schema update allowed=true" "$chunk" >/dev/null
done

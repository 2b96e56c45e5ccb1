#!/bin/bash
# Integration (TAP): a capture of one call per interface through Samba's RPC stack decodes in
# tshark with no malformed packet and no expert error (issue 4's acceptance). Signed binds, so the
# stubs travel in clear for the dissectors; the stubs are those of testsuite/vectors/ndr/data.
# Arguments: BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/../../common/tap.sh"
build=$(readlink -f "$1") src=$(readlink -f "$2")
probe=$build/testsuite/integration/mapiproxy/rpc_probe

if [ "${SAMBEX_IN_SANDBOX:-}" != 1 ]; then
	tap_skip_unless_root "the sandbox DC runs in private namespaces"
	SAMBEX_IN_SANDBOX=1 exec "$src/testsuite/sandbox/sandbox" --state "$build/sandbox" \
		--plugin "$build/mapiproxy/plugin/sambex.so" --engine "$build/mapiproxy/sambexd" -- "$0" "$@"
fi

cap=$SANDBOX_DIR/calls.pcapng
tshark -q -i lo -f "host $SANDBOX_IP" -w "$cap" >/dev/null 2>&1 &
tshark_pid=$!
for _ in $(seq 50); do [ -s "$cap" ] && break; sleep 0.1; done
sleep 0.5	# tshark writes the file header before its capture filter is live

"$probe" emsmdb ntlm 6 - >/dev/null
"$probe" asyncemsmdb ntlm 0 "$(printf '%048d' 0)" >/dev/null
"$probe" nspi ntlm 0 "00000000$(printf '%048d' 0)e40400000904000009040000""00000200$(printf '%032d' 0)" >/dev/null
"$probe" rfr ntlm 0 "000000000a000000000000000a0000002f6f3d53616d62657800""0000""00000000""00000200""00000000" >/dev/null
sleep 1
kill "$tshark_pid"
wait "$tshark_pid" 2>/dev/null

calls=$(tshark -r "$cap" -Y dcerpc.pkt_type==2 -T fields -e _ws.col.Info 2>/dev/null)
echo "$calls" | sed 's/^/# /'
for op in "EcDummyRpc response" "Response: call_id: 2.*async MAPI" "NspiBind response" "RfrGetNewDSA response"; do
	echo "$calls" | grep -q "$op"
	ok $? "the capture holds a dissected reply: $op"
done
malformed=$(tshark -r "$cap" -Y _ws.malformed 2>/dev/null | wc -l)
[ "$malformed" = 0 ]
ok $? "no malformed packet ($malformed)"
experts=$(tshark -r "$cap" -q -z expert 2>/dev/null)
echo "$experts" | sed 's/^/# /'
! echo "$experts" | grep -q "^Errors"
ok $? "no expert error (warnings, if any, are listed above)"
tap_done

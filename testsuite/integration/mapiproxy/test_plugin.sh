#!/bin/bash
# Integration (TAP): the Sambex plugin in a real Samba AD DC, with sambexd behind it.
#
# Outside the sandbox this script re-runs itself inside one (testsuite/sandbox/sandbox) with the
# test-hook build of the plugin; inside, it checks what issue 5 asks:
#   - each interface is found through the endpoint mapper and answers a signed call, with NTLM and
#     with Kerberos (SPNEGO), and a sealed one;
#   - anonymous and unsigned ("connect" level) callers are refused;
#   - if sambexd is down the call fails cleanly (fault, not a hang), and works again once it is back;
#   - a crashed engine worker is restarted and the next call succeeds;
#   - a fault inside the plugin (test hook) kills at most one Samba worker, while LDAP and Kerberos
#     keep answering and a new connection to Sambex succeeds.
# Arguments (from meson): BUILD_DIR SOURCE_DIR PROCESS_MODEL (prefork: Samba's default; standard)
set -u
. "$(dirname "$0")/../../common/tap.sh"
build=$(readlink -f "$1") src=$(readlink -f "$2") model=${3:-prefork}
probe=$build/testsuite/integration/mapiproxy/rpc_probe

if [ "${SAMBEX_IN_SANDBOX:-}" != 1 ]; then
	tap_skip_unless_root "the sandbox DC runs in private namespaces"
	SAMBEX_IN_SANDBOX=1 exec "$src/testsuite/sandbox/sandbox" \
		--state "$build/sandbox" --model "$model" \
		--plugin "$build/mapiproxy/plugin/sambex_testhooks.so" \
		--engine "$build/mapiproxy/sambexd" \
		-- "$0" "$@"
fi

# A well-formed answer is a response or a fault PDU; "error" means no answer at all.
answered() { case "$1" in ok*|fault*) return 0 ;; *) return 1 ;; esac; }

# One operation per interface, with a real answer (stubs as in testsuite/vectors/ndr/data).
fqdn_hex=$(printf '%s' "$SANDBOX_HOST.$SANDBOX_REALM" | tr '[:upper:]' '[:lower:]' | od -An -tx1 | tr -d ' \n')
user_dn=$(printf '/o=Sambex/cn=Recipients/cn=demo\0' | od -An -tx1 | tr -d ' \n')
dn_len=$(printf '%08x' $(( ${#user_dn} / 2 )) | sed 's/\(..\)\(..\)\(..\)\(..\)/\4\3\2\1/')
pad_bytes=$(( (4 - ${#user_dn} / 2 % 4) % 4 ))
dn_pad=$(head -c "$pad_bytes" /dev/zero | od -An -tx1 | tr -d ' \n')
rfr_newdsa="00000000${dn_len}00000000${dn_len}${user_dn}${dn_pad}0000000000000200""00000000"
stat_1252=000000000000000000000000000000000000000000000000e404000009040000""09040000
nspi_bind="00000000${stat_1252}00000200""00112233445566778899aabbccddeeff"
async_wait=$(printf '%048d' 0)
for auth in ntlm krb5; do
	out=$("$probe" emsmdb $auth 6 - 2>&1 | tail -n 1)
	[ "$out" = "ok 00000000" ]
	ok $? "emsmdb: epm lookup, signed $auth bind, EcDummyRpc returns 0 ($out)"
	out=$("$probe" asyncemsmdb $auth 0 "$async_wait" 2>&1 | tail -n 1)
	[ "$out" = "ok 0100000000000000" ]
	ok $? "asyncemsmdb: $auth, EcDoAsyncWaitEx on an unknown handle: NotificationPending, 0 ($out)"
	out=$("$probe" nspi $auth 0 "$nspi_bind" 2>&1 | tail -n 1)
	case "$out" in "ok 00000200"*00000000) [ ${#out} = $((3 + 88)) ] ;; *) false ;; esac
	ok $? "nspi: $auth, NspiBind returns Success, the server GUID and a handle ($out)"
	out=$("$probe" rfr $auth 0 "$rfr_newdsa" 2>&1 | tail -n 1)
	case "$out" in "ok "*"$fqdn_hex"00*00000000) r=0 ;; *) r=1 ;; esac
	ok $r "rfr: $auth, RfrGetNewDSA names this server ($out)"
done
out=$(PROBE_BINDING="ncalrpc:[SAMBEX,sign]" "$probe" emsmdb ntlm 6 - 2>&1 | tail -n 1)
[ "$out" = "ok 00000000" ]
ok $? "emsmdb over ncalrpc:[SAMBEX], signed NTLM: EcDummyRpc returns 0 ($out)"
out=$(PROBE_OPTIONS=seal "$probe" nspi krb5 0 "$nspi_bind" 2>&1 | tail -n 1)
case "$out" in ok*00000000) r=0 ;; *) r=1 ;; esac
ok $r "nspi: sealed Kerberos bind, NspiBind succeeds"
out=$("$probe" nspi ntlm 0 "00000000${stat_1252/e4040000/b0040000}00000000" 2>&1 | tail -n 1)
[ "${out: -8}" = "1e010480" ]
ok $? "nspi: NspiBind with CodePage 1200 (Unicode) returns InvalidCodepage ($out)"
# NspiUnbind on the connection that bound (the handle is at offset 20 of the NspiBind reply).
out=$("$probe" nspi ntlm 0 "$nspi_bind" 1 "{20:20}00000000" 1 "{0:20}00000000" 2>&1 | tail -n 2 | tr '\n' ' ')
[ "$out" = "ok $(printf '%040d' 0)01000000 ok $(printf '%040d' 0)02000000 " ]
ok $? "nspi: NspiUnbind of the handle returns UnbindSuccess and NULL; unbinding NULL again fails ($out)"
# A handle lives only in its association: once that connection ended it is run down.
rundowns_before=$(grep -c "NSPI sessions run down" "$SANDBOX_ENGINE_LOG")
bind=$("$probe" nspi ntlm 0 "$nspi_bind" 2>&1 | tail -n 1)
handle=${bind:43:40}	# after "ok ", the GUID pointer and the 16 GUID bytes
for _ in $(seq 50); do
	[ "$(grep -c "1 NSPI sessions run down" "$SANDBOX_ENGINE_LOG")" -gt 0 ] &&
	[ "$(grep -c "NSPI sessions run down" "$SANDBOX_ENGINE_LOG")" -gt "$rundowns_before" ] && break
	sleep 0.1
done
grep -q "1 NSPI sessions run down" "$SANDBOX_ENGINE_LOG"
ok $? "nspi: when the binding connection ends, the plugin runs its association down in sambexd"
out=$("$probe" nspi ntlm 1 "${handle}00000000" 2>&1 | tail -n 1)
[ "$out" = "ok $(printf '%040d' 0)02000000" ]
ok $? "nspi: the handle is no good in another association: UnbindFailure ($out)"
# The caller's identity reaches the engine as Samba authenticated it.
samba-tool user create probe2 'Sambex.Probe2' >/dev/null 2>&1
PROBE_USER=probe2 PROBE_PASSWORD=Sambex.Probe2 "$probe" nspi ntlm 0 "$nspi_bind" >/dev/null 2>&1
grep -q "NspiBind by $SANDBOX_DOMAIN.probe2 (S-1-5-21-" "$SANDBOX_ENGINE_LOG"
ok $? "nspi: sambexd sees the second user's account and SID as Samba authenticated them"
out=$("$probe" emsmdb ntlm 0 - 2>&1 | tail -n 1)
[ "$out" = "fault 0x1c010002" ]
ok $? "emsmdb: reserved opnum 0 answers the fault nca_op_rng_error ($out)"
out=$("$probe" nspi ntlm 0 "0000" 2>&1 | tail -n 1)
[ "$out" = "fault 0x000006f7" ]
ok $? "nspi: a truncated NspiBind request answers the fault bad-stub-data ($out)"

for iface in nspi emsmdb; do
	out=$("$probe" $iface anonymous 6 - 2>&1 | tail -n 1)
	[ "$out" = "fault 0x00000005" ]
	ok $? "$iface: anonymous caller refused with access denied ($out)"
	out=$(PROBE_OPTIONS=connect "$probe" $iface ntlm 6 - 2>&1 | tail -n 1)
	[ "$out" = "fault 0x00000005" ]
	ok $? "$iface: unsigned (connect-level) caller refused ($out)"
done

# Engine worker crash: the supervisor restarts it; a call made meanwhile may fault, never hang.
worker=$(pgrep -P "$SANDBOX_ENGINE_PID" | head -n 1)
kill -SEGV "$worker" 2>/dev/null
ok $? "an engine worker (pid $worker) is killed with SIGSEGV"
out=error
for _ in $(seq 40); do
	out=$("$probe" emsmdb ntlm 6 - 2>&1 | tail -n 1)
	[ "$out" = "ok 00000000" ] && break
	sleep 0.1
done
[ "$out" = "ok 00000000" ]
ok $? "after the worker crash a new call is served again ($out)"
# (Under ASan the worker reports the SEGV and exits 1 instead of dying by the signal.)
grep -q "worker 0 (pid $worker) .*restart in" "$SANDBOX_ENGINE_LOG"
ok $? "sambexd logged the worker's death and restarted it"

# Engine down: the plugin answers at once with 'server unavailable'.
kill -TERM "$SANDBOX_ENGINE_PID"
wait "$SANDBOX_ENGINE_PID" 2>/dev/null
t0=$(date +%s%N)
out=$("$probe" emsmdb ntlm 6 - 2>&1 | tail -n 1)
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
[ "$out" = "fault 0x000006ba" ]
ok $? "with sambexd stopped, a call faults with server-unavailable in ${ms} ms ($out)"
"$build/mapiproxy/sambexd" --socket "$SANDBOX_ENGINE_SOCKET" >>"$SANDBOX_ENGINE_LOG" 2>&1 &
engine2=$!
for _ in $(seq 50); do [ -S "$SANDBOX_ENGINE_SOCKET" ] && break; sleep 0.02; done
out=$("$probe" emsmdb ntlm 6 - 2>&1 | tail -n 1)
[ "$out" = "ok 00000000" ]
ok $? "a restarted sambexd serves calls again without restarting Samba ($out)"

# Plugin fault (test hook): one Samba worker dies; the DC keeps serving.
crashes_before=$(grep -c "INTERNAL ERROR: Signal" "$SANDBOX_LOG")
marker=$(printf 'SAMBEX-TEST-CRASH' | od -An -tx1 | tr -d ' \n')
out=$("$probe" rfr ntlm 1 "00000000$marker" 2>&1 | tail -n 1)
case "$out" in error*) r=0 ;; *) r=1 ;; esac
ok $r "the crash hook kills the worker serving the call (client sees: $out)"
ldap_ok=1 krb_ok=1
for _ in $(seq 20); do
	ldbsearch -H "ldap://$SANDBOX_IP" -s base -b "" defaultNamingContext 2>/dev/null |
		grep -q defaultNamingContext && { ldap_ok=0; break; }
	sleep 0.05
done
ok $ldap_ok "LDAP still answers right after the plugin fault"
echo "$SANDBOX_PASSWORD" | kinit "$SANDBOX_ADMIN@$SANDBOX_REALM" >/dev/null 2>&1 && krb_ok=0
kdestroy >/dev/null 2>&1
ok $krb_ok "Kerberos (kinit) still answers right after the plugin fault"
out=error
for _ in $(seq 40); do
	out=$("$probe" emsmdb ntlm 6 - 2>&1 | tail -n 1)
	[ "$out" = "ok 00000000" ] && break
	sleep 0.1
done
[ "$out" = "ok 00000000" ]
ok $? "a new connection to Sambex succeeds after the plugin fault ($out)"
crashes=$(( $(grep -c "INTERNAL ERROR: Signal" "$SANDBOX_LOG") - crashes_before ))
[ "$crashes" = 1 ]
ok $? "exactly one Samba worker died ($crashes)"
kill -0 "$SANDBOX_SAMBA_PID"
ok $? "the samba master process is alive"

kill -TERM "$engine2" 2>/dev/null
wait "$engine2" 2>/dev/null
tap_done

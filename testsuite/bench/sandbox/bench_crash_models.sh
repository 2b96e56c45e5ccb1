#!/bin/bash
# Benchmark: what a fault inside the Sambex plugin costs the domain controller under each of
# Samba's process models (docs/plugin.md). For each model it starts the sandbox with the test-hook
# plugin, crashes the worker serving a Sambex call, then probes every 50 ms until each service
# answers again (3 s at most):
#   crash.<model>.ldap_gap_ms      LDAP rootDSE
#   crash.<model>.kdc_gap_ms       Kerberos AS exchange (kinit)
#   crash.<model>.epm_gap_ms       a new Sambex call through the endpoint mapper (port 135)
#   crash.<model>.samba_alive      1 if the samba master survived
#   crash.<model>.*_probe_ms       the same probe before the crash: a gap that equals it means the
#                                  service never went down (the gap includes one probe's own run)
# A gap of 3000 means "still down after 3 s". Arguments: BUILD_DIR SOURCE_DIR. Needs root.
set -eu
build=$(readlink -f "$1") src=$(readlink -f "$2")
if [ "$(id -u)" != 0 ]; then
	echo "# crash benchmark skipped: needs root"
	exit 0
fi
for model in prefork standard single; do
	"$src/testsuite/sandbox/sandbox" --state "$build/sandbox" --model "$model" \
		--plugin "$build/mapiproxy/plugin/sambex_testhooks.so" \
		--engine "$build/mapiproxy/sambexd" -- bash -c '
		probe=$0/testsuite/integration/mapiproxy/rpc_probe model=$1
		ms() { echo $(( ($(date +%s%N) - t0) / 1000000 )); }
		ldap() { ldbsearch -H ldap://$SANDBOX_IP -s base -b "" defaultNamingContext 2>/dev/null | grep -q defaultNaming; }
		kdc() { echo "$SANDBOX_PASSWORD" | kinit $SANDBOX_ADMIN@$SANDBOX_REALM >/dev/null 2>&1; }
		epm() { $probe emsmdb ntlm 6 - 2>/dev/null | grep -q "^ok 00000000"; }
		gap() { local f=$1; t0=$(date +%s%N); while ! $f; do [ $(ms) -ge 3000 ] && break; sleep 0.05; done; ms; }
		for f in ldap kdc epm; do echo "crash.$model.${f}_probe_ms $(gap $f) ms"; done
		m=$(printf SAMBEX-TEST-CRASH | od -An -tx1 | tr -d " \n")
		$probe rfr ntlm 1 "00000000$m" >/dev/null 2>&1
		echo "crash.$model.ldap_gap_ms $(gap ldap) ms"
		echo "crash.$model.kdc_gap_ms $(gap kdc) ms"
		echo "crash.$model.epm_gap_ms $(gap epm) ms"
		kill -0 $SANDBOX_SAMBA_PID 2>/dev/null && a=1 || a=0
		echo "crash.$model.samba_alive $a bool"' "$build" "$model" || true
done

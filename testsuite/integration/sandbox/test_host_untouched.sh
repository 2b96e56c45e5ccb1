#!/bin/bash
# Integration (TAP): a sandbox session leaves the host as it found it — no new files under /etc,
# /var, /run or /usr, no new mounts, no samba or sambexd process outside, no network namespace.
# Arguments: BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "$0")/../../common/tap.sh"
build=$(readlink -f "$1") src=$(readlink -f "$2")
tap_skip_unless_root "the sandbox DC runs in private namespaces"
snapshot() {
	find /etc /var /run /usr -xdev 2>/dev/null | grep -v -E '^/var/(tmp|cache/(apt|man)|lib/(apt|dpkg))' | sort
}
# Only processes of this build's sandboxes count (their mounts come from its run copies), so a
# sandbox another checkout runs at the same time is not taken for ours.
ours() {
	local p
	for p in $(pgrep -x samba; pgrep sambexd); do
		grep -q "$build/sandbox/run\." "/proc/$p/mountinfo" 2>/dev/null && echo "$p"
	done
}
runs() { find "$build/sandbox" -maxdepth 1 -name 'run.*' 2>/dev/null | sort; }
procs_before=$(ours | sort) runs_before=$(runs)
before=$(mktemp) after=$(mktemp)
trap 'rm -f "$before" "$after"' EXIT
snapshot > "$before"
mounts_before=$(wc -l < /proc/self/mountinfo)
netns_before=$(ip netns list 2>/dev/null | wc -l)

"$src/testsuite/sandbox/sandbox" --state "$build/sandbox" \
	--plugin "$build/mapiproxy/plugin/sambex.so" --engine "$build/mapiproxy/sambexd" \
	-- "$build/testsuite/integration/mapiproxy/rpc_probe" nspi ntlm 0 00000000 >/dev/null
ok $? "a sandbox session with the plugin and sambexd ran a call"

snapshot > "$after"
new=$(comm -13 "$before" "$after")
[ -z "$new" ]
ok $? "no new files under /etc /var /run /usr${new:+: $(echo "$new" | head -5 | tr '\n' ' ')}"
[ "$(wc -l < /proc/self/mountinfo)" = "$mounts_before" ]
ok $? "the host mount table is unchanged"
[ "$(ip netns list 2>/dev/null | wc -l)" = "$netns_before" ]
ok $? "no network namespace left registered"
left=$(comm -13 <(echo "$procs_before") <(ours | sort) | grep -c .)
[ "$left" = 0 ]
ok $? "no samba or sambexd process left running ($left new)"
left=$(comm -13 <(echo "$runs_before") <(runs) | grep -c .)
[ "$left" = 0 ]
ok $? "the run's copy of the DC was deleted ($left left)"
tap_done

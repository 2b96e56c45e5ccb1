#!/bin/bash
# Integration prerequisites (TAP): what every integration test needs from the host, checked once
# so a broken machine fails here with a clear reason instead of deep inside a Samba sandbox test.
#   - root (integration tests skip otherwise, with this reason)
#   - a private network + mount namespace can be made, holds only a loopback that works, and
#     reaches nothing outside (tests send traffic only inside namespaces they made)
#   - leaving the namespace leaves no mount and no namespace behind
#   - the Samba AD DC tools the sandbox uses are installed
set -u
. "$(dirname "$0")/../../common/tap.sh"
tap_skip_unless_root "namespaces, a Samba DC: run make check as root"

mounts_before=$(wc -l < /proc/self/mountinfo)

# Inside: a fresh net+mount namespace, loopback up, a tmpfs mounted privately.
out=$(unshare --net --mount --propagation private sh -c '
	ip link set lo up || exit 1
	links=$(ip -o link show | wc -l)
	mount -t tmpfs sambex-probe /mnt || exit 2
	ping_ok=0; ip -o addr show lo | grep -q "127.0.0.1" && ping_ok=1
	route_out=$(ip route get 192.0.2.1 2>&1 || true)
	echo "links=$links lo_addr=$ping_ok route=$(echo "$route_out" | head -1)"
' 2>&1)
rc=$?
ok $rc "unshare --net --mount runs a command in a private namespace ($out)"
case "$out" in *links=1*) r=0 ;; *) r=1 ;; esac
ok $r "the new network namespace holds only the loopback interface"
case "$out" in *lo_addr=1*) r=0 ;; *) r=1 ;; esac
ok $r "loopback is up with 127.0.0.1"
case "$out" in *unreachable*) r=0 ;; *) r=1 ;; esac
ok $r "no route leaves the namespace (192.0.2.1 unreachable)"

mounts_after=$(wc -l < /proc/self/mountinfo)
[ "$mounts_before" = "$mounts_after" ] && ! grep -q sambex-probe /proc/self/mountinfo
ok $? "the namespace's mounts are gone with it (host mount table unchanged)"

for tool in samba samba-tool ip; do
	command -v $tool >/dev/null
	ok $? "$tool is installed"
done
ver=$(samba --version 2>/dev/null)
case "$ver" in "Version 4.17."*) r=0 ;; *) r=1 ;; esac
ok $r "samba is 4.17, the version our plugin builds against ($ver)"
modulesdir=$(pkg-config --variable=modulesdir dcerpc_server 2>/dev/null)
[ -n "$modulesdir" ]
ok $? "pkg-config names Samba's DCE/RPC module directory ($modulesdir)"

tap_done

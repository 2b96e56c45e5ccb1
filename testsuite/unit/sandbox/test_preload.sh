#!/bin/bash
# Unit (TAP): the sandbox's choice of LD_PRELOAD for samba. Regression: it was decided with
# "ldd PLUGIN | grep -q libasan" under pipefail; grep quits at the first match, ldd then dies of
# SIGPIPE, the pipeline "fails", samba starts without the sanitizer runtimes and its rpc process
# exits ("ASan runtime does not come first") — at random, under load. A fake ldd that keeps
# writing after the match makes that deterministic.
# Arguments: SOURCE_DIR
set -u
src=$(readlink -f "$1")
. "$src/testsuite/common/tap.sh"
fake=$(mktemp -d)
trap 'rm -rf "$fake"' EXIT
cat > "$fake/ldd" <<'LDD'
#!/bin/sh
echo "	libasan.so.8 => /usr/lib/x86_64-linux-gnu/libasan.so.8 (0x00007f0000000000)"
i=0; while [ $i -lt 2000 ]; do echo "	libfiller$i.so => /nonexistent (0x0)"; i=$((i + 1)); done
LDD
cat > "$fake/ldd-plain" <<'LDD'
#!/bin/sh
echo "	libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0000000000)"
LDD
chmod +x "$fake/ldd" "$fake/ldd-plain"
touch "$fake/plugin.so"

for i in 1 2 3 4 5; do
	out=$(PATH="$fake:$PATH" "$src/testsuite/sandbox/sandbox" --plugin "$fake/plugin.so" --print-preload)
	case "$out" in *libasan.so:*libubsan.so) r=0 ;; *) r=1 ;; esac
	ok $r "a sanitized plugin gets the sanitizer runtimes preloaded, run $i ($out)"
done
cp "$fake/ldd-plain" "$fake/ldd"
out=$(PATH="$fake:$PATH" "$src/testsuite/sandbox/sandbox" --plugin "$fake/plugin.so" --print-preload)
[ -z "$out" ]
ok $? "a plain plugin gets no preload ($out)"
out=$(PATH="$fake:$PATH" "$src/testsuite/sandbox/sandbox" --plugin "$fake/plugin.so" --preload /x.so --print-preload)
[ "$out" = /x.so ]
ok $? "--preload wins ($out)"
tap_done

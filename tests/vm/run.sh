#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# run.sh - make check-vm: runs integration suites inside qemu on Debian's stock kernel,
# over this machine's own root filesystem, and ends with tests/run.sh's summary line.
#
# usage: run.sh [SUITE... | all]
# Environment: what make check gives tests/run.sh (ESA_SRCDIR, ESA_BUILD, ...), passed
# on to the guest; VM_TIMEOUT bounds the whole VM in seconds (default 1800; with `all`,
# 7200).
# With no SUITE and no ESA_FILTER_TAGS, it runs the cases tagged `vm` (those that skip
# on a kernel without 8021q, dummy or netem) of the suites that have them; named suites
# run whole, and `all` names every integration suite. ESA_FILTER_TAGS=vm runs only the tagged cases of the named suites (of
# every suite when none is named); a filter that selects no case at all is a failure
# (a mistyped tag would otherwise pass with nothing run).
# In the guest, a case still skipped with "skipped: kernel lacks X" is a failure: the
# VM exists so that those cases run.

set -eu
src=${ESA_SRCDIR:-.}
build=${ESA_BUILD:-build}
limit=${VM_TIMEOUT:-1800}
# every integration suite, whole: 11 suites of 541 cases, an estimated 45 to 100 minutes
# under emulation here (README.md, "The stock-kernel tier")
limit_all=${VM_TIMEOUT:-7200}
here=$src/tests/vm
vm=$build/vm

# die [MESSAGE]: cannot run at all; one line saying why (unless a helper said it),
# then a failing summary.
die() {
	[ -z "$*" ] || echo "check-vm: $*" >&2
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
}

# q WORD: WORD quoted for sh.
q() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

command -v qemu-system-x86_64 > /dev/null 2>&1 ||
	die "cannot start the VM: qemu-system-x86_64 is missing (make deps installs qemu-system-x86)"
[ -x /bin/busybox ] ||
	die "cannot start the VM: /bin/busybox is missing (make deps installs busybox-static)"
command -v depmod > /dev/null 2>&1 ||
	die "cannot start the VM: depmod is missing (make deps installs kmod)"

kernel=$(sh "$here/kernel.sh" "$vm") || die
tree=${kernel% *} version=${kernel#* }
# rebuilt every run (well under a second), so it always holds the current init
initrd=$vm/initrd-$version.gz
sh "$here/initramfs.sh" "$initrd" "$tree" "$version" ||
	die "cannot start the VM: building the initramfs failed"

if [ "$*" = all ]; then
	set --
	for d in "$src"/tests/integration/*/; do
		[ -d "$d" ] && set -- "$@" "$(basename "$d")"
	done
	limit=$limit_all
fi
# No suite named and no filter: what this machine's kernel must skip, the cases tagged
# vm in the suites that hold them (what CI runs, a few minutes); whole suites only
# when named.
if [ $# -eq 0 ] && [ -z "${ESA_FILTER_TAGS:-}" ]; then
	ESA_FILTER_TAGS=vm
	export ESA_FILTER_TAGS
	# shellcheck disable=SC2046 # one word a suite: the suites' directory names have no blanks
	set -- $(grep -lE '^[[:blank:]]*#[[:blank:]]*bats[[:blank:]]+(test|file)_tags=(.*,)?[[:blank:]]*vm[[:blank:]]*(,|$)' \
		"$src"/tests/integration/*/*.bats | sed 's|/[^/]*$||; s|.*/||' | sort -u)
fi
if [ $# -eq 0 ]; then
	for d in "$src"/tests/integration/*/; do
		[ -d "$d" ] && set -- "$@" "$(basename "$d")"
	done
fi

# The folder the guest shares read-write: the command in, its output and status back.
run=$(mkdir -p "$vm/run" && cd "$vm/run" && pwd)
rm -f "$run/cmd" "$run/out" "$run/status" "$run/console" "$run/qemu.log"
{
	echo "cd $(q "$(pwd)") || exit 125"
	for v in ESA_SRCDIR ESA_BUILD ESA_TIMEOUT ESA_FILTER_TAGS UNIT_BIN FUZZ_REPLAYS SANITIZE \
	    ASAN_OPTIONS UBSAN_OPTIONS CK_TIMEOUT_MULTIPLIER; do
		isset='' val=''
		eval "isset=\${$v+1} val=\${$v-}"
		if [ -n "$isset" ]; then echo "export $v=$(q "$val")"; fi
	done
	printf 'exec sh %s' "$(q "$src/tests/run.sh")"
	for s in "$@"; do printf ' %s' "$(q "$s")"; done
	echo
} > "$run/cmd"

echo "check-vm: booting Debian's kernel $version under qemu (tcg); suites: $*${ESA_FILTER_TAGS:+; only the cases tagged $ESA_FILTER_TAGS}"
start=$(date +%s)
# The VM's own exit status means nothing (the guest powers off): the guest writes its
# command's status to the shared folder and prints it on the console as a marker.
timeout --foreground -k 10 "$limit" qemu-system-x86_64 -accel tcg -smp 2 -m 2048 \
	-display none -monitor none -serial "file:$run/console" -no-reboot \
	-kernel "$tree/boot/vmlinuz-$version" -initrd "$initrd" \
	-append "console=ttyS0 quiet loglevel=3 panic=-1" \
	-virtfs "local,path=/,mount_tag=host,security_model=none,readonly=on,multidevs=remap" \
	-virtfs "local,path=$(cd "$tree/lib/modules/$version" && pwd),mount_tag=modules,security_model=none,readonly=on" \
	-virtfs "local,path=$run,mount_tag=out,security_model=none" \
	< /dev/null > "$run/qemu.log" 2>&1 &
qpid=$!
# a failing or interrupted run never leaves qemu behind (timeout passes the signal on)
trap 'kill "$qpid" 2> /dev/null || :' EXIT
trap 'exit 130' INT TERM
# the suites' output as the guest writes it
tail -n +1 -F --pid="$qpid" "$run/out" 2> /dev/null &
tpid=$!
st=0
wait "$qpid" || st=$?
wait "$tpid" || :
trap - EXIT
echo "check-vm: the VM ran $(($(date +%s) - start)) s"

if [ "$st" -eq 124 ] || [ "$st" -eq 137 ]; then
	echo "check-vm: the VM did not finish within $limit s and was killed (console: $run/console)" >&2
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi
if [ ! -s "$run/status" ]; then
	echo "check-vm: the VM ended without an exit status (qemu status $st); its console:" >&2
	tail -n 20 "$run/console" "$run/qemu.log" >&2 2> /dev/null || :
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi
gst=$(cat "$run/status")

# The guest's summary, with every case still skipped for a missing kernel feature
# moved from skipped to failed.
sum=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$run/out" | tail -n 1) || :
if [ -z "$sum" ]; then
	echo "check-vm: the guest printed no summary (exit status $gst)" >&2
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi
# shellcheck disable=SC2086 # the summary's words
set -- $sum
p=$1 f=$3 s=$5
lacks=$(grep -E '^ok [0-9]+ .*# skip skipped: kernel lacks' "$run/out") || :
if [ -n "$lacks" ]; then
	k=$(printf '%s\n' "$lacks" | wc -l)
	printf '%s\n' "$lacks" | sed 's/^/check-vm: still skipped on the stock kernel: /' >&2
	f=$((f + k)) s=$((s - k))
fi
if [ -n "${ESA_FILTER_TAGS:-}" ] && [ $((p + f + s)) -eq 0 ]; then
	echo "check-vm: the filter $ESA_FILTER_TAGS selects no case in these suites" >&2
	f=1
fi
if [ "$gst" -ne 0 ] && [ "$f" -eq 0 ]; then
	echo "check-vm: the guest's tests/run.sh exited $gst" >&2
	f=1
fi
echo "$p passed, $f failed, $s skipped"
[ "$f" -eq 0 ]

#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# legend.bats - a plain `make` then `make install PREFIX=/usr` installs an esa-tcpservices
# that reads its legend where install put it (/usr/share/esa-tools/services), and a
# missing legend file is said in one line. The staged program runs in a mount namespace
# where the stage's data directory is mounted on /usr/share/esa-tools, so that a copy on
# this machine cannot answer for it.

load ../lib

LISTENER=$ESA_SRCDIR/tests/integration/esa-tcpservices/listener.py
PYTHON=/usr/bin/python3

setup() {
	esa_need_root
	[ -x "$PYTHON" ] || skip "python3 is not installed"
	command -v unshare > /dev/null || skip "unshare is not installed (util-linux)"
	unset ESA_SERVICES
	stage=$(mktemp -d)
	N=$(esa_ns_new legend) || return 1
	ip -n "$N" addr add 192.0.2.1/32 dev lo || return 1
	ready=$BATS_TEST_TMPDIR/sshd
	# a daemon the shipped legend describes: sshd, listening on 192.0.2.1:2222
	ip netns exec "$N" "$PYTHON" - -r "$ready" -n sshd tcp4/192.0.2.1/2222 \
		< "$LISTENER" 3>&- &
	esa_wait_for 10 test -s "$ready"
}

teardown() {
	esa_cleanup
	[ -n "${stage:-}" ] && rm -rf "$stage"
	return 0
}

mk() {
	make -s -C "$ESA_SRCDIR" O="$ESA_BUILD" ${SANITIZE:+SANITIZE="$SANITIZE"} "$@"
}

# staged DATA ARGS...: the staged esa-tcpservices in namespace N, in a mount namespace
# where /usr/share is the stage's over this machine's (an overlay, read only) and
# /usr/share/esa-tools is DATA alone.
staged() {
	local data=$1

	shift
	ip netns exec "$N" timeout "$ESA_TIMEOUT" unshare -m sh -c '
		stage=$1 data=$2; shift 2
		mount -t overlay overlay -o "lowerdir=$stage/usr/share:/usr/share" /usr/share &&
			mount --bind "$data" /usr/share/esa-tools || exit 99
		exec "$stage/usr/bin/esa-tcpservices" "$@"' staged "$stage" "$data" "$@"
}

@test "legend: make, then make install PREFIX=/usr: the staged program finds its legend" {
	run mk all
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	run mk install DESTDIR="$stage" PREFIX=/usr
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	[ -f "$stage/usr/share/esa-tools/services" ]
	run --separate-stderr staged "$stage/usr/share/esa-tools" -n
	esa_status 0
	esa_no_stderr
	[ "${lines[0]}" = "System Processes (Note: All processes may not always be present)" ] ||
		{ echo "$output"; false; }
	[ "${lines[1]}" = "  sshd         - The SSH daemon" ] || { echo "$output"; false; }
	[[ $output == *$'\n'"sshd         root         IPv4 TCP    192.0.2.1:2222"* ]] ||
		{ echo "$output"; false; }
}

@test "legend: a missing legend file is one warning line, the table still printed" {
	run mk install DESTDIR="$stage" PREFIX=/usr
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	mkdir "$BATS_TEST_TMPDIR/empty"
	run --separate-stderr staged "$BATS_TEST_TMPDIR/empty" -n
	esa_status 0
	esa_eq "$stderr" "esa-tcpservices: /usr/share/esa-tools/services: No such file or directory"
	[ "${lines[0]}" = "COMMAND      USER         TYPE NODE   NAME" ] || { echo "$output"; false; }
	[ "${lines[1]}" = "sshd         root         IPv4 TCP    192.0.2.1:2222" ] ||
		{ echo "$output"; false; }
}

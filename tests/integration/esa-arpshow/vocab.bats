#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# vocab.bats - esa-arpshow -j and esa-ndpshow -j: every key is esa-tools(7)'s, with its
# type (../json_vocab.py), with entries of every kind, names from a hosts file and an
# interface with an alias, so that as many keys as possible show.

load ../lib
load common

setup() {
	arp_setup
	arp_topology
	arp_fill
	arp_second_link
	ip -n "$A" link set a0 alias "Data 1"
	printf '%s\n' '192.0.2.2 peer.example' '2001:db8::2 peer6.example' \
		> "$BATS_TEST_TMPDIR/hosts"
	printf '%s\n' 'nameserver 127.0.0.1' 'options timeout:1 attempts:1' \
		> "$BATS_TEST_TMPDIR/resolv.conf"
	printf '%s\n' 'hosts: files dns' > "$BATS_TEST_TMPDIR/nsswitch.conf"
	arp_reach
	arp_failed
}

teardown() {
	esa_cleanup
}

# vocab PROGRAM ARGS...: PROGRAM in A with ARGS, /etc/hosts, resolv.conf and
# nsswitch.conf the test's (as names.bats); its output through the check; prints the
# violations, a failing run or stderr, and fails.
vocab() {
	local out

	out=$(in_ns "$A" unshare -m sh -c '
		mount --bind "$1/hosts" /etc/hosts &&
		mount --bind "$1/resolv.conf" /etc/resolv.conf &&
		mount --bind "$1/nsswitch.conf" /etc/nsswitch.conf || exit 99
		shift
		exec "$@"' sh "$BATS_TEST_TMPDIR" "$@" 2> "$BATS_TEST_TMPDIR/err") &&
		[ ! -s "$BATS_TEST_TMPDIR/err" ] ||
		{ echo "$*: failed: $(cat "$BATS_TEST_TMPDIR/err")"; return 1; }
	printf '%s\n' "$out" > "$BATS_TEST_TMPDIR/last.json"
	python3 "$ESA_SRCDIR/tests/integration/json_vocab.py" document "${1##*/} ${*:2}" \
		<<< "$out" 2>&1
}

@test "every -j key is in esa-tools(7)'s vocabulary, with its type" {
	local bad=0 keys=""

	vocab "$ARPSHOW" -j || bad=1
	keys+=$(jq -r '.[] | keys[]' "$BATS_TEST_TMPDIR/last.json")$'\n'
	vocab "$ARPSHOW" -n -j -i a1 || bad=1
	vocab "$NDPSHOW" -j || bad=1
	keys+=$(jq -r '.[] | keys[]' "$BATS_TEST_TMPDIR/last.json")$'\n'
	vocab "$ARPSHOW" -6 -n -j || bad=1
	[ "$bad" -eq 0 ]
	# the keys that show only with such entries were there to be checked
	esa_eq "$(sort -u <<< "$keys" | grep -xE 'hostname|expires_s|local|alias|router' |
		tr '\n' ' ')" "alias expires_s hostname local router " "keys seen"
}

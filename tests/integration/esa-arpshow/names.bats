#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# names.bats - esa-arpshow without -n: reverse names from a hosts file bound over
# /etc/hosts inside the namespace, with DNS pointed at the namespace's own loopback
# (nothing answers there), so no lookup can leave the namespace.

load ../lib
load common

setup() {
	arp_setup
	arp_topology
	arp_fill
	printf '%s\n' '192.0.2.2 peer.example' '2001:db8::2 peer6.example' \
		> "$BATS_TEST_TMPDIR/hosts"
	printf '%s\n' 'nameserver 127.0.0.1' 'options timeout:1 attempts:1' \
		> "$BATS_TEST_TMPDIR/resolv.conf"
	# files then DNS only: no NSS module that would ask a daemon outside the namespace
	printf '%s\n' 'hosts: files dns' > "$BATS_TEST_TMPDIR/nsswitch.conf"
	arp_reach
}

teardown() {
	esa_cleanup
}

# named ARGS...: esa-arpshow in A, in a mount namespace of its own where /etc/hosts,
# /etc/resolv.conf and /etc/nsswitch.conf are the test's.
named() {
	in_ns "$A" unshare -m sh -c '
		mount --bind "$1/hosts" /etc/hosts &&
		mount --bind "$1/resolv.conf" /etc/resolv.conf &&
		mount --bind "$1/nsswitch.conf" /etc/nsswitch.conf || exit 99
		shift
		exec "$@"' sh "$BATS_TEST_TMPDIR" "$ARPSHOW" "$@"
}

@test "names from the hosts file; ? and addresses for the others" {
	run --separate-stderr named
	esa_status 0
	esa_no_stderr
	local text=$output
	run check_text_expiry "$A" "$(sed 's/^peer\.example (/? (/; s/^peer6\.example /2001:db8::2   /' <<< "$text")"
	esa_status 0
	esa_eq "$output" 3 "number of REACHABLE entries"
	esa_golden names "$(normalise "$text")"
}

@test "-n: no names at all" {
	run --separate-stderr named -n
	esa_status 0
	esa_no_stderr
	[[ $output != *peer* ]] || { echo "$output"; false; }
	esa_eq "$(grep -c '^? (' <<< "$output")" 5 "IPv4 lines named ? (the host's own too)"
	grep -q '^2001:db8::2  ' <<< "$output"
}

@test "-j: hostname only where a name was found, never with -n" {
	run --separate-stderr named -j
	esa_status 0
	esa_no_stderr
	jq -e '([.[] | select(has("hostname")) | "\(.address)=\(.hostname)"] | sort) ==
		["192.0.2.2=peer.example", "2001:db8::2=peer6.example"]' <<< "$output"
	run --separate-stderr named -n -j
	esa_status 0
	jq -e 'length == 12 and all(.[]; has("hostname") | not)' <<< "$output"
}

@test "a host given by name is resolved; the no-entry line names it" {
	run --separate-stderr named peer.example
	esa_status 0
	esa_no_stderr
	[[ $output == "peer.example (192.0.2.2) at $B_MAC on a0 expires in "*" seconds [ethernet]" ]]
	ip -n "$A" neigh del 192.0.2.2 dev a0
	run --separate-stderr named peer.example
	esa_status 1
	esa_no_stderr
	esa_eq "$output" "peer.example (192.0.2.2) -- no entry"
	# a name nothing resolves: status 2, one line naming it
	run --separate-stderr named nosuch.example
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "${#stderr_lines[@]}" 1 "number of stderr lines"
	[[ ${stderr_lines[0]} == "esa-arpshow: nosuch.example: "?* ]]
}

#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# host.bats - esa-arpshow HOST: the one entry of an address, FreeBSD's "-- no entry"
# line and status 1 when there is none, link-local addresses with their %scope, and
# (netem, on a stock kernel) an entry seen while it is being resolved.

load ../lib
load common

setup() {
	arp_setup
	arp_topology
	arp_fill
}

teardown() {
	esa_cleanup
}

@test "an IPv4 host with an entry: only its line, status 0" {
	run --separate-stderr arpshow "$A" -n 192.0.2.10
	esa_status 0
	esa_no_stderr
	esa_golden host-v4
	# the same line as in the whole listing
	local one=$output
	run --separate-stderr arpshow "$A" -n
	grep -qxF -- "$one" <<< "$output"
	esa_eq "$(text_tuples "$one")" "$(peer_tuples "$A" 4 1 to 192.0.2.10)" "entry vs ip"
}

@test "an IPv6 host with an entry: the header and its row, status 0" {
	run --separate-stderr arpshow "$A" -n 2001:db8::10
	esa_status 0
	esa_no_stderr
	esa_golden host-v6
	esa_eq "$(text_tuples "$output")" "$(peer_tuples "$A" 6 0 to 2001:db8::10)" "entry vs ip"
}

@test "a link-local host with %scope: its row, with the scope" {
	arp_reach
	run --separate-stderr arpshow "$A" -n "$B_LL%a0"
	esa_status 0
	esa_no_stderr
	local text=$output
	run check_text_expiry "$A" "$text"
	esa_status 0
	esa_eq "$output" 1 "number of REACHABLE entries"
	esa_golden host-ll "$(normalise "$text")"
	run --separate-stderr arpshow "$A" -n -j "$B_LL%a0"
	esa_status 0
	esa_no_stderr
	jq -e --arg a "$B_LL%a0" --arg ll "$B_MAC" \
		'length == 1 and .[0].address == $a and .[0].mac == $ll and .[0].interface == "a0"' \
		<<< "$output"
	esa_eq "$(json_tuples "$output")" "$(peer_tuples "$A" 6 0 to "$B_LL" dev a0)" "entry vs ip"
}

@test "an IPv4 host without an entry: the no-entry line on stdout, status 1" {
	# ip agrees there is none
	esa_eq "$(ip -n "$A" -4 neigh show to 192.0.2.77)" "" "ip neigh show to 192.0.2.77"
	run --separate-stderr arpshow "$A" -n 192.0.2.77
	esa_status 1
	esa_no_stderr
	esa_golden host-missing-v4
	run --separate-stderr arpshow "$A" 192.0.2.77
	esa_status 1
	esa_golden host-missing-v4
}

@test "an IPv6 host without an entry: the no-entry line, status 1" {
	esa_eq "$(ip -n "$A" -6 neigh show to 2001:db8::77)" "" "ip neigh show to 2001:db8::77"
	run --separate-stderr arpshow "$A" -n 2001:db8::77
	esa_status 1
	esa_no_stderr
	esa_golden host-missing-v6
}

@test "with -j, a host without an entry is [] and status 1" {
	run --separate-stderr arpshow "$A" -n -j 192.0.2.77
	esa_status 1
	esa_no_stderr
	jq -e 'type == "array" and length == 0' <<< "$output"
	run --separate-stderr arpshow "$A" -n -j 2001:db8::77
	esa_status 1
	esa_no_stderr
	jq -e 'type == "array" and length == 0' <<< "$output"
}

@test "with -j, a host with an entry is an array of that one entry" {
	run --separate-stderr arpshow "$A" -n -j 2001:db8::10
	esa_status 0
	esa_no_stderr
	jq -e 'length == 1 and .[0].address == "2001:db8::10" and .[0].router == true and
		.[0].state == "permanent" and .[0].family == "inet6"' <<< "$output"
	esa_eq "$(json_tuples "$output")" "$(peer_tuples "$A" 6 0 to 2001:db8::10)" "entry vs ip"
}

@test "a host of another interface's scope or of -i's other interface has no entry" {
	arp_second_link
	arp_reach
	run --separate-stderr arpshow "$A" -n "$B_LL%a1"
	esa_status 1
	esa_no_stderr
	esa_eq "$(tail -n 1 <<< "$output")" "$B_LL%a1 ($B_LL%a1) -- no entry" "last line"
	run --separate-stderr arpshow "$A" -n -i a1 192.0.2.10
	esa_status 1
	esa_no_stderr
	esa_golden host-missing-v4 "$(sed 's/192\.0\.2\.10/192.0.2.77/g' <<< "$output")"
}

# neigh_state NS ADDR: the kernel's state of ADDR's entry (INCOMPLETE, REACHABLE...).
neigh_state() {
	ip -n "$1" -4 -j neigh show to "$2" | jq -er '.[0].state[0]'
}

# has_neigh NS ADDR: NS has an entry for ADDR, in whatever state.
has_neigh() {
	[ -n "$(ip -n "$1" -4 neigh show to "$2")" ]
}

# bats test_tags=vm
@test "a host whose replies are delayed (netem): (incomplete) while resolving, then REACHABLE" {
	local ping before after line re

	# 3 s: room for the tool and two looks of ip on a slow (emulated) machine
	in_ns "$B" tc qdisc add dev b0 root netem delay 3000ms 2> /dev/null ||
		skip "skipped: kernel lacks sch_netem"
	esa_eq "$(ip -n "$A" -4 neigh show to 192.0.2.2)" "" "ip neigh show to 192.0.2.2"
	# B's ARP reply and echo reply each wait 3 s in its qdisc; fd 3 is bats' own
	in_ns "$A" ping -n -q -c 1 -W 10 192.0.2.2 > "$BATS_TEST_TMPDIR/ping" 2>&1 3>&- &
	ping=$!
	esa_wait_for 2 has_neigh "$A" 192.0.2.2
	# the tool between two looks of ip at the same entry, all within the delay
	before=$(peer_tuples "$A" 4 1 to 192.0.2.2)
	run --separate-stderr arpshow "$A" -n 192.0.2.2
	after=$(peer_tuples "$A" 4 1 to 192.0.2.2)
	esa_eq "$after" "$before" "ip's entry before and after the tool (too slow for a 3 s delay?)"
	esa_status 0
	esa_no_stderr
	esa_eq "$(text_tuples "$output")" "$before" "entry vs ip"
	# ARP goes through the delayed qdisc: the entry is still being resolved
	esa_eq "$output" "? (192.0.2.2) at (incomplete) on a0 expired [ethernet]" "output while delayed"
	wait "$ping" || { cat "$BATS_TEST_TMPDIR/ping"; false; }
	run --separate-stderr arpshow "$A" -n 192.0.2.2
	esa_status 0
	esa_no_stderr
	re='^\? \(192\.0\.2\.2\) at 02:00:00:00:0b:01 on a0 expires in ([0-9]+) seconds \[ethernet\]$'
	[[ $output =~ $re ]] || { echo "after the ping: $output"; false; }
	check_expiry "$A" 192.0.2.2 a0 "${BASH_REMATCH[1]}"
	esa_eq "$(text_tuples "$output")" "$(peer_tuples "$A" 4 1 to 192.0.2.2)" "entry vs ip"
	esa_eq "$(neigh_state "$A" 192.0.2.2)" REACHABLE "ip's state"
}

#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# compare.bats - esa-arpshow against the trusted peer on a table of ~200 entries of
# mixed states on two interfaces, NOARP and proxy entries among them (hidden by both).

load ../lib
load common

setup() {
	arp_setup
	arp_topology
	arp_second_link
	# ~200 entries: per family and interface, permanent, stale, reachable,
	# incomplete and failed ones, and NOARP and proxy entries neither lists
	local i dev states=(permanent stale reachable incomplete failed noarp) st
	{
		for i in $(seq 1 96); do
			st=${states[i % 6]}
			dev=a0
			[ $((i / 6 % 2)) -eq 1 ] && dev=a1
			case $st in
			incomplete | failed)
				echo "neigh replace 203.0.113.$i dev $dev nud $st"
				echo "neigh replace 2001:db8:3::$i dev $dev nud $st" ;;
			*)
				printf 'neigh replace 203.0.113.%d lladdr 02:00:00:03:00:%02x dev %s nud %s\n' \
					"$i" "$i" "$dev" "$st"
				printf 'neigh replace 2001:db8:3::%x lladdr 02:00:00:03:00:%02x dev %s nud %s%s\n' \
					"$i" "$i" "$dev" "$st" "$([ $((i % 4)) -eq 0 ] && echo ' router')" ;;
			esac
		done
		echo "neigh add proxy 203.0.113.200 dev a0"
		echo "neigh add proxy 2001:db8:3::200 dev a1"
	} > "$BATS_TEST_TMPDIR/batch"
	ip -n "$A" -batch "$BATS_TEST_TMPDIR/batch"
	arp_reach
}

teardown() {
	esa_cleanup
}

@test "200 entries: the JSON entries of each family are ip's" {
	[ "$(ip -n "$A" neigh show | wc -l)" -ge 150 ]
	peer_compare "$A" 4 json -n -j -4
	peer_compare "$A" 6 json -n -j -6
	# ip's default view hides NOARP and proxy entries, and so does the tool
	jq -e 'all(.[]; .address != "2001:db8:3::200" and .state != "noarp")' <<< "$output"
}

@test "200 entries: the text entries of each family are ip's" {
	peer_compare "$A" 4 text -n -4
	peer_compare "$A" 6 text -n -6
	# and the whole listing holds both, in that order
	run --separate-stderr arpshow "$A" -n
	esa_status 0
	esa_no_stderr
	esa_eq "$(grep -c '^$' <<< "$output")" 1 "empty lines"
	esa_eq "$(sed -n '/^$/,$p' <<< "$output" | grep -c '^Neighbor ')" 1 "NDP header after it"
}

@test "200 entries: -i selects one interface, as ip neigh show dev does" {
	local fam

	PEER_FILTER=(dev a1)
	for fam in 4 6; do
		peer_compare "$A" "$fam" json -n -j "-$fam" -i a1
		jq -e 'length >= 30 and all(.[]; .interface == "a1")' <<< "$output"
		peer_compare "$A" "$fam" text -n "-$fam" -i a1
	done
}

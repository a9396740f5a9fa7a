#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# list.bats - esa-arpshow's listing: both tables, one family, esa-ndpshow, aliases and
# link types, against golden files and `ip neigh show` in the same namespace.

load ../lib
load common

setup() {
	arp_setup
	arp_topology
}

teardown() {
	esa_cleanup
}

@test "both tables: golden text, reachable times in range, entries as ip shows them" {
	arp_fill
	arp_reach
	run --separate-stderr arpshow "$A" -n
	esa_status 0
	esa_no_stderr
	local text=$output
	# the three pinged addresses are REACHABLE, each with a time in range
	run check_text_expiry "$A" "$text"
	esa_status 0
	esa_eq "$output" 3 "number of REACHABLE entries"
	output=$text
	esa_golden list-both "$(normalise "$output")"
	# exactly one empty line, right before the NDP header
	[[ $output == *$']\n\nNeighbor '* ]]
	esa_eq "$(grep -c '^$' <<< "$output")" 1 "empty lines"
	# a row without flags ends with one space, the router's with " R"
	grep -qx '2001:db8::11  *02:00:00:00:00:11  *a0 expired   S ' <<< "$output"
	grep -qx '2001:db8::10  *02:00:00:00:00:10  *a0 permanent R R' <<< "$output"
	# the same entries as the trusted peer, family by family
	peer_compare "$A" 4 text -n -4
	peer_compare "$A" 6 text -n -6
}

@test "-4 prints only the ARP table, without header or empty line" {
	arp_fill
	arp_reach
	run --separate-stderr arpshow "$A" -n --ipv4
	esa_status 0
	esa_no_stderr
	local text=$output
	run check_text_expiry "$A" "$text"
	esa_status 0
	esa_eq "$output" 1 "number of REACHABLE entries"
	esa_golden list-v4 "$(normalise "$text")"
	peer_compare "$A" 4 text -n -4
}

@test "-6 and esa-ndpshow print only the NDP table" {
	local args text

	arp_fill
	arp_reach
	# PROGRAM ARGS...: the same table whichever way it is asked for
	for args in "arpshow -n -6" "arpshow -n --ipv6" "ndpshow -n" "ndpshow -n -6"; do
		# shellcheck disable=SC2086 # the command and its options, one word each
		run --separate-stderr ${args%% *} "$A" ${args#* }
		esa_status 0
		esa_no_stderr
		text=$output
		run check_text_expiry "$A" "$text"
		esa_status 0
		esa_eq "$output" 2 "number of REACHABLE entries ($args)"
		esa_golden list-v6 "$(normalise "$text")"
	done
	peer_compare "$A" 6 text -n -6
}

@test "esa-ndpshow -4 is a usage error" {
	run --separate-stderr ndpshow "$A" -n -4
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "${#stderr_lines[@]}" 4 "number of stderr lines (one, then the synopsis)"
	esa_eq "${stderr_lines[0]}" "esa-ndpshow: -4: esa-ndpshow lists the IPv6 table only (use esa-arpshow -4)"
	esa_golden usage "$(printf '%s\n' "${stderr_lines[@]:1}")"
}

@test "-a and --all are accepted and change nothing" {
	local text

	arp_fill
	arp_reach
	run --separate-stderr arpshow "$A" -a -n
	esa_status 0
	esa_no_stderr
	text=$output
	run check_text_expiry "$A" "$text"
	esa_status 0
	esa_eq "$output" 3 "number of REACHABLE entries"
	esa_golden list-both "$(normalise "$text")"
	run --separate-stderr arpshow "$A" --all -n -4
	esa_status 0
	esa_no_stderr
	esa_golden list-v4 "$(normalise "$output")"
}

@test "FAILED entries: (incomplete), expired, state letter W" {
	local try ok=0

	arp_fill
	for try in 1 2 3; do
		arp_failed
		run --separate-stderr arpshow "$A" -n
		# the kernel may have collected a FAILED entry meanwhile: then try again
		if [ "$(ip -n "$A" neigh show nud failed | wc -l)" -eq 2 ]; then
			ok=1
			break
		fi
	done
	[ "$ok" -eq 1 ]
	esa_status 0
	esa_no_stderr
	esa_golden failed "$(normalise "$(grep -E '^Neighbor|^$|[ (]192\.0\.2\.13[) ]|^2001:db8::13 ' <<< "$output")")"
	peer_compare "$A" 4 text -n -4
	peer_compare "$A" 6 text -n -6
}

@test "NOARP and proxy entries are not listed, as ip does not list them" {
	ip -n "$A" -batch - <<-EOF
		neigh replace 2001:db8::10 lladdr 02:00:00:00:00:10 dev a0 nud permanent router
		neigh replace 192.0.2.50 lladdr 02:00:00:00:00:50 dev a0 nud noarp
		neigh replace 2001:db8::50 lladdr 02:00:00:00:00:50 dev a0 nud noarp
		neigh add proxy 192.0.2.51 dev a0
		neigh add proxy 2001:db8::51 dev a0
	EOF
	# they exist for the kernel
	ip -n "$A" neigh show nud noarp | grep -q '^192\.0\.2\.50 '
	ip -n "$A" neigh show proxy | grep -q '^2001:db8::51 '
	run --separate-stderr arpshow "$A" -n
	esa_status 0
	esa_no_stderr
	esa_golden only-v6
	peer_compare "$A" 4 json -n -j -4
	peer_compare "$A" 6 json -n -j -6
}

@test "empty tables: no ARP line and no empty line, the NDP header alone" {
	run --separate-stderr arpshow "$A" -n
	esa_status 0
	esa_no_stderr
	esa_golden empty
	esa_eq "$(ip -n "$A" -4 neigh show)" "" "ip -4 neigh show"
	esa_eq "$(ip -n "$A" -6 neigh show)" "" "ip -6 neigh show"
	# the neighbour tables are empty; the host's own address stays, as in FreeBSD
	run --separate-stderr arpshow "$A" -n -4
	esa_status 0
	esa_eq "$output" "? (192.0.2.1) at $A_MAC on a0 permanent [ethernet]" "-4 output"
}

@test "an alias is shown and selects the interface with -i, as the kernel name does" {
	arp_fill
	arp_second_link
	ip -n "$A" link set dev a0 alias "Data 1"
	run --separate-stderr arpshow "$A" -n -i "Data 1"
	esa_status 0
	esa_no_stderr
	esa_golden alias "$(normalise "$output")"
	run --separate-stderr arpshow "$A" -n -i a0
	esa_status 0
	esa_no_stderr
	esa_golden alias "$(normalise "$output")"
	run --separate-stderr arpshow "$A" -n --interface="Data 1"
	esa_status 0
	esa_golden alias "$(normalise "$output")"
	# without -i, a1's entries are there too, under its kernel name
	run --separate-stderr arpshow "$A" -n
	esa_status 0
	local want
	want=$(printf '%s\n' \
		'198.51.100.10 02:00:00:00:01:10 permanent a1' \
		'198.51.100.11 02:00:00:00:01:11 expired a1' \
		'2001:db8:2::10 02:00:00:00:01:10 permanent a1' \
		'2001:db8:2::11 02:00:00:00:01:11 stale a1' \
		"$(own_tuples "$A" 4 a1; own_tuples "$A" 6 a1)")
	esa_sets_eq "$(text_tuples "$output" | grep ' a1$')" "$want" "a1's entries"
	# and -i a1 shows only those, compared with ip
	run --separate-stderr arpshow "$A" -n -j -i a1
	esa_status 0
	esa_no_stderr
	esa_sets_eq "$(json_tuples "$output")" \
		"$(peer_tuples "$A" 4 0 dev a1; peer_tuples "$A" 6 0 dev a1)" "-i a1 vs ip neigh show dev a1"
	esa_eq "$(jq -r '[.[] | .interface] | unique | join(",")' <<< "$output")" a1 "interfaces"
	# -i takes the alias too; the JSON names the kernel name, and the alias as
	# ip -j link's ifalias
	run --separate-stderr arpshow "$A" -n -j -i "Data 1"
	esa_status 0
	jq -e --arg al "$(ip -n "$A" -j link show a0 | jq -r '.[0].ifalias')" \
		'length == 9 and all(.[]; .interface == "a0" and .alias == $al and .ifindex > 0)' \
		<<< "$output"
}

# bats test_tags=vm
@test "a VLAN interface is [vlan]" {
	esa_skip_unless_kernel vlan
	ip -n "$A" link add link a0 name a0.5 type vlan id 5
	ip -n "$A" link set dev a0.5 up
	ip -n "$A" addr add 198.51.100.1/24 dev a0.5
	ip -n "$A" neigh replace 198.51.100.10 lladdr 02:00:00:00:00:10 dev a0.5 nud permanent
	run --separate-stderr arpshow "$A" -n -4 -i a0.5
	esa_status 0
	esa_no_stderr
	esa_golden vlan
	run --separate-stderr arpshow "$A" -n -j -4 -i a0.5
	esa_status 0
	# the neighbour and the host's own address on the VLAN (FreeBSD lists its own)
	jq -e 'length == 2 and all(.[]; .link_type == "vlan" and .interface == "a0.5") and
	    ([.[] | select(.local == true) | .address] == ["198.51.100.1"])' <<< "$output"
	peer_compare "$A" 4 text -n -4
}

# bats test_tags=vm
@test "a dummy interface is [ethernet]; -i lists its permanent entries as ip does" {
	esa_skip_unless_kernel dummy
	ip -n "$A" link add dummy0 address 02:00:00:00:0d:01 type dummy
	ip -n "$A" link set dev dummy0 up
	# a dummy link is NOARP: only entries made by hand exist on it
	ip -n "$A" -batch - <<-EOF
		neigh replace 203.0.113.10 lladdr 02:00:00:00:0d:10 dev dummy0 nud permanent
		neigh replace 203.0.113.11 lladdr 02:00:00:00:0d:11 dev dummy0 nud permanent
		neigh replace 2001:db8:3::10 lladdr 02:00:00:00:0d:10 dev dummy0 nud permanent
	EOF
	# entries on a0 that -i dummy0 must leave out
	arp_fill
	run --separate-stderr arpshow "$A" -n -i dummy0
	esa_status 0
	esa_no_stderr
	esa_golden dummy "$(normalise "$output")"
	run --separate-stderr arpshow "$A" -n -j -i dummy0
	esa_status 0
	# three made by hand, and the host's own link-local address (FreeBSD lists its own;
	# dummy0 has no other address)
	jq -e 'length == 4 and all(.[]; .link_type == "ethernet" and .interface == "dummy0") and
	    ([.[] | select(.local == true) | .address] == ["fe80::ff:fe00:d01%dummy0"])' <<< "$output"
	PEER_FILTER=(dev dummy0)
	peer_compare "$A" 4 text -n -4 -i dummy0
	peer_compare "$A" 6 text -n -6 -i dummy0
}

# FreeBSD's arp.c and ndp.c list the host's own addresses as permanent entries (the
# seed's "? (10.0.202.7) at MAC on Data 1 permanent [ethernet]"); Linux keeps them out
# of its neighbour table. A link with no link-layer address (lo here) has none;
# --flush neither lists nor deletes them.
@test "the host's own addresses: permanent entries as FreeBSD's, lo's left out, not flushed" {
	ip -n "$A" addr add 203.0.113.9/32 dev lo
	run --separate-stderr arpshow "$A" -n -4
	esa_status 0
	esa_no_stderr
	esa_eq "$output" "? (192.0.2.1) at $A_MAC on a0 permanent [ethernet]" "-4"
	run --separate-stderr arpshow "$A" -n -j
	esa_status 0
	esa_eq "$(jq -c '[.[] | select(.local) | [.address, .mac, .state, .interface]]' \
		<<< "$output")" \
		"[[\"192.0.2.1\",\"$A_MAC\",\"permanent\",\"a0\"],[\"2001:db8::1\",\"$A_MAC\",\"permanent\",\"a0\"],[\"$A_LL%a0\",\"$A_MAC\",\"permanent\",\"a0\"]]" \
		"own addresses"
	run --separate-stderr arpshow "$A" --flush
	esa_status 0
	[[ $output != *192.0.2.1\)* && $output != *2001:db8::1\ * ]] || { echo "$output"; false; }
	ip -n "$A" -4 addr show dev a0 | grep -q 'inet 192.0.2.1/24'
	run --separate-stderr arpshow "$A" -n -4
	esa_eq "$output" "? (192.0.2.1) at $A_MAC on a0 permanent [ethernet]" "-4 after --flush"
}

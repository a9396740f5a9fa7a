#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# interfaces.bats - view 2, the interfaces: counters as `ip -s link` reports them,
# addresses, aliases, down interfaces, -I, -d, JSON, bad command lines.

load ../lib
load common

setup() {
	ns_setup
	ns_topology
	# some traffic on a0, so that the counters are not all zero
	in_ns "$A" ping -n -q -c 3 -i 0.05 -W 2 192.0.2.2 > /dev/null
}

teardown() {
	ns_teardown
}

# ip_stats NS: "ifname rx_packets rx_errors rx_dropped rx_bytes tx_packets tx_errors
# tx_bytes collisions tx_dropped" per interface, from ip -s -j link.
ip_stats() {
	ip -n "$1" -s -j link show | jq -r '.[] | [.ifname, (.stats64.rx |
		.packets, .errors, .dropped, .bytes), (.stats64.tx | .packets, .errors,
		.bytes, .collisions, .dropped)] | join(" ")'
}

# our_stats JSON: the same from our -j output.
our_stats() {
	printf '%s\n' "$1" | jq -r '.[] | [.interface, .rx_packets, .rx_errors, .rx_dropped,
		.rx_bytes, .tx_packets, .tx_errors, .tx_bytes, .collisions, .tx_dropped] | join(" ")'
}

# between BEFORE OURS AFTER: every counter of OURS lies between BEFORE and AFTER (the
# kernel may count a packet between two reads: IPv6 sends on its own).
between() {
	paste -d ' ' <(printf '%s\n' "$1") <(printf '%s\n' "$2") <(printf '%s\n' "$3") |
		awk '{ for (i = 2; i <= 10; i++)
			if ($(i + 10) < $i || $(i + 10) > $(i + 20) || $1 != $11 || $1 != $21) {
				print "counter " i - 1 " of " $1 ": " $i " <= " $(i + 10) \
				    " <= " $(i + 20) " does not hold"; bad = 1 }
		} END { exit bad }'
}

# mask_counters: each number of the counter columns at the end of the rows made N,
# right-aligned in the same width (they change with the traffic; widths do not).
mask_counters() {
	perl -pe 's/( +)(\d+)(?=( +(\d+|-))*$)/$1 . " " x (length($2) - 1) . "N"/ge'
}

@test "-i: every interface with the counters ip -s link reports" {
	local before after json
	before=$(ip_stats "$A")
	run --separate-stderr netstat "$A" -i -n -j
	esa_status 0
	esa_no_stderr
	json=$output
	after=$(ip_stats "$A")
	between "$before" "$(our_stats "$json")" "$after"
	# and the text shows the same numbers as the JSON
	run --separate-stderr netstat "$A" -i -n -d
	esa_status 0
	local rx tx
	rx=$(jq -r '.[] | select(.interface == "a0") | .rx_packets' <<< "$json")
	tx=$(jq -r '.[] | select(.interface == "a0") | .tx_packets' <<< "$json")
	[ "$rx" -ge 3 ] && [ "$tx" -ge 3 ] || { echo "a0: $rx in, $tx out"; false; }
}

@test "-i -n: link and address rows, alias, down interface, network without length (golden)" {
	run --separate-stderr netstat "$A" -i -n
	esa_status 0
	esa_no_stderr
	esa_golden ifaces-n "$(mask_counters <<< "$output")"
	# FreeBSD 11's header (if.c: Name "%-5.5s"), as the seed's "Name    Mtu Network";
	# "Data 1" pushes its own rows, the others keep the 5 columns; lo has no address
	esa_eq "${lines[0]}" "Name    Mtu Network       Address              Ipkts Ierrs Idrop     Ibytes    Opkts Oerrs     Obytes  Coll" "header"
}

@test "-i -d: the Drop column; -I by alias and by kernel name" {
	run --separate-stderr netstat "$A" -i -n -d -I "Data 1"
	esa_status 0
	esa_golden ifaces-d-a0 "$(mask_counters <<< "$output")"
	[[ ${lines[0]} == *"  Coll  Drop" ]] || { echo "${lines[0]}"; false; }
	local alias=$output
	run --separate-stderr netstat "$A" -i -n -d -I a0
	esa_status 0
	esa_eq "$(sed -E 's/( +([0-9]+|-)){9}$//' <<< "$output")" \
		"$(sed -E 's/( +([0-9]+|-)){9}$//' <<< "$alias")" "-I a0 against -I 'Data 1'"
	run --separate-stderr netstat "$A" -i -I a2
	esa_status 0
	esa_eq "${#lines[@]}" 2 "lines for a2"
	[[ ${lines[1]} == "a2*    1500 <Link#4>      02:00:00:00:0a:03 "* ]] || { echo "$output"; false; }
}

@test "-i without -n: the address rows show names from the hosts file" {
	echo "192.0.2.1 me.example.net" >> "/etc/netns/$A/hosts"
	run --separate-stderr netstat "$A" -i -I a0
	esa_status 0
	[[ ${lines[2]} == "Data 1     - 192.0.2.0     me.example.net "* ]] || { echo "$output"; false; }
}

@test "-ij: one JSON array with the keys of the man page" {
	run --separate-stderr netstat "$A" -i -n -j
	esa_status 0
	jq -e 'type == "array" and length == 4 and
		([.[].interface] == ["lo", "a0", "a1", "a2"])' <<< "$output" > /dev/null ||
		{ echo "$output"; false; }
	jq -e '.[1] | .interface == "a0" and .alias == "Data 1" and .up == true and
		.mtu == 1500 and .mac == "02:00:00:00:0a:01" and
		([.addresses[] | [.family, .address, .prefix_len, .network]] ==
		 [["inet", "192.0.2.1", 24, "192.0.2.0"], ["inet6", "2001:db8::1", 64, "2001:db8::"],
		  ["inet6", "fe80::ff:fe00:a01%a0", 64, "fe80::%a0"]])' <<< "$output" > /dev/null ||
		{ jq '.[1]' <<< "$output"; false; }
	jq -e '.[3] | .up == false and .addresses == []' <<< "$output" > /dev/null
	jq -e '[.[] | .rx_packets, .tx_bytes, .tx_dropped | numbers] | length == 12' \
		<<< "$output" > /dev/null
}

# link_fields NS|-: "kernel-name index alias-or-- mac-or-- mtu" per interface, from
# `ip -j link` (NS) or from our -i -j on stdin (-); lo's all-zero address is none, as
# FreeBSD's lo0 has none.
link_fields() {
	if [ "$1" = - ]; then
		jq -r '.[] | [.interface, .ifindex, (.alias // "-"), (.mac // "-"), .mtu] |
			map(tostring) | join(" ")'
	else
		ip -n "$1" -j link show | jq -r '.[] | [.ifname, .ifindex, (.ifalias // "-"),
			(if .link_type == "loopback" then "-" else .address end), .mtu] |
			map(tostring) | join(" ")'
	fi
}

@test "-ij: interface, alias, ifindex, mac and mtu are ip -j link's ifname, ifalias, ifindex, address, mtu" {
	ip -n "$A" link set a1 alias "Mgmt"
	run --separate-stderr netstat "$A" -i -n -j
	esa_status 0
	esa_eq "$(link_fields - <<< "$output")" "$(link_fields "$A")" "links (ours vs ip -j link)"
	# an alias only where one is set
	esa_eq "$(jq -c '[.[] | select(has("alias")) | .interface]' <<< "$output")" '["a0","a1"]' aliases
	# -I takes the alias, and the row still names the kernel name
	run --separate-stderr netstat "$A" -i -n -j -I Mgmt
	esa_status 0
	esa_eq "$(jq -c '[.[] | [.interface, .alias]]' <<< "$output")" '[["a1","Mgmt"]]' "-I Mgmt"
}

@test "bad command lines and unknown interfaces: status 2, nothing on standard output" {
	run --separate-stderr netstat "$A" -i -I nosuch0
	esa_status 2
	esa_eq "$output" ""
	esa_eq "$stderr" "esa-netstat: nosuch0: no such interface"
	local args
	for args in "-i -r" "-i -L" "-i -4" "-i -6" "-i -W -c 1" "-i -a" "-i -p udp"; do
		# shellcheck disable=SC2086 # the options are words
		run --separate-stderr netstat "$A" $args
		esa_status 2
		esa_eq "$output" "" "standard output of esa-netstat $args"
		[[ $stderr == *$'\nusage: esa-netstat '* ]] || { echo "$stderr"; false; }
	done
}

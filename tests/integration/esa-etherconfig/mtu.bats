#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# mtu.bats - esa-etherconfig mtu: the listing and a change, read back with ip link;
# values outside the device's limits refused with the limits named.

load ../lib
load common

setup() {
	ec_setup
}

teardown() {
	esa_cleanup
}

ip_mtu() {
	ip -n "$1" -j link show "$2" | jq -r '.[0].mtu'
}

@test "mtu lists each interface numbered with its MTU, as ip link says" {
	esa_veth "$A" a1 "$B" b1
	ip -n "$A" link set a1 mtu 9000
	run --separate-stderr ec "$A" mtu
	esa_status 0
	esa_no_stderr
	esa_golden mtu
	run --separate-stderr ec "$A" mtu -j
	esa_status 0
	esa_eq "$(jq -r '.[] | "\(.interface) \(.mtu) \(.min_mtu) \(.max_mtu)"' <<< "$output")" \
		"$(ip -n "$A" -d -j link show | jq -r '.[] | select(.ifname != "lo") |
			"\(.ifname) \(.mtu) \(.min_mtu) \(.max_mtu)"')" "mtu and limits vs ip -d link"
}

@test "mtu IFACE MTU sets it: one line, and ip link reads it back" {
	run --separate-stderr ec "$A" mtu "Data 1" 9000
	esa_status 0
	esa_no_stderr
	esa_eq "$output" "Data 1: mtu set to 9000 (was 1500)"
	esa_eq "$(ip_mtu "$A" a0)" 9000
	run --separate-stderr ec "$A" mtu a0
	esa_eq "$output" "1. Data 1 mtu 9000"
	# the limits themselves are accepted (68 stops IPv6 on a0: -f)
	run --separate-stderr ec "$A" mtu a0 68 -f
	esa_status 0
	esa_eq "$(ip_mtu "$A" a0)" 68
	run --separate-stderr ec "$A" mtu a0 65535
	esa_status 0
	esa_eq "$(ip_mtu "$A" a0)" 65535
}

@test "an MTU outside the device's limits is refused with the limits, nothing changed" {
	local before m

	before=$(snapshot "$A")
	for m in 0 67 65536 70000; do
		run --separate-stderr ec "$A" mtu a0 "$m"
		esa_status 2
		esa_eq "$output" "" stdout
		esa_eq "$stderr" "esa-etherconfig: MTU $m is out of range for Data 1 (68 to 65535)"
	done
	esa_eq "$(snapshot "$A")" "$before" "namespace state"
}

@test "mtu as nobody: the listing works, a change names CAP_NET_ADMIN" {
	run --separate-stderr ec_nobody "$A" mtu
	esa_status 0
	esa_eq "$output" "1. Data 1 mtu 1500"
	run --separate-stderr ec_nobody "$A" mtu a0 1400
	esa_status 2
	esa_eq "$stderr" "esa-etherconfig: mtu: Operation not permitted (needs CAP_NET_ADMIN)"
	esa_eq "$(ip_mtu "$A" a0)" 1500
}

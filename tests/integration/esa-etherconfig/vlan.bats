#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# vlan.bats - esa-etherconfig vlan: 802.1Q links added, listed and deleted, checked with
# ip -d link. The kernel of the development machine has no 8021q: there the cases that
# need it are skipped ("skipped: kernel lacks 8021q") and run in `make check-vm`; the
# clear error of such a kernel is checked instead.

load ../lib
load common

setup() {
	ec_setup
}

teardown() {
	esa_cleanup
}

# vlans NS: "NAME VID PARENT" for each VLAN link, as ip -d link shows them.
vlans() {
	ip -n "$1" -d -j link show | jq -r '.[] | select(.linkinfo.info_kind == "vlan") |
		"\(.ifname) \(.linkinfo.info_data.id) \(.link)"'
}

@test "vlan lists none on a host without VLANs" {
	run --separate-stderr ec "$A" vlan
	esa_status 0
	esa_eq "$output" "No VLAN interfaces are configured."
	run --separate-stderr ec "$A" vlan list -j
	esa_eq "$output" "[]"
}

@test "a kernel without 802.1Q: vlan add says exactly that, exit 2, nothing added" {
	local before

	if kernel_has_vlan; then
		skip "the kernel has 8021q"
	fi
	before=$(snapshot "$A")
	run --separate-stderr ec "$A" vlan add "Data 1" 34
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "$stderr" "esa-etherconfig: vlan: this kernel lacks 802.1Q VLAN support (module 8021q): Operation not supported: Unknown device type"
	esa_eq "$(snapshot "$A")" "$before" "namespace state"
}

@test "a parent that is not Ethernet is refused before the kernel is asked" {
	run --separate-stderr ec "$A" vlan add lo 34
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "$stderr" "esa-etherconfig: lo: not an Ethernet interface: a VLAN needs an Ethernet parent"
}

# bats test_tags=vm
@test "vlan add IFACE VID: named IFACE.VID, as ip -d link shows it; listed; deleted" {
	esa_skip_unless_kernel vlan
	run --separate-stderr ec "$A" vlan add "Data 1" 34
	esa_status 0
	esa_no_stderr
	esa_eq "$output" "VLAN 34 (Data 1) added as a0.34"
	esa_eq "$(vlans "$A")" "a0.34 34 a0" "ip -d link"
	run --separate-stderr ec "$A" vlan
	esa_status 0
	esa_golden vlan
	run --separate-stderr ec "$A" vlan list -j
	esa_eq "$(jq -c . <<< "$output")" \
		"[{\"vid\":34,\"interface\":\"a0.34\",\"parent_interface\":\"a0\",\"parent_ifindex\":$(ip -n "$A" -j link show a0 | jq '.[0].ifindex'),\"parent_alias\":\"Data 1\",\"mtu\":1500}]"
	run --separate-stderr ec "$A" mtu
	esa_eq "$output" "1. Data 1 mtu 1500
2. VLAN 34 mtu 1500"
	run --separate-stderr ec "$A" vlan delete a0.34
	esa_status 0
	esa_eq "$output" "VLAN 34 (Data 1) deleted: a0.34"
	esa_eq "$(vlans "$A")" "" "ip -d link"
}

# bats test_tags=vm
@test "vlan add with a NAME; delete by IFACE.VID with the parent's alias; VIDs 1 and 4094" {
	esa_skip_unless_kernel vlan
	run --separate-stderr ec "$A" vlan add a0 1 voice
	esa_status 0
	esa_eq "$output" "VLAN 1 (Data 1) added as voice"
	run --separate-stderr ec "$A" vlan add a0 4094
	esa_status 0
	esa_sets_eq "$(vlans "$A")" "voice 1 a0
a0.4094 4094 a0" "ip -d link"
	run --separate-stderr ec "$A" vlan delete "Data 1.1"
	esa_status 0
	esa_eq "$output" "VLAN 1 (Data 1) deleted: voice"
	run --separate-stderr ec "$A" vlan delete a0.4094
	esa_status 0
	esa_eq "$(vlans "$A")" ""
}

# bats test_tags=vm
@test "a duplicate VLAN, or a name in use, is refused; nothing changed" {
	local before

	esa_skip_unless_kernel vlan
	run --separate-stderr ec "$A" vlan add a0 34
	esa_status 0
	before=$(snapshot "$A")
	run --separate-stderr ec "$A" vlan add "Data 1" 34 other
	esa_status 2
	esa_eq "$stderr" "esa-etherconfig: VLAN 34 already exists on Data 1 (a0.34)"
	run --separate-stderr ec "$A" vlan add a0 35 a0.34
	esa_status 2
	esa_eq "$stderr" "esa-etherconfig: a0.34: an interface of that name exists"
	esa_eq "$(snapshot "$A")" "$before" "namespace state"
}

# bats test_tags=vm
@test "an MTU on a VLAN, within its limits" {
	esa_skip_unless_kernel vlan
	run --separate-stderr ec "$A" vlan add a0 34
	run --separate-stderr ec "$A" mtu a0.34 1400
	esa_status 0
	esa_eq "$output" "a0.34: mtu set to 1400 (was 1500)"
	esa_eq "$(ip -n "$A" -j link show a0.34 | jq -r '.[0].mtu')" 1400
	# a VLAN's MTU cannot pass its parent's
	run --separate-stderr ec "$A" mtu a0.34 9000
	esa_status 2
	esa_eq "$output" "" stdout
	[[ $stderr == "esa-etherconfig: "* ]] || { echo "$stderr"; false; }
}

# bats test_tags=vm
@test "a VLAN on a dummy interface" {
	esa_skip_unless_kernel vlan
	esa_skip_unless_kernel dummy
	ip -n "$A" link add d0 type dummy
	run --separate-stderr ec "$A" vlan add d0 100
	esa_status 0
	esa_eq "$(vlans "$A")" "d0.100 100 d0"
	run --separate-stderr ec "$A" vlan
	esa_eq "$output" "VLAN interfaces:
1. VLAN 100 (d0)"
}

@test "vlan as nobody: the listing works, add names CAP_NET_ADMIN" {
	run --separate-stderr ec_nobody "$A" vlan
	esa_status 0
	run --separate-stderr ec_nobody "$A" vlan add a0 34
	esa_status 2
	esa_eq "$stderr" "esa-etherconfig: vlan: Operation not permitted (needs CAP_NET_ADMIN)"
}

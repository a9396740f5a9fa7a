#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# ether.bats - esa-cli's etherconfig inside the test's namespace (never the host's
# interfaces): the seed's menu and MTU > EDIT on a pseudo-terminal against a golden
# transcript (the menu lines are the seed's, the rest esa-cli(8)'s texts and
# esa-etherconfig's lines), each change confirmed, refused changes not made. VLAN
# NEW and DELETE: the questions and the exact command from a stand-in
# esa-etherconfig that records its arguments; made for real (checked with ip -d
# link) where the kernel has 8021q (the VM tier), the tool's own refusal where not.

load ../lib
load common

setup() {
	cli_setup
	cli_topology
}

teardown() {
	cli_teardown
}

@test "esa-cli: etherconfig > MTU > EDIT: the interface, the MTU, confirmed, then made" {
	cli_start "$NS_A"
	cli_type etherconfig
	cli_dialog '[]>' mtu '[]>' edit '[]>' 3 '[]>' a0 '[1500]>' 1400 \
		'Set the MTU of a0 to 1400? [Y]>' ''
	cli_wait_for 'example.com>'
	esa_golden ether-mtu "$(cli_screen)"
	run ip -n "$NS_A" -o link show a0
	[[ $output == *' mtu 1400 '* ]]
}

@test "esa-cli: etherconfig: a change answered N is not made" {
	run --separate-stderr cli_pipe "$NS_A" $'etherconfig\nmtu\nedit\na0\n9000\nn\n'
	esa_status 0
	esa_no_stderr
	esa_eq "${lines[-1]}" 'Nothing was changed.'
	run ip -n "$NS_A" -o link show a0
	[[ $output == *' mtu 1500 '* ]]
	run --separate-stderr cli_pipe "$NS_A" $'etherconfig\nmulticast\nreject\nn\n'
	esa_status 0
	esa_eq "${lines[-1]}" 'Nothing was changed.'
	run ip netns exec "$NS_A" "$ESA_BUILD/esa-etherconfig" multicast
	esa_eq "$output" 'Appliance is configured to accept ARP replies with a multicast address.'
}

@test "esa-cli: etherconfig > MULTICAST offers ACCEPT when esa-etherconfig -j says replies are rejected" {
	ip netns exec "$NS_A" "$ESA_BUILD/esa-etherconfig" multicast reject > /dev/null
	run --separate-stderr cli_pipe "$NS_A" $'etherconfig\nmulticast\naccept\ny\n'
	esa_status 0
	esa_no_stderr
	[[ $output == *'ACCEPT - Accept ARP replies with a multicast address.'* ]] || { echo "$output"; false; }
	run ip netns exec "$NS_A" "$ESA_BUILD/esa-etherconfig" multicast
	esa_eq "$output" 'Appliance is configured to accept ARP replies with a multicast address.'
}

@test "esa-cli: etherconfig > LOOPBACK: ENABLE checks the address, confirms; DISABLE undoes it" {
	run --separate-stderr cli_pipe "$NS_A" \
		$'etherconfig\nloopback\nenable\n192.0.2.300\n-f\n192.0.2.9\ny\n'
	esa_status 0
	esa_no_stderr
	run grep -cx 'This is not an IPv4 address.' <<< "$output"
	esa_eq "$output" 2
	run ip -n "$NS_A" -o addr show dev lo
	[[ $output == *' 192.0.2.9/32 '* ]]
	run --separate-stderr cli_pipe "$NS_A" $'etherconfig\nloopback\ndisable\n\n'
	esa_status 0
	run ip -n "$NS_A" -o addr show dev lo
	[[ $output != *' 192.0.2.9/32 '* ]]
}

@test "esa-cli: etherconfig > MEDIA and VLAN show esa-etherconfig's views" {
	run --separate-stderr cli_pipe "$NS_A" $'etherconfig\nvlan\n'
	esa_status 0
	esa_eq "$(printf '%s\n' "${lines[@]: -4}")" 'No VLAN interfaces are configured.
Choose the operation you want to perform:
- NEW - Create a new VLAN.
- DELETE - Delete a VLAN.'
	run --separate-stderr cli_pipe "$NS_A" $'etherconfig\nmedia\n'
	esa_status 0
	esa_eq "${lines[-4]}" 'Ethernet interfaces:'
	[[ ${lines[-3]} == '1. a0 '* ]]
	esa_eq "$(printf '%s\n' "${lines[@]: -2}")" 'Choose the operation you want to perform:
- EDIT - Edit an ethernet interface.'
}

# stub_etherconfig DIR: esa-cli copied into DIR beside a stand-in esa-etherconfig: two
# Ethernet interfaces (a0, which supports autonegotiation, 10 Mb/s half-duplex, 100
# and 1000 Mb/s full-duplex, and "Data 2" by its alias, which reports no mode),
# VLANs 34 on a0 and 35 on Data 2 (DIR/esa-etherconfig.vlan.json's VLANs instead
# when that file is there); any other command line is printed, one [argument] each,
# as it came.
stub_etherconfig() {
	mkdir "$1" && cp "$CLI" "$1/esa-cli" || return 1
	cat > "$1/esa-etherconfig" <<-'EOF'
		#!/bin/sh
		case "$*" in
		"media -j")
			echo '[{"interface":"a0","ifindex":2},{"interface":"a1","alias":"Data 2","ifindex":3}]' ;;
		"media a0 -j")
			echo '[{"interface":"a0","ifindex":2,"autoneg":true,"speed_mbps":1000,"duplex":"full",'
			echo '  "autoneg_supported":true,"supported_media":[{"speed_mbps":10,"duplex":"half"},'
			echo '  {"speed_mbps":100,"duplex":"full"},{"speed_mbps":1000,"duplex":"full"}]}]' ;;
		"media Data 2 -j")
			echo '[{"interface":"a1","alias":"Data 2","ifindex":3,"autoneg_supported":false,"supported_media":[]}]' ;;
		media)
			printf 'Ethernet interfaces:\n1. a0 (Autoselect: <1000baseT full-duplex>)\n2. Data 2 (Manual: <10000baseT full-duplex>)\n' ;;
		"vlan -j")
			if [ -f "$0.vlan.json" ]; then cat "$0.vlan.json"; exit; fi
			echo '[{"vid":34,"interface":"a0.34","parent_interface":"a0","parent_ifindex":2,"mtu":1500},'
			echo ' {"vid":35,"interface":"a1.35","parent_interface":"a1","parent_ifindex":3,'
			echo '  "parent_alias":"Data 2","mtu":1500}]' ;;
		vlan)
			printf 'VLAN interfaces:\n1. VLAN 34 (a0)\n2. VLAN 35 (Data 2)\n' ;;
		*)
			printf 'esa-etherconfig ran:'; printf '[%s]' "$@"; echo ;;
		esac
	EOF
	chmod 755 "$1/esa-etherconfig"
}

@test "esa-cli: etherconfig > VLAN > NEW: the VLAN ID (1-4094) and the interface asked until good, confirmed, then vlan add" {
	local dir=$BATS_TEST_TMPDIR/bin

	stub_etherconfig "$dir"
	run --separate-stderr sh -c 'printf "etherconfig\nvlan\nnew\n0\n4095\nx\n\n34\n3\nfoo\nData 2\n\n" |
		"$1"' sh "$dir/esa-cli"
	esa_status 0
	esa_no_stderr
	esa_golden ether-vlan-new
	esa_eq "${lines[-1]}" 'esa-etherconfig ran:[vlan][add][Data 2][34]'
	# by number, and answered N: nothing run
	run --separate-stderr sh -c 'printf "etherconfig\nvlan\nnew\n4094\n1\nn\n" | "$1"' sh \
		"$dir/esa-cli"
	esa_status 0
	esa_no_stderr
	esa_eq "${lines[-1]}" 'Nothing was changed.'
	[[ $output != *'esa-etherconfig ran:'* ]]
}

@test "esa-cli: etherconfig > VLAN > DELETE: the VLAN by number or name as the view lists them, confirmed, then vlan delete" {
	local dir=$BATS_TEST_TMPDIR/bin

	stub_etherconfig "$dir"
	run --separate-stderr sh -c 'printf "etherconfig\nvlan\ndelete\n0\nVLAN 35\n2\n\n" | "$1"' sh \
		"$dir/esa-cli"
	esa_status 0
	esa_no_stderr
	esa_golden ether-vlan-delete
	esa_eq "${lines[-1]}" 'esa-etherconfig ran:[vlan][delete][a1.35]'
	run --separate-stderr sh -c 'printf "etherconfig\nvlan\ndelete\na0.34\ny\n" | "$1"' sh \
		"$dir/esa-cli"
	esa_status 0
	esa_eq "${lines[-1]}" 'esa-etherconfig ran:[vlan][delete][a0.34]'
}

@test "esa-cli: etherconfig > VLAN > DELETE asks about the VLAN by its parent's name as the view shows it" {
	local dir=$BATS_TEST_TMPDIR/bin

	stub_etherconfig "$dir"
	CLI=$dir/esa-cli cli_start "$NS_A"
	cli_type etherconfig
	cli_dialog '[]>' vlan '[]>' delete '[]>' 2
	cli_wait_text '? [Y]>'
	# the parent's alias, as the view's "2. VLAN 35 (Data 2)", not its kernel name a1
	esa_eq "$(cli_last_line)" 'Delete VLAN 35 (Data 2)? [Y]>' "the question"
	cli_type n
	cli_wait_for 'example.com>'
	cli_dialog 'example.com>' etherconfig '[]>' vlan '[]>' delete '[]>' 1
	cli_wait_text '? [Y]>'
	# a parent without an alias: its kernel name
	esa_eq "$(cli_last_line)" 'Delete VLAN 34 (a0)? [Y]>' "the question"
	cli_type n
	cli_wait_for 'example.com>'
}

@test "esa-cli: etherconfig > VLAN > DELETE of a VLAN whose parent is in another namespace: asked without it, then vlan delete" {
	local dir=$BATS_TEST_TMPDIR/bin

	stub_etherconfig "$dir"
	# esa-etherconfig leaves out the parent it cannot see from here
	cat > "$dir/esa-etherconfig.vlan.json" <<-'EOF'
		[{"vid":34,"interface":"a0.34","parent_interface":"a0","parent_ifindex":2,"mtu":1500},
		 {"vid":35,"interface":"a1.35","mtu":1500}]
	EOF
	run --separate-stderr sh -c 'printf "etherconfig\nvlan\ndelete\n2\ny\n" | "$1"' sh \
		"$dir/esa-cli"
	esa_status 0
	esa_no_stderr
	esa_eq "${lines[-1]}" 'esa-etherconfig ran:[vlan][delete][a1.35]'
	CLI=$dir/esa-cli cli_start "$NS_A"
	cli_type etherconfig
	cli_dialog '[]>' vlan '[]>' delete '[]>' 2
	cli_wait_text '? [Y]>'
	esa_eq "$(cli_last_line)" 'Delete VLAN 35? [Y]>' "the question"
	cli_type n
	cli_wait_for 'example.com>'
}

@test "esa-cli: etherconfig > VLAN > DELETE with no VLAN says so" {
	run --separate-stderr cli_pipe "$NS_A" $'etherconfig\nvlan\ndelete\n'
	esa_status 2
	esa_no_stderr
	esa_eq "${lines[-1]}" 'There is no VLAN to delete.'
}

@test "esa-cli: etherconfig > VLAN > NEW without 8021q: esa-etherconfig's own refusal, nothing made" {
	if ip -n "$NS_A" link add link a0 name a0.5 type vlan id 5 2> /dev/null; then
		skip "the kernel has 8021q: the next test makes the VLAN"
	fi
	run --separate-stderr cli_pipe "$NS_A" $'etherconfig\nvlan\nnew\n34\na0\ny\n'
	esa_status 2
	esa_eq "$stderr" \
		"esa-etherconfig: vlan: this kernel lacks 802.1Q VLAN support (module 8021q): Operation not supported: Unknown device type"
	esa_eq "$(ip -n "$NS_A" -o link show | grep -c '@a0')" 0 "links on a0"
}

# bats test_tags=vm
@test "esa-cli: etherconfig > VLAN > NEW then DELETE, made and undone as ip -d link sees it" {
	esa_skip_unless_kernel vlan
	run --separate-stderr cli_pipe "$NS_A" $'etherconfig\nvlan\nnew\n34\na0\ny\n'
	esa_status 0
	esa_no_stderr
	run ip -n "$NS_A" -d -j link show a0.34
	esa_status 0
	esa_eq "$(jq -r '.[0].linkinfo.info_kind, .[0].linkinfo.info_data.id, .[0].link' <<< "$output")" \
		$'vlan\n34\na0' "ip -d link show a0.34"
	run --separate-stderr cli_pipe "$NS_A" $'etherconfig\nvlan\ndelete\n1\ny\n'
	esa_status 0
	esa_no_stderr
	run ip -n "$NS_A" link show a0.34
	esa_status 1
}

@test "esa-cli: etherconfig > MEDIA > EDIT: the interface, then its supported settings numbered, asked until good, confirmed, then media IFACE SPEED DUPLEX or auto" {
	local dir=$BATS_TEST_TMPDIR/bin

	stub_etherconfig "$dir"
	run --separate-stderr sh -c 'printf "etherconfig\nmedia\nedit\n3\na0\n5\nauto\n4\n\n" | "$1"' \
		sh "$dir/esa-cli"
	esa_status 0
	esa_no_stderr
	esa_golden ether-media-edit
	esa_eq "${lines[-1]}" 'esa-etherconfig ran:[media][a0][1000][full]'
	# Enter twice: Autoselect, yes
	run --separate-stderr sh -c 'printf "etherconfig\nmedia\nedit\n1\n\n\n" | "$1"' sh "$dir/esa-cli"
	esa_status 0
	esa_eq "${lines[-1]}" 'esa-etherconfig ran:[media][a0][auto]'
	# by its label, answered N: nothing run
	run --separate-stderr sh -c 'printf "etherconfig\nmedia\nedit\na0\n10 Mb/s half-duplex\nn\n" |
		"$1"' sh "$dir/esa-cli"
	esa_status 0
	esa_eq "${lines[-1]}" 'Nothing was changed.'
	[[ $output != *'esa-etherconfig ran:'* ]]
}

@test "esa-cli: etherconfig > MEDIA > EDIT on an interface that reports no media mode says so, status 1" {
	local dir=$BATS_TEST_TMPDIR/bin

	stub_etherconfig "$dir"
	run --separate-stderr sh -c 'printf "etherconfig\nmedia\nedit\n2\n" | "$1"' sh "$dir/esa-cli"
	esa_status 1
	esa_no_stderr
	esa_eq "${lines[-1]}" 'The Data 2 interface reports no media settings to choose from.'
	[[ $output != *'esa-etherconfig ran:'* ]]
	# a veth, through the real esa-etherconfig: ethtool reports no mode for it either
	[ "$(ip netns exec "$NS_A" ethtool a0 | sed -n 's/^[[:space:]]*Supported link modes:[[:space:]]*//p')" = \
		"Not reported" ]
	run --separate-stderr cli_pipe "$NS_A" $'etherconfig\nmedia\nedit\na0\n'
	esa_status 1
	esa_no_stderr
	esa_eq "${lines[-1]}" 'The a0 interface reports no media settings to choose from.'
}

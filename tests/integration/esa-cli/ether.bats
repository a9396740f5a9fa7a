#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# ether.bats - esa-cli's etherconfig inside the test's namespace (never the host's
# interfaces): the seed's menu and MTU > EDIT on a pseudo-terminal against a golden
# transcript (the menu lines are the seed's, the rest esa-cli(8)'s texts and
# esa-etherconfig's lines), each change confirmed, refused changes not made.

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
	esa_eq "${lines[-1]}" 'No VLAN interfaces are configured.'
	run --separate-stderr cli_pipe "$NS_A" $'etherconfig\nmedia\n'
	esa_status 0
	esa_eq "${lines[-2]}" 'Ethernet interfaces:'
	[[ ${lines[-1]} == '1. a0 '* ]]
}

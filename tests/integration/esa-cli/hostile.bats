#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# hostile.bats - esa-cli in the standing hostile suite: a host name, interface names
# and aliases, and answers holding escapes, newlines and bidirectional controls are
# escaped wherever they are shown, and no such answer reaches a tool.

load ../lib
load common

setup() {
	cli_setup
	cli_topology
}

teardown() {
	cli_teardown
}

@test "esa-cli: hostile: the host name in the prompt is escaped" {
	cli_start "$NS_A" "$ESA_HOSTILE"
	cli_wait_for "$ESA_HOSTILE_SAFE>"
	run cli_screen
	esa_eq "$output" "$ESA_HOSTILE_SAFE>"
}

@test "esa-cli: hostile: interface names and aliases in the menu are escaped" {
	ip -n "$NS_A" link add "$ESA_HOSTILE_IF" type veth peer name p1
	ip -n "$NS_A" link set a0 alias "$ESA_HOSTILE"
	run --separate-stderr cli_pipe "$NS_A" $'netstat\n5\n'
	esa_status 2
	esa_no_controls "$output"
	esa_eq "$(printf '%s\n' "$output" | sed -n '/^Choose the interface:$/,$p')" \
		"Choose the interface:
1. lo
2. $ESA_HOSTILE_SAFE
3. p1
4. $ESA_HOSTILE_IF_SAFE"
}

@test "esa-cli: hostile: a hostile command and a hostile host answer are refused, escaped" {
	local dir=$BATS_TEST_TMPDIR/bin

	mkdir "$dir" && cp "$CLI" "$dir/esa-cli"
	printf '#!/bin/sh\necho ran\n' > "$dir/esa-ping" && chmod 755 "$dir/esa-ping"
	printf '#!/bin/sh\necho "[]"\n' > "$dir/esa-netstat" && chmod 755 "$dir/esa-netstat"
	run --separate-stderr "$dir/esa-cli" -c "$ESA_HOSTILE"
	esa_status 2
	esa_no_controls "$output"
	esa_eq "$output" 'Unknown command: x\033[31mred\012fake. Type "help" to list the commands.'
	run --separate-stderr "$dir/esa-cli" -c "ping a"$'\e'"[2J"
	esa_status 2
	esa_no_controls "$output"
	run --separate-stderr sh -c 'printf "ping\n1\n%s\n" "$2" | "$1"' sh "$dir/esa-cli" \
		"$ESA_HOSTILE"
	esa_status 2
	esa_no_controls "$output"
	esa_eq "${lines[-1]}" 'This is not a host name or address.'
	run grep -c '^ran$' <<< "$output"
	esa_eq "$output" 0
}

@test "esa-cli: hostile: etherconfig's MEDIA EDIT and VLAN NEW show an alias escaped, and pass it whole" {
	ip -n "$NS_A" link set a0 alias "$ESA_HOSTILE"
	run --separate-stderr cli_pipe "$NS_A" $'etherconfig\nmedia\nedit\n1\n'
	esa_status 1
	esa_no_stderr
	esa_no_controls "$output"
	esa_eq "${lines[-1]}" "The $ESA_HOSTILE_SAFE interface reports no media settings to choose from."
	run --separate-stderr cli_pipe "$NS_A" $'etherconfig\nvlan\nnew\n5\n1\nn\n'
	esa_status 0
	esa_no_stderr
	esa_no_controls "$output"
	esa_eq "$(printf '%s\n' "$output" | sed -n '/^Enter the name or number of the ethernet/,/^1\./p')" \
		"Enter the name or number of the ethernet interface you wish to bind to.
1. $ESA_HOSTILE_SAFE"
}

@test "esa-cli: -h, --help, -V and --version into /dev/full or a closed stdout: the write error, status 2" {
	esa_help_write_errors esa-cli "$CLI"
}

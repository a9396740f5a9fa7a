#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# dialogs.bats - esa-cli's dialogs end to end on a pseudo-terminal (tmux), compared with
# golden transcripts in tests/data/esa-cli/. The dialog lines of those transcripts were
# written by hand from the seed's samples (the netstat menu and its "Show the number
# of dropped packets? [N]>", the prompt "example.com> ", "Press Ctrl-C to stop." before
# ping) and the texts esa-cli(8) lists as not from the seed; the tools' own lines are
# what those tools print for this namespace, checked by hand against their suites.

load ../lib
load common

setup() {
	cli_setup
	cli_topology
}

teardown() {
	cli_teardown
}

@test "esa-cli: netstat, option 2, dropped packets: the seed's dialog" {
	cli_start "$NS_A"
	cli_type netstat
	cli_dialog '[1]>' 2 'Show the number of dropped packets? [N]>' y
	cli_wait_for 'example.com>'
	esa_golden netstat-2 "$(cli_screen)"
}

@test "esa-cli: netstat: Enter takes the default [1], the sockets" {
	cli_start "$NS_A"
	cli_type netstat
	cli_dialog '[1]>' ''
	cli_wait_for 'example.com>'
	esa_golden netstat-default "$(cli_screen)"
}

@test "esa-cli: netstat: a bad answer repeats the question with one line why" {
	cli_start "$NS_A"
	cli_type netstat
	cli_dialog '[1]>' 9 '[1]>' x '[1]>' 2 'Show the number of dropped packets? [N]>' maybe \
		'Show the number of dropped packets? [N]>' ''
	cli_wait_for 'example.com>'
	esa_golden netstat-bad "$(cli_screen)"
}

@test "esa-cli: netstat, option 5: the interfaces offered, the traffic, Ctrl-C back to the prompt" {
	cli_start "$NS_A"
	cli_type netstat
	cli_dialog '[1]>' 5 '[1]>' a0
	cli_wait_text 'packets  errs idrops'
	cli_key C-c
	cli_wait_for 'example.com>'
	# the menu of interfaces and the command that ran; the traffic's rows vary
	esa_golden netstat-5 "$(cli_screen | sed -n '1,/packets  errs idrops/p')"
	cli_key -l quit
	cli_key Enter
	run cli_exit_status
	esa_status 0
}

@test "esa-cli: ping with a host: Press Ctrl-C to stop., Ctrl-C ends ping, the prompt returns" {
	cli_start "$NS_A"
	cli_type 'ping 192.0.2.2'
	cli_wait_text 'icmp_seq=1 '
	cli_key C-c
	cli_wait_for 'example.com>'
	run cli_screen
	[ "${lines[0]}" = 'example.com> ping 192.0.2.2' ]
	[ "${lines[1]}" = 'Press Ctrl-C to stop.' ]
	[ "${lines[2]}" = 'PING 192.0.2.2 (192.0.2.2): 56 data bytes' ]
	[[ ${lines[3]} == '64 bytes from 192.0.2.2: icmp_seq=0 ttl=64 time='*' ms' ]]
	cli_type help
	cli_wait_text 'tcpservices     '
	cli_wait_for 'example.com>'
}

@test "esa-cli: ping without a host: the interface and host questions, a bad host refused" {
	cli_start "$NS_A"
	cli_type ping
	cli_dialog '[1]>' 3 '[]>' '-f' '[]>' '192.0.2.2'
	cli_wait_text 'icmp_seq=0 '
	cli_key C-c
	cli_wait_for 'example.com>'
	esa_golden ping-questions "$(cli_screen | sed -n '1,/^PING /p')"
}

@test "esa-cli: traceroute with a host runs esa-traceroute" {
	cli_start "$NS_A"
	cli_type 'traceroute 192.0.2.2'
	cli_wait_for 'example.com>'
	esa_golden traceroute "$(cli_screen | sed 's/  *[0-9.]* ms/ X ms/g')"
}

@test "esa-cli: Ctrl-C at a question leaves the dialog, nothing runs" {
	cli_start "$NS_A"
	cli_type netstat
	cli_wait_for '[1]>'
	cli_key C-c
	cli_wait_for 'example.com>'
	run cli_screen
	esa_eq "${lines[-2]}" '[1]>'
	esa_eq "${#lines[@]}" 9
}

@test "esa-cli: Ctrl-D at the prompt ends the session, status 0" {
	cli_start "$NS_A"
	cli_key C-d
	run cli_exit_status
	esa_status 0
	esa_eq "$output" 0
}

@test "esa-cli: quit and exit end the session; help lists the commands" {
	cli_start "$NS_A"
	cli_type help
	cli_wait_for 'example.com>'
	esa_golden help "$(cli_screen)"
	cli_key -l exit
	cli_key Enter
	run cli_exit_status
	esa_eq "$output" 0
}

@test "esa-cli: history: the previous command comes back with Ctrl-P" {
	cli_start "$NS_A"
	cli_type help
	cli_wait_for 'example.com>'
	cli_key C-p
	esa_wait_for "$ESA_TIMEOUT" _cli_last_is 'example.com> help'
}

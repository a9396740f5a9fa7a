#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# pcap.bats - esa-cli's packetcapture over esa-pcap, with a capture directory and a
# settings file of the test's own (ESA_PCAP_DIR, ESA_PCAP_CONF): SETUP's questions
# on a pseudo-terminal against a golden transcript (its "Capture Information" block is
# esa-pcap's, its menu lines AsyncOS's packetcapture menu as esa-cli(8) lists them),
# START and STOP, Ctrl-C at the prompt, and the end of a session with a capture running.

load ../lib
load common

setup() {
	cli_setup
	cli_topology
	PCAP=$(esa_bin esa-pcap) || return 1
	export ESA_PCAP_DIR=$BATS_TEST_TMPDIR/captures ESA_PCAP_CONF=$BATS_TEST_TMPDIR/esa-pcap.conf
}

teardown() {
	[ -n "${PCAP:-}" ] && "$PCAP" stop > /dev/null 2>&1
	cli_teardown
}

# pcap_status: esa-pcap status's exit status, 0 while a capture runs.
pcap_status() {
	"$PCAP" status > /dev/null
}

@test "esa-cli: packetcapture SETUP: size, time limit, interface, filter; the settings shown" {
	cli_start "$NS_A"
	cli_type packetcapture
	cli_dialog '[]>' setup '[200]>' 0 '[200]>' 10 '[0]>' '' '[1]>' a0 '[]>' 'tcp port 25'
	cli_wait_for 'example.com>'
	cli_type packetcapture
	cli_dialog '[]>' ''
	cli_wait_for 'example.com>'
	esa_golden pcap-setup "$(cli_screen)"
}

@test "esa-cli: packetcapture SETUP offers the saved size and time limit, read from esa-pcap status -j" {
	"$PCAP" setup -s 50M -t 15m -i lo
	cli_start "$NS_A"
	cli_type packetcapture
	cli_dialog '[]>' setup '[50]>' '' '[15]>' '' '[1]>' a0 '[]>' ''
	cli_wait_for 'example.com>'
	run --separate-stderr "$PCAP" status -j
	esa_status 1
	jq -e '.settings | .max_size_bytes == 52428800 and .duration_s == 900' <<< "$output"
}

@test "esa-cli: packetcapture START; Ctrl-C at the prompt leaves it running; STOP ends it" {
	cli_start "$NS_A"
	cli_type packetcapture
	cli_dialog '[]>' start
	cli_wait_for 'example.com>'
	run cli_screen
	esa_eq "${lines[-2]}" 'Success - Packet Capture has started'
	cli_key C-c
	cli_wait_for 'example.com>'
	run pcap_status
	esa_status 0
	cli_type packetcapture
	cli_dialog '[]>' stop
	cli_wait_for 'example.com>'
	cli_wait_text 'Capture ended: stopped'
	run pcap_status
	esa_status 1
}

@test "esa-cli: the end of the session stops the capture it started, saying so" {
	run --separate-stderr cli_pipe "$NS_A" $'packetcapture\nstart\n'
	esa_status 0
	esa_no_stderr
	esa_eq "${lines[-1]}" 'The packet capture started in this session is stopped.'
	run pcap_status
	esa_status 1
}

@test "esa-cli: a capture started outside esa-cli outlives the session" {
	run "$PCAP" start -i lo
	esa_status 0
	run --separate-stderr cli_pipe "$NS_A" $'packetcapture\nstatus\n'
	esa_status 0
	esa_no_stderr
	run grep -c 'stopped' <<< "$output"
	esa_eq "$output" 0
	run pcap_status
	esa_status 0
}

@test "esa-cli: packetcapture SETUP: bad answers asked again, nothing saved when left" {
	run --separate-stderr cli_pipe "$NS_A" \
		$'packetcapture\nsetup\n0\n-5\n10\n\n1\ntcp\aport 25\n'
	esa_status 2
	esa_no_stderr
	esa_no_controls "$output"
	run grep -cx 'Please enter a number from 1 to 1048576.' <<< "$output"
	esa_eq "$output" 2
	run --separate-stderr cli_pipe "$NS_A" $'packetcapture\nsetup\n10\n\n1\ntcp\aport 25\n'
	run grep -cx 'A filter is made of printable ASCII characters.' <<< "$output"
	esa_eq "$output" 1
	# the dialog was left at the end of input: no settings file
	[ ! -e "$ESA_PCAP_CONF" ]
}

@test "esa-cli: diagnostic > network > tcpdump: the seed's menu, FILTER saved" {
	cli_start "$NS_A"
	cli_type diagnostic
	cli_dialog '[]>' network '[]>' tcpdump '[]>' filter '[]>' 'port 25'
	cli_wait_for 'example.com>'
	esa_golden tcpdump-filter "$(cli_screen)"
	run "$PCAP" status
	esa_eq "${lines[-1]}" '    Capture Filter:         (port 25)'
}

@test "esa-cli: tcpdump: INTERFACE, START, STOP, CLEAR (confirmed) over esa-pcap" {
	local go=$'diagnostic\nnetwork\ntcpdump\n'

	run --separate-stderr cli_pipe "$NS_A" \
		"${go}interface"$'\na0\n'"${go}start"$'\n'"${go}stop"$'\n'
	esa_status 0
	esa_no_stderr
	run grep -cx -e 'Success - Packet Capture has started' -e 'Capture ended: stopped' \
		<<< "$output"
	esa_eq "$output" 2
	run "$PCAP" list
	[ "${#lines[@]}" -ge 1 ]
	run --separate-stderr cli_pipe "$NS_A" "${go}clear"$'\nn\n'
	esa_status 0
	run "$PCAP" list -j
	esa_eq "$(jq length <<< "$output")" 1
	run --separate-stderr cli_pipe "$NS_A" "${go}clear"$'\ny\n'
	esa_status 0
	run "$PCAP" list -j
	esa_eq "$(jq length <<< "$output")" 0
}

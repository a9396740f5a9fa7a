#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# buffer.bats - -B sizes the kernel's ring, as the kernel's own map of the capture
# says; status tells how close a capture came to dropping.

load ../lib
load common

setup() {
	pcap_setup
}

teardown() {
	pcap_teardown
}

# ring_bytes PID: the length of PID's mapping of a socket (the packet ring), in bytes.
ring_bytes() {
	local range path _
	while read -r range _ _ _ _ path; do
		[[ $path == "socket:["* ]] && echo $((16#${range#*-} - 16#${range%-*}))
	done < "/proc/$1/maps"
	return 0
}

@test "-B 8192 (KiB, as tcpdump's): an 8 MiB ring in the kernel's map, 32 blocks in status" {
	start_capture -i b0 -B 8192
	local pid
	pid=$(status_json .pid)
	esa_eq "$(ring_bytes "$pid")" 8388608 "the ring's mapping in /proc/PID/maps"
	esa_eq "$(status_json .ring_blocks)" 32 "ring blocks (8 MiB of 256 KiB blocks)"
	esa_eq "$(status_json .settings.buffer_size_bytes)" 8388608 "buffer_size_bytes"
	run pcap status
	[[ $output == *"Kernel Buffer:          8.0M"* ]]
	[[ $output == *"Ring free, lowest:      "*" of 32 blocks"* ]]
	pcap stop > /dev/null
}

@test "-B with a suffix; the default ring is 64 MiB, as the man page says" {
	start_capture -i b0 -B 2M
	esa_eq "$(ring_bytes "$(status_json .pid)")" 2097152 "-B 2M's mapping"
	pcap stop > /dev/null
	start_capture -i b0
	esa_eq "$(ring_bytes "$(status_json .pid)")" 67108864 "the default ring's mapping"
	esa_eq "$(status_json .settings.buffer_size_bytes)" 67108864 "buffer_size_bytes"
	run pcap status
	[[ $output != *"Kernel Buffer:"* ]]
	pcap stop > /dev/null
}

@test "-B out of range or not a size: one line on stderr, status 2, nothing started" {
	local arg
	for arg in 0 512 1048577 2G 12x '' -1; do
		run --separate-stderr pcap start -i b0 -B "$arg"
		esa_status 2
		[ -z "$output" ]
		[ "${#stderr_lines[@]}" -ge 1 ]
		[[ ${stderr_lines[0]} == "esa-pcap: -B: "* ]]
		[ -z "$(caps)" ]
	done
}

@test "setup saves -B; a capture started later uses it" {
	run pcap setup -B 4M
	esa_status 0
	grep -qx 'buffer_size = 4M' "$CONF"
	start_capture -i b0
	esa_eq "$(ring_bytes "$(status_json .pid)")" 4194304 "the saved ring's mapping"
	pcap stop > /dev/null
}

# ring_full: status has seen no free block in the ring.
ring_full() {
	[ "$(status_json .ring_blocks_free_min)" = 0 ]
}

@test "a capture that stops reading: status shows its ring full, and the drops" {
	start_capture -i b0 -B 1M
	local pid
	pid=$(status_json .pid)
	esa_eq "$(status_json .ring_blocks)" 4 "ring blocks of -B 1M"
	pings 5
	sleep 1.2	# a state file written after the pings
	# light traffic read at once: the kernel always had a block to fill
	[ "$(status_json .ring_blocks_free_min)" -ge 3 ]
	[ "$(status_json .dropped)" = 0 ]
	[ "$(status_json .write_buffer_bytes)" -gt 0 ]
	# stopped, it reads nothing: 6,000 packets of 1 KB fill the 1 MiB ring
	kill -STOP "$pid"
	in_a ping -q -f -c 3000 -s 1000 -W 1 192.0.2.2 > /dev/null || :
	kill -CONT "$pid"
	esa_wait_for 5 ring_full
	[ "$(status_json .dropped)" -gt 0 ]
	pcap stop > /dev/null
	# the last capture's figures stay for status
	ring_full
}

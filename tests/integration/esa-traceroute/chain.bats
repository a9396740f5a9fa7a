#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# chain.bats - esa-traceroute on a chain of five router namespaces, IPv4 and IPv6:
# the hops are the routers in order, as Debian's traceroute sees them too.

load ../lib
load common

setup() {
	tr_setup
	chain_build 5
}

teardown() {
	esa_cleanup
}

@test "IPv4: the hops are the five routers and the destination, in order" {
	run --separate-stderr in_ns "$SRC" "$TR" -n "$DST4"
	esa_status 0
	esa_eq "$(hop_list <<< "$output")" "$(expected_hops 4 1 6)" "hop list"
	esa_eq "$stderr" "traceroute to $DST4 ($DST4), 64 hops max, 40 byte packets" "stderr"
	# every hop line holds three times
	esa_eq "$(grep -c '  [0-9]*\.[0-9][0-9][0-9] ms  [0-9]*\.[0-9][0-9][0-9] ms  [0-9]*\.[0-9][0-9][0-9] ms$' <<< "$output")" 6 "lines with 3 times"
}

@test "IPv4: the hop list is Debian traceroute -n's" {
	run --separate-stderr in_ns "$SRC" "$TR" -n "$DST4"
	esa_status 0
	ours=$(hop_list <<< "$output")
	run in_ns "$SRC" traceroute -n "$DST4"
	[ "$status" -eq 0 ]
	esa_eq "$ours" "$(hop_list <<< "$output")" "hop list against Debian's"
}

@test "IPv6: the hops are the routers, traceroute6's header, Debian's list" {
	run --separate-stderr in_ns "$SRC" "$TR6" -n "$DST6"
	esa_status 0
	esa_eq "$(hop_list <<< "$output")" "$(expected_hops 6 1 6)" "hop list"
	esa_eq "$stderr" \
		"traceroute6 to $DST6 ($DST6) from $(v6 0 1), 64 hops max, 12 byte packets" "stderr"
	ours=$(hop_list <<< "$output")
	run in_ns "$SRC" traceroute -6 -n "$DST6"
	[ "$status" -eq 0 ]
	esa_eq "$ours" "$(hop_list <<< "$output")" "hop list against Debian's"
	# -6 on esa-traceroute is the link
	run --separate-stderr in_ns "$SRC" "$TR" -6 -n "$DST6"
	esa_status 0
	esa_eq "$(hop_list <<< "$output")" "$(expected_hops 6 1 6)" "hop list with -6"
}

@test "the header is on standard error only; the text matches the golden file" {
	run --separate-stderr in_ns "$SRC" "$TR" -n -q 2 "$DST4"
	esa_status 0
	[[ $output != *traceroute* ]]
	esa_golden chain-q2 "$(normalise <<< "$output")"
}

# The seed: the appliance's traceroute starts with "Press Ctrl-C to stop." for the person
# at its terminal. Here on standard error, before the header, and only when standard
# output is a terminal.
@test "Press Ctrl-C to stop.: on standard error with a terminal as standard output, never otherwise" {
	local err=$BATS_TEST_TMPDIR/err

	run in_ns "$SRC" /usr/bin/python3 "$BATS_TEST_DIRNAME/../tty.py" "$err" "$TR" -n "$DST4"
	esa_status 0
	esa_eq "$(cat "$err")" "Press Ctrl-C to stop.
traceroute to $DST4 ($DST4), 64 hops max, 40 byte packets" "standard error with a terminal"
	[[ ${lines[0]} == " 1  "* ]] || { echo "$output"; false; }
	# into a pipe, and with -j into a file: the header alone
	run --separate-stderr in_ns "$SRC" "$TR" -n "$DST4"
	esa_status 0
	esa_eq "$stderr" "traceroute to $DST4 ($DST4), 64 hops max, 40 byte packets" "stderr"
	in_ns "$SRC" "$TR" -n -j "$DST4" > "$BATS_TEST_TMPDIR/out" 2> "$err"
	esa_eq "$(cat "$err")" "traceroute to $DST4 ($DST4), 64 hops max, 40 byte packets" \
		"standard error into a file"
}

@test "-I: ICMP echo probes find the same hops, IPv4 and IPv6, raw and datagram sockets" {
	# root in a new namespace: ping_group_range is "1 0", so a raw socket
	run --separate-stderr in_ns "$SRC" "$TR" -n -I "$DST4"
	esa_status 0
	esa_eq "$(hop_list <<< "$output")" "$(expected_hops 4 1 6)" "raw ICMP"
	run --separate-stderr in_ns "$SRC" "$TR6" -n -I "$DST6"
	esa_status 0
	esa_eq "$(hop_list <<< "$output")" "$(expected_hops 6 1 6)" "raw ICMPv6"
	[[ $stderr == *"16 byte packets" ]]
	# a datagram ICMP socket when the group range allows it
	ip netns exec "$SRC" sysctl -qw net.ipv4.ping_group_range="0 2147483647"
	run --separate-stderr in_ns "$SRC" "$TR" -n -I "$DST4"
	esa_status 0
	esa_eq "$(hop_list <<< "$output")" "$(expected_hops 4 1 6)" "datagram ICMP"
	run --separate-stderr in_ns "$SRC" "$TR6" -n -I "$DST6"
	esa_status 0
	esa_eq "$(hop_list <<< "$output")" "$(expected_hops 6 1 6)" "datagram ICMPv6"
}

@test "-f and -m: the trace starts and ends where asked; not reached is status 1" {
	run --separate-stderr in_ns "$SRC" "$TR" -n -f 3 "$DST4"
	esa_status 0
	esa_eq "$(hop_list <<< "$output")" "$(expected_hops 4 3 6)" "-f 3"
	run --separate-stderr in_ns "$SRC" "$TR" -n -m 4 "$DST4"
	esa_status 1
	esa_eq "$(hop_list <<< "$output")" "$(expected_hops 4 1 4)" "-m 4"
	[[ $stderr == *", 4 hops max, 40 byte packets" ]]
	run --separate-stderr in_ns "$SRC" "$TR6" -n -f 2 -m 3 "$DST6"
	esa_status 1
	esa_eq "$(hop_list <<< "$output")" "$(expected_hops 6 2 3)" "IPv6 -f 2 -m 3"
}

@test "-q: the number of probes a hop" {
	run --separate-stderr in_ns "$SRC" "$TR" -n -q 1 "$DST4"
	esa_status 0
	esa_eq "$(grep -c ' ms' <<< "$output")" 6 "lines"
	esa_eq "$(grep -o ' ms' <<< "$output" | wc -l)" 6 "times with -q 1"
	run --separate-stderr in_ns "$SRC" "$TR" -n -q 5 "$DST4"
	esa_status 0
	esa_eq "$(grep -o ' ms' <<< "$output" | wc -l)" 30 "times with -q 5"
}

@test "-p: the probes go to the base port and up (tcpdump sees them)" {
	local cap=$BATS_TEST_TMPDIR/p.txt pid
	ip netns exec "${NS[1]}" timeout 10 tcpdump -l -n -i left -c 6 udp > "$cap" \
		2> "$cap.err" &
	pid=$!
	# tcpdump says "listening on" once it captures (a fixed sleep may be too short)
	esa_wait_for 10 grep -q 'listening on' "$cap.err"
	run --separate-stderr in_ns "$SRC" "$TR" -n -q 3 -m 2 -p 40000 "$DST4"
	esa_status 1
	wait "$pid" || :
	esa_eq "$(grep -o "$DST4\.[0-9]*" "$cap" | sed 's/.*\.//' | sort -n | tr '\n' ' ')" \
		"40000 40001 40002 40003 40004 40005 " "destination ports"
	esa_eq "$(hop_list <<< "$output")" "$(expected_hops 4 1 2)" "hops with -p"
}

@test "-p: a port range past 65535 is refused" {
	run --separate-stderr in_ns "$SRC" "$TR" -n -p 65500 "$DST4"
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "${stderr_lines[0]}" "esa-traceroute: -p: ports 65500 to 65691 do not fit below 65536"
}

@test "-s and -i: the source address and the interface" {
	run --separate-stderr in_ns "$SRC" "$TR" -n -s "$(v4 0 1)" -i right "$DST4"
	esa_status 0
	esa_eq "$(hop_list <<< "$output")" "$(expected_hops 4 1 6)" "hop list"
	run --separate-stderr in_ns "$SRC" "$TR6" -n -s "$(v6 0 1)" "$DST6"
	esa_status 0
	[[ $stderr == *" from $(v6 0 1), "* ]]
	run --separate-stderr in_ns "$SRC" "$TR" -n -i nosuch0 "$DST4"
	esa_status 2
	esa_eq "$output" "" stdout
	[[ ${stderr_lines[0]} == "esa-traceroute: -i: nosuch0: "* ]]
}

@test "-j: one JSON object a hop and a final object" {
	run --separate-stderr in_ns "$SRC" "$TR" -n -j "$DST4"
	esa_status 0
	esa_eq "$(wc -l <<< "$output")" 7 "lines"
	esa_eq "$(jq -r 'select(.hop) | "\(.hop) \(.probes[0].address)"' <<< "$output")" \
		"$(expected_hops 4 1 6)" "JSON hop list"
	jq -e -s 'all(.[0:6][]; (.probes | length == 3) and all(.probes[]; .rtt_ms >= 0 and (has("hostname") | not)))' <<< "$output"
	esa_eq "$(jq -c -s '.[6]' <<< "$output")" \
		"{\"type\":\"summary\",\"host\":\"$DST4\",\"address\":\"$DST4\",\"reached\":true,\"hops\":6}" "final"
}

@test "names: without -n each responder shows as name (addr), from /etc/hosts" {
	# a private mount namespace gives the trace its own /etc/hosts
	# (every responder is there: one lookup that waits for an absent DNS server
	# turns the rest of the run numeric, as lib/addr does)
	for k in 1 2 3 4 5; do
		echo "$(v4 $((k - 1)) 2) r$k.example"
	done > "$BATS_TEST_TMPDIR/hosts"
	echo "$DST4 dest.example" >> "$BATS_TEST_TMPDIR/hosts"
	run --separate-stderr ip netns exec "$SRC" unshare -m sh -c \
		'mount --bind "$1" /etc/hosts && timeout 20 "$2" -q 1 "$3"' _ \
		"$BATS_TEST_TMPDIR/hosts" "$TR" "$DST4"
	esa_status 0
	esa_eq "$(sed -n 1p <<< "$output" | normalise)" " 1  r1.example ($(v4 0 2))  x.xxx ms"
	esa_eq "$(sed -n 6p <<< "$output" | normalise)" " 6  dest.example ($DST4)  x.xxx ms"
	# and in JSON, the name beside the address
	run --separate-stderr ip netns exec "$SRC" unshare -m sh -c \
		'mount --bind "$1" /etc/hosts && timeout 20 "$2" -j -q 1 "$3"' _ \
		"$BATS_TEST_TMPDIR/hosts" "$TR" "$DST4"
	esa_status 0
	esa_eq "$(jq -r 'select(.hop) | "\(.hop) \(.probes[0].hostname)"' <<< "$output" | tr '\n' ' ')" \
		"1 r1.example 2 r2.example 3 r3.example 4 r4.example 5 r5.example 6 dest.example " \
		"JSON names"
}

#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# traffic.bats - view 5, the traffic per interval: the packets sent show in the deltas,
# the banners, -d, -j, SIGINT, an interface that disappears, bad command lines.

load ../lib
load common

setup() {
	ns_setup
	ns_topology
}

teardown() {
	ns_teardown
}

# sum_col TEXT N: the sum of column N (1-based, by blanks) of the rows of TEXT.
sum_col() {
	awk -v n="$2" '$1 ~ /^[0-9]+$/ { s += $n } END { print s + 0 }' <<< "$1"
}

@test "-w 1 -c 3 -I: 20 pings from B show as 20 packets in and out, banner exact" {
	local out=$BATS_TEST_TMPDIR/out pid
	netstat "$A" -w 1 -c 3 -I "Data 1" > "$out" 2> "$BATS_TEST_TMPDIR/err" &
	pid=$!
	sleep 0.3
	in_ns "$B" ping -n -q -c 20 -i 0.05 -W 2 192.0.2.1 > /dev/null
	wait "$pid"
	esa_eq "$(cat "$BATS_TEST_TMPDIR/err")" "" "standard error"
	output=$(cat "$out")
	esa_eq "$(sed -n 1,2p <<< "$output")" \
"            input             a0           output
   packets  errs idrops      bytes    packets  errs      bytes colls" "banner"
	esa_eq "$(wc -l < "$out")" 5 "lines"
	local in outp
	in=$(sum_col "$output" 1) outp=$(sum_col "$output" 5)
	# the 20 requests in and 20 replies out, plus perhaps ARP and IPv6 chatter
	[ "$in" -ge 20 ] && [ "$in" -le 26 ] && [ "$outp" -ge 20 ] && [ "$outp" -le 26 ] ||
		{ echo "$output"; false; }
	# bytes: at least 20 ICMP echoes of 98 bytes each way
	[ "$(sum_col "$output" 4)" -ge 1960 ] && [ "$(sum_col "$output" 7)" -ge 1960 ] ||
		{ echo "$output"; false; }
	# every row is laid out in formats.md's widths
	grep -Evq '^ {0,9}[0-9]+ {1,5}[0-9]+ {1,5}[0-9]+ {1,10}[0-9]+ {1,10}[0-9]+ {1,5}[0-9]+ {1,10}[0-9]+ {1,5}[0-9]+$' \
		<<< "$(sed 1,2d <<< "$output")" && { echo "$output"; false; }
	true
}

@test "-w 1 -c 2 -d without -I: the total, with the drops column; lo counts" {
	local out=$BATS_TEST_TMPDIR/out pid
	netstat "$A" -w 1 -c 2 -d > "$out" &
	pid=$!
	sleep 0.3
	in_ns "$A" ping -n -q -c 10 -i 0.05 -W 2 127.0.0.1 > /dev/null
	wait "$pid"
	output=$(cat "$out")
	esa_eq "$(sed -n 1,2p <<< "$output")" \
"            input        (Total)           output
   packets  errs idrops      bytes    packets  errs      bytes colls drops" "banner"
	esa_eq "$(wc -l < "$out")" 4 "lines"
	# lo's 20 packets (10 each way, in and out) are in the total
	[ "$(sum_col "$output" 1)" -ge 20 ] || { echo "$output"; false; }
}

@test "-j: one JSON object per interval, parsed by jq" {
	local out=$BATS_TEST_TMPDIR/out pid
	netstat "$A" -w 1 -c 2 -I a0 -j > "$out" &
	pid=$!
	sleep 0.3
	in_ns "$B" ping -n -q -c 5 -i 0.05 -W 2 192.0.2.1 > /dev/null
	wait "$pid"
	esa_eq "$(wc -l < "$out")" 2 "JSON lines"
	jq -se 'length == 2 and all(.[]; .type == "sample" and .interface == "a0" and
		.alias == "Data 1" and .interval_s == 1 and
		([.rx_packets, .rx_errors, .rx_dropped, .rx_bytes, .tx_packets, .tx_errors,
		  .tx_bytes, .collisions, .tx_dropped] | map(type) | unique) == ["number"])' \
		"$out" > /dev/null || { cat "$out"; false; }
	[ "$(jq -s 'map(.rx_packets) | add' "$out")" -ge 5 ] || { cat "$out"; false; }
}

@test "-j: sampled_at is the UTC time of the sample, as jq's fromdate reads it and date tells" {
	local before after
	before=$(date -u +%s)
	run --separate-stderr netstat "$A" -w 1 -c 2 -j
	after=$(date -u +%s)
	esa_status 0
	esa_no_stderr
	esa_eq "${#lines[@]}" 2 "JSON lines"
	# the total: no interface, no alias; each stamp within the run, the second one later
	jq -se --argjson b "$before" --argjson a "$after" 'length == 2 and
		all(.[]; .type == "sample" and (has("interface") or has("alias") | not) and
		    (.sampled_at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")) and
		    (.sampled_at | fromdate) >= $b and (.sampled_at | fromdate) <= $a) and
		(.[1].sampled_at | fromdate) > (.[0].sampled_at | fromdate)' <<< "$output" > /dev/null ||
		{ echo "before $before after $after"; echo "$output"; false; }
}

@test "SIGINT and SIGTERM end the run at once with status 0" {
	local sig pid st start
	for sig in INT TERM; do
		ip netns exec "$A" "$NETSTAT" -w 30 > "$BATS_TEST_TMPDIR/out" 2>&1 &
		pid=$!
		sleep 0.5
		start=$SECONDS
		kill -"$sig" "$pid"
		st=0
		wait "$pid" || st=$?
		esa_eq "$st" 0 "status after SIG$sig"
		[ $((SECONDS - start)) -le 2 ] || { echo "SIG$sig took $((SECONDS - start)) s"; false; }
		esa_eq "$(wc -l < "$BATS_TEST_TMPDIR/out")" 2 "lines after SIG$sig (the banner)"
	done
}

@test "the interface disappears: one line on standard error, status 2" {
	local pid st=0
	ip netns exec "$A" timeout "$ESA_TIMEOUT" "$NETSTAT" -w 1 -I a1 \
		> "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" &
	pid=$!
	sleep 1.5
	ip -n "$A" link del a1
	wait "$pid" || st=$?
	esa_eq "$st" 2 "status"
	esa_eq "$(cat "$BATS_TEST_TMPDIR/err")" "esa-netstat: a1: the interface disappeared"
}

@test "bad command lines: one line (and the usage), status 2, nothing on standard output" {
	local args
	for args in "-w 0" "-w abc" "-w -1" "-w 1 -c 0" "-w 1 -c -1" "-w 1 -c x" "-c 3" \
	    "-w 1 -i" "-w 1 -r" "-w 1 -4" "-w 1 -W -a" "-w 1 -p tcp" "-w 86401" "-w"; do
		# shellcheck disable=SC2086 # the options are words
		run --separate-stderr netstat "$A" $args
		esa_status 2
		esa_eq "$output" "" "standard output of esa-netstat $args"
		[[ ${stderr%%$'\n'*} == "esa-netstat: "* ]] || { echo "$args: $stderr"; false; }
		[[ $stderr == *$'\nusage: esa-netstat '* ]] || { echo "$args: $stderr"; false; }
	done
	run --separate-stderr netstat "$A" -w 1 -I nosuch0
	esa_status 2
	esa_eq "$output" ""
	esa_eq "$stderr" "esa-netstat: nosuch0: no such interface"
}

#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# hostile.bats - a reply faker (hostile.py, scapy) answers each probe with hostile
# packets before the real reply: quoted headers with ihl=15 and 40 option bytes, quoted
# headers cut to 8 and 0 bytes, option lengths 0, 1, 2 and 41, timestamps 0, all-ones
# and far future, wrong checksums, foreign ids and cookies, another source, oversized
# packets, a duplicate. esa-ping must neither crash nor misreport (also under
# `make SANITIZE=1 check`, where ESA_BUILD is the ASan/UBSan build): the golden files
# list what it must print, and round trips stay sane (never read from the packet).

load ../lib
load common

setup() {
	ping_setup
	ping_two
	# B's kernel does not answer: the faker does
	ip netns exec "$B" sysctl -qw net.ipv4.icmp_echo_ignore_all=1 \
		net.ipv6.icmp.echo_ignore_all=1 > /dev/null
	FAKER=$BATS_TEST_DIRNAME/hostile.py
}

teardown() {
	esa_cleanup
	[ -z "${NOBODY_DIR:-}" ] || rm -rf "$NOBODY_DIR"
}

# faker COUNT: starts the faker in B for COUNT probes and waits until it listens
faker() {
	rm -f "$BATS_TEST_TMPDIR/ready"
	ip netns exec "$B" timeout 60 /usr/bin/python3 "$FAKER" b0 "$1" \
		"$BATS_TEST_TMPDIR/ready" 2> "$BATS_TEST_TMPDIR/faker.err" &
	FAKER_PID=$!
	esa_wait_for 20 test -f "$BATS_TEST_TMPDIR/ready"
}

# sane: every printed round trip is below 5 s (a timestamp from the packet would show)
sane() {
	grep -Eo 'time=[0-9.]+' <<< "$output" | cut -d= -f2 |
		awk '{ if ($1 >= 5000 || $1 < 0) bad = 1 } END { exit bad }'
	grep -Eq 'stddev|std-dev' <<< "$output" || return 0
	sed -nE 's#^round-trip [^=]+= ([0-9./]+) ms#\1#p' <<< "$output" | tr / '\n' |
		awk '{ if ($1 >= 5000) bad = 1 } END { exit bad }'
}

# check NAME: the run of esa-ping was clean and printed the golden NAME
check() {
	wait "$FAKER_PID" || :
	esa_status 0
	esa_no_stderr
	esa_golden "$1" "$(norm <<< "$output")"
	sane
	stats_consistent "$output"
}

@test "hostile replies, IPv4, raw socket" {
	faker 5
	run --separate-stderr in_ns "$A" "$PING" -n -c 5 -i 0.3 192.0.2.2
	check hostile4-raw
}

@test "hostile replies, IPv4, datagram socket (nobody)" {
	nobody_copy
	open_ping_group "$A"
	faker 5
	run --separate-stderr as_nobody "$A" "$NPING" -n -c 5 -i 0.3 192.0.2.2
	check hostile4-dgram
}

@test "hostile replies, IPv6, raw socket" {
	faker 5
	run --separate-stderr in_ns "$A" "$PING6" -n -c 5 -i 0.3 -s 56 2001:db8::2
	check hostile6-raw
}

@test "hostile replies, IPv6, datagram socket (nobody)" {
	nobody_copy
	open_ping_group "$A"
	faker 5
	run --separate-stderr as_nobody "$A" "$NPING6" -n -c 5 -i 0.3 -s 56 2001:db8::2
	check hostile6-dgram
}

@test "hostile replies, -W 1: late replies count but are not shown; JSON says so" {
	faker 5
	run --separate-stderr in_ns "$A" "$PING" -n -c 5 -i 0.3 -W 1 192.0.2.2
	wait "$FAKER_PID" || :
	esa_status 0
	esa_no_stderr
	esa_golden hostile-late "$(norm <<< "$output")"
	faker 5
	run --separate-stderr in_ns "$A" "$PING" -n -j -c 5 -i 0.3 -W 1 192.0.2.2
	wait "$FAKER_PID" || :
	esa_status 0
	jq -e -s '([.[] | select(.type == "reply" and .late)] | length) == 6 and
	    ([.[] | select(.type == "error")] | length) == 5 and
	    (.[-1] | .received == 5 and .duplicates == 1 and .errors == 5 and
	        .out_of_wait_time == 6 and .max_ms < 5000)' <<< "$output"
}

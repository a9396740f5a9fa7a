#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# hostile.bats - esa-ping's standing hostile suite. Hostile arguments and a 15-byte
# kernel name with ESC and a bidi override (the ping6 header's and statistics' %scope):
# escaped, one line per message. Closed, full and broken standard outputs. And a
# reply faker (hostile.py, scapy) that answers each probe with hostile
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
	FAKER=$BATS_TEST_DIRNAME/hostile.py
}

teardown() {
	esa_cleanup
	[ -z "${NOBODY_DIR:-}" ] || rm -rf "$NOBODY_DIR"
	[ -z "${A:-}" ] || rm -rf "/etc/netns/$A"
}

# faker COUNT: starts the faker in B for COUNT probes and waits until it listens
faker() {
	# B's kernel does not answer: the faker does
	ip netns exec "$B" sysctl -qw net.ipv4.icmp_echo_ignore_all=1 \
		net.ipv6.icmp.echo_ignore_all=1 > /dev/null
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

# strip_iph: the output without the quoted headers FreeBSD 11's ping prints after
# each IPv4 error on the raw socket (pr_iph(): a heading, the values, an empty line),
# which hold the probe's IP ID and checksum; checks one follows each error line.
strip_iph() {
	awk '/^Vr HL TOS  Len   ID Flg  off TTL Pro  cks      Src      Dst$/ {
		if (prev !~ / bytes from .*: (Destination|Time|frag)/) bad = 1
		skip = 2; next }
	skip > 0 { skip--; next }
	{ print; prev = $0 }
	END { exit bad }'
}

# check NAME: the run of esa-ping was clean and printed the golden NAME
check() {
	wait "$FAKER_PID" || :
	esa_status 0
	esa_no_stderr
	# raw IPv4: a quoted header after every error line
	if [[ $1 == hostile4-raw ]]; then
		esa_eq "$(grep -c '^Vr HL ' <<< "$output")" \
			"$(grep -c ': Destination Host Unreachable$' <<< "$output")" "pr_iph() dumps"
	fi
	esa_golden "$1" "$(strip_iph <<< "$output" | norm)"
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

# -W 3, not 1: the faker (scapy) answers each request after a dozen hostile packets,
# and on a loaded machine the last real reply took over a second to come
@test "hostile replies, -W 3: late replies count but are not shown; JSON says so" {
	faker 5
	run --separate-stderr in_ns "$A" "$PING" -n -c 5 -i 0.3 -W 3 192.0.2.2
	wait "$FAKER_PID" || :
	esa_status 0
	esa_no_stderr
	esa_eq "$(grep -c '^Vr HL ' <<< "$output")" 5 "pr_iph() dumps"
	esa_golden hostile-late "$(strip_iph <<< "$output" | norm)"
	faker 5
	run --separate-stderr in_ns "$A" "$PING" -n -j -c 5 -i 0.3 -W 3 192.0.2.2
	wait "$FAKER_PID" || :
	esa_status 0
	jq -e -s '([.[] | select(.type == "reply" and .late)] | length) == 6 and
	    ([.[] | select(.type == "error")] | length) == 5 and
	    (.[-1] | .received == 5 and .duplicates == 1 and .errors == 5 and
	        .out_of_wait_time == 6 and .max_ms < 5000)' <<< "$output"
}

@test "-j: every key of replies, duplicates, late replies and named errors is in esa-tools(7)'s vocabulary" {
	names "$A"
	run --separate-stderr in_ns "$A" "$PING6" -j -c 2 -i 0.2 2001:db8::2
	esa_status 0
	esa_json_vocab lines ping6
	jq -e -s '.[0] | .type == "reply" and .ttl == 64' <<< "$output"
	faker 5
	run --separate-stderr in_ns "$A" "$PING" -j -c 5 -i 0.3 -W 1 192.0.2.2
	wait "$FAKER_PID" || :
	esa_status 0
	esa_json_vocab lines ping
	# each kind of record was there to be checked
	jq -e -s 'any(.[]; .type == "reply" and .duplicate) and
	    any(.[]; .type == "reply" and .late) and
	    any(.[]; .type == "error" and .hostname == "b.example.test" and
	        (.error | type) == "string") and
	    .[-1].type == "summary"' <<< "$output"
}

@test "hostile host, -I, -S and values: one escaped line, status 2, nothing on stdout" {
	esa_one_error "esa-ping: $ESA_HOSTILE_SAFE: no such interface" \
		in_ns "$A" "$PING" -n -c 1 -I "$ESA_HOSTILE" 192.0.2.2
	run --separate-stderr in_ns "$A" "$PING" -n -c 1 "$ESA_HOSTILE"
	esa_status 2
	esa_eq "$output" "" stdout
	[[ $stderr == "esa-ping: cannot resolve $ESA_HOSTILE_SAFE: "?* ]] || { echo "$stderr"; false; }
	esa_eq "${#stderr_lines[@]}" 1 "number of stderr lines"
	run --separate-stderr in_ns "$A" "$PING" -n -c 1 -S "$ESA_HOSTILE" 192.0.2.2
	esa_status 2
	[[ $stderr == "esa-ping: -S: "*": $ESA_HOSTILE_SAFE" ]] || { echo "$stderr"; false; }
	esa_one_error "esa-ping6: $ESA_HOSTILE_SAFE: no such interface" \
		in_ns "$A" "$PING6" -n -c 1 "fe80::2%$ESA_HOSTILE"
	local opt
	for opt in -c -i -s -t -W -m; do
		run --separate-stderr in_ns "$A" "$PING" -n "$opt" "$ESA_HOSTILE" 192.0.2.2
		esa_status 2
		esa_eq "$output" "" stdout
		[[ ${stderr_lines[0]} == "esa-ping: $opt: "*": $ESA_HOSTILE_SAFE" ]] ||
			{ echo "$stderr"; false; }
		esa_no_controls "$stderr" stderr
	done
	run --separate-stderr in_ns "$A" "$PING" 192.0.2.2 "$ESA_HOSTILE"
	esa_status 2
	esa_eq "${stderr_lines[0]}" "esa-ping: too many operands: $ESA_HOSTILE_SAFE"
	run --separate-stderr in_ns "$A" "$PING" "--$ESA_HOSTILE" 192.0.2.2
	esa_status 2
	esa_eq "${stderr_lines[0]}" "esa-ping: --$ESA_HOSTILE_SAFE: unknown option"
}

@test "ping6 through a hostile 15-byte kernel name: the %scope escaped in the header and statistics" {
	ip -n "$A" link set dev a0 down
	ip -n "$A" link set dev a0 name "$ESA_HOSTILE_IF"
	ip -n "$A" link set dev "$ESA_HOSTILE_IF" up
	ip -n "$A" addr add fe80::1/64 dev "$ESA_HOSTILE_IF" nodad
	ip -n "$B" addr add fe80::2/64 dev b0 nodad
	run --separate-stderr in_ns "$A" "$PING6" -n -c 1 -S fe80::1 "fe80::2%$ESA_HOSTILE_IF"
	esa_status 0
	esa_no_stderr
	esa_no_controls "$output"
	esa_eq "${lines[0]}" "PING6(56=40+8+8 bytes) fe80::1 --> fe80::2%$ESA_HOSTILE_IF_SAFE"
	[[ ${lines[1]} == "16 bytes from fe80::2, icmp_seq=0 hlim=64 time="* ]] || { echo "${lines[1]}"; false; }
	esa_eq "${lines[2]}" "--- fe80::2%$ESA_HOSTILE_IF_SAFE ping6 statistics ---"
	# -v's dst= names the address the reply came to, with its zone
	run --separate-stderr in_ns "$A" "$PING6" -n -v -c 1 -S fe80::1 "fe80::2%$ESA_HOSTILE_IF"
	esa_status 0
	[[ ${lines[1]} == *" dst=fe80::1%$ESA_HOSTILE_IF_SAFE time="* ]] || { echo "${lines[1]}"; false; }
	# -I by that name; JSON keeps the bytes
	run --separate-stderr in_ns "$A" "$PING6" -n -j -c 1 -I "$ESA_HOSTILE_IF" "fe80::2%$ESA_HOSTILE_IF"
	esa_status 0
	jq -e -s --arg a "fe80::2%$ESA_HOSTILE_IF" '.[-1] | .address == $a and .host == $a and
	    .received == 1' <<< "$output"
}

@test "closed, full and broken standard output: status 2, a message or silence" {
	run --separate-stderr esa_out_closed ip netns exec "$A" "$PING" -n -c 2 -i 0.2 192.0.2.2
	esa_status 2
	esa_eq "$stderr" "esa-ping: write error: Bad file descriptor"
	run --separate-stderr esa_out_full ip netns exec "$A" "$PING" -n -c 2 -i 0.2 192.0.2.2
	esa_status 2
	esa_eq "$stderr" "esa-ping: write error: No space left on device"
	run --separate-stderr esa_out_broken default ip netns exec "$A" "$PING" -n -c 2 -i 0.2 192.0.2.2
	esa_status 141
	esa_no_stderr
}

@test "without -c, a bad standard output ends the run: closed, full, a reader gone with SIGPIPE ignored" {
	# each would run until ESA_TIMEOUT (status 124) if the run went on
	run --separate-stderr esa_out_closed ip netns exec "$A" "$PING" -n -i 0.2 192.0.2.2
	esa_status 2
	esa_eq "$stderr" "esa-ping: write error: Bad file descriptor"
	run --separate-stderr esa_out_full ip netns exec "$A" "$PING" -n -i 0.2 192.0.2.2
	esa_status 2
	esa_eq "$stderr" "esa-ping: write error: No space left on device"
	# a shell that ignores SIGPIPE (as systemd starts services) starts it
	run --separate-stderr esa_out_broken default \
		bash -c 'trap "" PIPE; exec "$@"' sh ip netns exec "$A" "$PING" -n -i 0.2 192.0.2.2
	esa_status 2
	esa_no_stderr
	run --separate-stderr esa_out_broken ignored ip netns exec "$A" "$PING6" -n -j -i 0.2 2001:db8::2
	esa_status 2
	esa_no_stderr
}

@test "-h, --help, -V and --version into /dev/full or a closed stdout: the write error, status 2" {
	esa_help_write_errors esa-ping ip netns exec "$A" "$PING"
}

@test "inet_aton's short and hex forms: refused as esa-arpshow refuses them, status 2" {
	local a n
	for a in 127.1 0x7f.1 2130706433 017.0.0.1; do
		for n in -n -q; do
			run --separate-stderr in_ns "$A" "$PING" "$n" -c 1 "$a"
			esa_status 2
			esa_eq "$output" "" stdout
			esa_eq "$stderr" "esa-ping: cannot resolve $a: bad address (IPv4 is four decimal numbers, as 192.0.2.1)"
		done
	done
	# esa-ping6 -4: what it is, not a combination of options
	run --separate-stderr in_ns "$A" "$PING6" -4 -c 1 192.0.2.2
	esa_status 2
	esa_eq "${stderr_lines[0]}" "esa-ping6: -4: esa-ping6 is IPv6 only (use esa-ping -4)"
}

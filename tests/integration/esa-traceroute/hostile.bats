#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# hostile.bats - esa-traceroute's standing hostile suite. Hostile arguments (the host,
# -i, -s, the %scope, numbers, operands, options) and a 15-byte kernel name with ESC
# and a bidi override (-i and the %scope): escaped, one line per message. Closed, full
# and broken standard outputs, --help and --version included. And forged ICMP errors
# while a trace runs (tests/tools/icmp-inject.py, scapy, on router 1): cut or absent
# quoted headers, quoted headers with ihl 15 and bad options, foreign ports and
# identifiers, short ICMPv6 payloads. Nothing may crash (make SANITIZE=1 check runs
# this under ASan and UBSan) and no hop may take the forger's address. The files
# group does not apply: esa-traceroute reads and writes no file of its own.

load ../lib
load common

FAKE4=203.0.113.99
FAKE6=2001:db8:ffff::99

setup() {
	tr_setup
}

# forger: a chain of five routers, and the forger on router 1, ready.
forger() {
	command -v /usr/bin/python3 > /dev/null && /usr/bin/python3 -c 'import scapy' 2> /dev/null ||
		skip "python3-scapy is missing (make deps installs it)"
	chain_build 5
	# router 5 drops what goes to the destination: hops 5 to 7 stay unanswered
	# for the whole wait, while the forger answers their probes
	ip -n "${NS[5]}" route add blackhole "$DST4"/32
	ip -n "${NS[5]}" -6 route add blackhole "$DST6"/128
	INJ_READY=$BATS_TEST_TMPDIR/ready
	INJ_COUNT=$BATS_TEST_TMPDIR/count
	ip netns exec "${NS[1]}" timeout 120 /usr/bin/python3 "$ESA_SRCDIR/tests/tools/icmp-inject.py" \
		left "$(v4 0 1)" "$(v6 0 1)" "$FAKE4" "$FAKE6" "$INJ_READY" "$INJ_COUNT" \
		3> /dev/null &
	INJ_PID=$!
	esa_wait_for 30 test -e "$INJ_READY"
}

# no_sanitizer: the run's stderr holds no report of ASan or UBSan.
no_sanitizer() {
	run ! grep -qi 'sanitizer\|runtime error' <<< "$stderr"
}

teardown() {
	[ -n "${INJ_PID:-}" ] && kill "$INJ_PID" 2> /dev/null
	esa_cleanup
}

# injected: the forger sent something (a test that cannot fail is no test).
injected() {
	kill -TERM "$INJ_PID" 2> /dev/null
	wait "$INJ_PID" 2> /dev/null || :
	INJ_PID=
	[ "$(cat "$INJ_COUNT" 2> /dev/null || echo 0)" -gt 0 ] || {
		echo "the injector sent nothing"
		return 1
	}
}

# check_trace FAMILY: the hops are the routers, then silence; no forged address.
check_trace() {
	local fam=$1
	esa_eq "$(hop_list <<< "$output")" \
		"$(expected_hops "$fam" 1 4; printf '%s\n' '5 *' '6 *' '7 *')" "hop list"
	[[ $output != *"$FAKE4"* && $output != *"$FAKE6"* ]]
}

@test "hostile IPv4 replies, raw ICMP (-I): every one refused, hops intact" {
	forger
	run --separate-stderr in_ns "$SRC" "$TR" -n -I -v -m 7 -w 2 "$DST4"
	esa_status 1
	check_trace 4
	injected
	# -v names what was refused: the classifier saw the forgeries itself
	grep -q 'ignored: quoted header missing or cut' <<< "$stderr"
	grep -q 'ignored: quoted header not ours' <<< "$stderr"
	grep -q 'ignored: quoted echo request not ours' <<< "$stderr"
	grep -q 'ignored: quoted datagram not to our destination' <<< "$stderr"
	no_sanitizer
}

@test "hostile IPv4 replies, UDP: the kernel's checks, then ours; hops intact" {
	forger
	run --separate-stderr in_ns "$SRC" "$TR" -n -v -m 7 -w 2 "$DST4"
	esa_status 1
	check_trace 4
	injected
	# the forged port reaches the socket's error queue and is refused there
	grep -q "ignored: error about a port that is not ours" <<< "$stderr"
	no_sanitizer
}

@test "hostile ICMPv6 replies with short payloads, raw ICMPv6 and UDP: hops intact" {
	forger
	run --separate-stderr in_ns "$SRC" "$TR6" -n -I -v -m 7 -w 2 "$DST6"
	esa_status 1
	check_trace 6
	grep -q 'ignored: quoted header missing, cut or not ours' <<< "$stderr"
	run --separate-stderr in_ns "$SRC" "$TR6" -n -v -m 7 -w 2 "$DST6"
	esa_status 1
	check_trace 6
	injected
	no_sanitizer
}

# one_ns: a namespace with loopback alone; NS0 names it.
one_ns() {
	NS0=$(esa_ns_new lo)
}

# escaped_usage OPT...: status 2, nothing on stdout, the first stderr line the one in
# $want, the synopsis after it, no control byte anywhere.
escaped_usage() {
	run --separate-stderr in_ns "$NS0" "$@"
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "${stderr_lines[0]}" "$want" "first stderr line"
	esa_eq "$(printf '%s\n' "${stderr_lines[@]:1}")" "$(cat "$ESA_GOLDEN_DIR/usage.ok")" "synopsis"
	esa_no_controls "$stderr" stderr
}

@test "hostile host, -i, -s and %scope: one escaped line, status 2, nothing on stdout" {
	one_ns
	esa_one_error "esa-traceroute: -i: $ESA_HOSTILE_SAFE: no such interface" \
		in_ns "$NS0" "$TR" -n -i "$ESA_HOSTILE" 127.0.0.1
	esa_one_error "esa-traceroute: -s: $ESA_HOSTILE_SAFE: not a numeric address" \
		in_ns "$NS0" "$TR" -n -s "$ESA_HOSTILE" 127.0.0.1
	esa_one_error "esa-traceroute6: $ESA_HOSTILE_SAFE: no such interface" \
		in_ns "$NS0" "$TR6" -n "fe80::2%$ESA_HOSTILE"
	# the host as a name: the resolver's reason after it, whatever it is
	run --separate-stderr in_ns "$NS0" "$TR" -n "$ESA_HOSTILE"
	esa_status 2
	esa_eq "$output" "" stdout
	[[ $stderr == "esa-traceroute: $ESA_HOSTILE_SAFE: "?* ]] || { echo "$stderr"; false; }
	esa_eq "${#stderr_lines[@]}" 1 "number of stderr lines"
}

@test "hostile values, operands and options: the reason, the value escaped, the synopsis" {
	one_ns
	local opt
	for opt in -f -m -q -p -N; do
		want="esa-traceroute: $opt: not a number: $ESA_HOSTILE_SAFE"
		escaped_usage "$TR" -n "$opt" "$ESA_HOSTILE" 127.0.0.1
	done
	run --separate-stderr in_ns "$NS0" "$TR" -n -w "$ESA_HOSTILE" 127.0.0.1
	esa_status 2
	[[ ${stderr_lines[0]} == "esa-traceroute: -w: "*": $ESA_HOSTILE_SAFE" ]] || { echo "$stderr"; false; }
	esa_no_controls "$stderr" stderr
	want="esa-traceroute: packetlen: not a number: $ESA_HOSTILE_SAFE"
	escaped_usage "$TR" -n 127.0.0.1 "$ESA_HOSTILE"
	want="esa-traceroute: too many operands: $ESA_HOSTILE_SAFE"
	escaped_usage "$TR" -n 127.0.0.1 40 "$ESA_HOSTILE"
	want="esa-traceroute: --$ESA_HOSTILE_SAFE: unknown option"
	escaped_usage "$TR" -n "--$ESA_HOSTILE" 127.0.0.1
}

@test "a hostile 15-byte kernel name as -i and as the %scope: the trace runs, the header escapes it" {
	local a b
	a=$(esa_ns_new a) b=$(esa_ns_new b)
	esa_veth "$a" "$ESA_HOSTILE_IF" "$b" b0
	ip -n "$a" addr add fe80::1/64 dev "$ESA_HOSTILE_IF" nodad
	ip -n "$b" addr add fe80::2/64 dev b0 nodad
	run --separate-stderr in_ns "$a" "$TR6" -n -q 1 "fe80::2%$ESA_HOSTILE_IF"
	esa_status 0
	esa_no_controls "$stderr" stderr
	esa_eq "$stderr" "traceroute6 to fe80::2%$ESA_HOSTILE_IF_SAFE (fe80::2) from fe80::1, 64 hops max, 12 byte packets"
	esa_eq "$(normalise <<< "$output")" " 1  fe80::2  x.xxx ms"
	run --separate-stderr in_ns "$a" "$TR6" -n -q 1 -i "$ESA_HOSTILE_IF" fe80::2
	esa_status 0
	esa_eq "$(normalise <<< "$output")" " 1  fe80::2  x.xxx ms"
	# JSON keeps the bytes, escaped as JSON
	run --separate-stderr in_ns "$a" "$TR6" -n -j -q 1 "fe80::2%$ESA_HOSTILE_IF"
	esa_status 0
	jq -e -s --arg d "fe80::2%$ESA_HOSTILE_IF" '.[-1].host == $d' <<< "$output"
	# where no interface has that name: the name escaped in the one line
	esa_one_error "esa-traceroute: -i: $ESA_HOSTILE_IF_SAFE: no such interface" \
		in_ns "$b" "$TR" -n -i "$ESA_HOSTILE_IF" 127.0.0.1
}

@test "closed, full and broken standard output: status 2, the write error or silence" {
	one_ns
	run --separate-stderr esa_out_closed ip netns exec "$NS0" "$TR" -n 127.0.0.1
	esa_status 2
	esa_eq "${stderr_lines[-1]}" "esa-traceroute: write error: Bad file descriptor"
	run --separate-stderr esa_out_full ip netns exec "$NS0" "$TR" -n 127.0.0.1
	esa_status 2
	esa_eq "${stderr_lines[-1]}" "esa-traceroute: write error: No space left on device"
	run --separate-stderr esa_out_broken default ip netns exec "$NS0" "$TR" -n 127.0.0.1
	esa_status 141
	run --separate-stderr esa_out_broken ignored ip netns exec "$NS0" "$TR6" -n ::1
	esa_status 2
	esa_eq "$stderr" "traceroute6 to ::1 (::1) from ::1, 64 hops max, 12 byte packets"
}

@test "-h, --help, -V and --version into /dev/full or a closed stdout: the write error, status 2" {
	local opt
	for opt in -h --help -V --version; do
		run --separate-stderr esa_out_full "$TR" "$opt"
		esa_status 2
		esa_eq "$stderr" "esa-traceroute: write error: No space left on device" "stderr of $opt"
		run --separate-stderr esa_out_closed "$TR6" "$opt"
		esa_status 2
		esa_eq "$stderr" "esa-traceroute6: write error: Bad file descriptor" "stderr of $opt"
		# a reader gone: quiet, status 2
		run --separate-stderr esa_out_broken ignored "$TR" "$opt"
		esa_status 2
		esa_no_stderr
	done
}

@test "a bad standard output ends the trace: closed, full, a reader gone with SIGPIPE ignored" {
	# S -- R -- D, where D forwards nothing and answers nothing: hop 1 (R) answers at
	# once, hops 2 to 255 would each wait a minute. A trace that went on after its
	# first line could not be written would run until ESA_TIMEOUT (status 124)
	local s r d
	s=$(esa_ns_new s) r=$(esa_ns_new r) d=$(esa_ns_new d)
	esa_veth "$s" s0 "$r" r0
	esa_veth "$r" r1 "$d" d0
	ip -n "$s" addr add 192.0.2.1/24 dev s0
	ip -n "$r" addr add 192.0.2.2/24 dev r0
	ip -n "$r" addr add 198.51.100.1/24 dev r1
	ip -n "$d" addr add 198.51.100.2/24 dev d0
	ip -n "$s" route add default via 192.0.2.2
	ip -n "$r" route add default via 198.51.100.2
	ip netns exec "$r" sysctl -qw net.ipv4.ip_forward=1
	local args=(-n -q 1 -m 255 -w 60 203.0.113.9)
	run --separate-stderr esa_out_closed ip netns exec "$s" "$TR" "${args[@]}"
	esa_status 2
	esa_eq "${stderr_lines[-1]}" "esa-traceroute: write error: Bad file descriptor"
	run --separate-stderr esa_out_full ip netns exec "$s" "$TR" "${args[@]}"
	esa_status 2
	esa_eq "${stderr_lines[-1]}" "esa-traceroute: write error: No space left on device"
	run --separate-stderr esa_out_broken ignored ip netns exec "$s" "$TR" "${args[@]}"
	esa_status 2
	esa_eq "${#stderr_lines[@]}" 1 "stderr lines (the header)"
	run --separate-stderr esa_out_broken default ip netns exec "$s" "$TR" "${args[@]}"
	esa_status 141
}

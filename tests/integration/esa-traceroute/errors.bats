#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# errors.bats - esa-traceroute's bad input: one line on stderr, the synopsis for usage
# errors, nothing on stdout, status 2; --help and --version; loopback traces.

load ../lib
load common

setup() {
	tr_setup
	NS0=$(esa_ns_new lo)
}

teardown() {
	esa_cleanup
}

# bad ARGS...: status 2, nothing on stdout; the first stderr line is left in $err1.
bad() {
	run --separate-stderr in_ns "$NS0" "$TR" "$@"
	esa_status 2
	esa_eq "$output" "" stdout
	err1=${stderr_lines[0]}
}

@test "--help prints the synopsis on stdout, status 0; -V the version" {
	run --separate-stderr "$TR" --help
	esa_status 0
	esa_no_stderr
	esa_golden usage
	run --separate-stderr "$TR" -V
	esa_status 0
	[[ $output == "esa-traceroute "[0-9]* ]]
}

@test "usage errors: one line naming the problem, then the synopsis, status 2" {
	bad -x 127.0.0.1
	esa_eq "$err1" "esa-traceroute: -x: unknown option"
	esa_eq "$(printf '%s\n' "${stderr_lines[@]:1}")" "$(cat "$ESA_GOLDEN_DIR/usage.ok")" "synopsis"
	bad
	esa_eq "$err1" "esa-traceroute: a host is needed"
	bad -q 11 127.0.0.1
	esa_eq "$err1" "esa-traceroute: -q: too large (at most 10): 11"
	bad -w 0 127.0.0.1
	[[ $err1 == "esa-traceroute: -w: "* ]]
	bad -f 9 -m 8 127.0.0.1
	esa_eq "$err1" "esa-traceroute: -f: first ttl (9) may not be greater than max ttl (8)"
	bad 127.0.0.1 40 extra
	esa_eq "$err1" "esa-traceroute: too many operands: extra"
	bad -4 -6 127.0.0.1
	esa_eq "$err1" "esa-traceroute: -4 and -6 cannot be combined"
	run --separate-stderr in_ns "$NS0" "$TR6" -4 ::1
	esa_status 2
	esa_eq "${stderr_lines[0]}" "esa-traceroute6: -4 and -6 cannot be combined"
}

@test "bad operands: packet lengths, sources, hosts of the other family" {
	bad 127.0.0.1 27
	esa_eq "$err1" "esa-traceroute: packetlen: too small (at least 28): 27"
	bad -I ::1 7
	esa_eq "$err1" "esa-traceroute: packetlen: too small (at least 8): 7"
	bad 127.0.0.1 32769
	esa_eq "$err1" "esa-traceroute: packetlen: too large (at most 32768): 32769"
	bad -s ::1 127.0.0.1
	esa_eq "$err1" "esa-traceroute: -s: ::1: not an IPv4 address"
	bad -s 'a b; $(id)' 127.0.0.1
	esa_eq "$err1" "esa-traceroute: -s: a b; \$(id): not a numeric address"
	bad -6 127.0.0.1
	esa_eq "$err1" "esa-traceroute: 127.0.0.1: not an IPv6 address"
	bad -s 192.0.2.200 127.0.0.1
	esa_eq "$err1" "esa-traceroute: bind: Cannot assign requested address"
}

# usage_after: the synopsis follows the first stderr line.
usage_after() {
	esa_eq "$(printf '%s\n' "${stderr_lines[@]:1}")" "$(cat "$ESA_GOLDEN_DIR/usage.ok")" "synopsis"
}

@test "packetlen too small and too large: the same form, one line naming it, then the synopsis" {
	# too small for the family the host turned out to be (unknown while options are read)
	bad 127.0.0.1 27
	esa_eq "$err1" "esa-traceroute: packetlen: too small (at least 28): 27"
	usage_after
	bad -I ::1 7
	esa_eq "$err1" "esa-traceroute: packetlen: too small (at least 8): 7"
	usage_after
	# the family known from the start: the same
	bad -4 127.0.0.1 27
	esa_eq "$err1" "esa-traceroute: packetlen: too small (at least 28): 27"
	usage_after
	bad 127.0.0.1 32769
	esa_eq "$err1" "esa-traceroute: packetlen: too large (at most 32768): 32769"
	usage_after
}

@test "-i: names of 15, 16, 17 and 4096 characters: no such interface, never a crash" {
	local n name shown
	for n in 15 16 17 4096; do
		name=$(head -c "$n" /dev/zero | tr '\0' x)
		# a message shows 1021 bytes of a name, then "..." where it was cut
		shown=$name
		[ "$n" -lt 1024 ] || shown="${name:0:1021}..."
		bad -n -i "$name" 127.0.0.1
		esa_eq "$err1" "esa-traceroute: -i: $shown: no such interface" "-i of $n characters"
		esa_eq "${#stderr_lines[@]}" 1 "stderr lines"
	done
}

@test "loopback: one hop, reached, status 0, both families; an IPv6 source in the header" {
	run --separate-stderr in_ns "$NS0" "$TR" -n 127.0.0.1
	esa_status 0
	esa_eq "$(normalise <<< "$output")" " 1  127.0.0.1  x.xxx ms  x.xxx ms  x.xxx ms"
	esa_eq "$stderr" "traceroute to 127.0.0.1 (127.0.0.1), 64 hops max, 40 byte packets"
	run --separate-stderr in_ns "$NS0" "$TR6" -n -q 1 ::1
	esa_status 0
	esa_eq "$(normalise <<< "$output")" " 1  ::1  x.xxx ms"
	esa_eq "$stderr" "traceroute6 to ::1 (::1) from ::1, 64 hops max, 12 byte packets"
}

@test "a write error on stdout is reported, status 2" {
	[ -w /dev/full ] || skip "no /dev/full"
	run --separate-stderr in_ns "$NS0" sh -c '"$1" -n 127.0.0.1 > /dev/full' _ "$TR"
	esa_status 2
	[[ $stderr == *"esa-traceroute: "*"No space left on device"* ]]
}

@test "no route at all: the send fails with one line, status 2" {
	run --separate-stderr in_ns "$NS0" "$TR" -n 192.0.2.1
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "${stderr_lines[1]}" "esa-traceroute: sendto: Network is unreachable"
	run --separate-stderr in_ns "$NS0" "$TR6" -n 2001:db8::1
	esa_status 2
	esa_eq "${stderr_lines[0]}" "esa-traceroute6: connect: Network is unreachable"
}

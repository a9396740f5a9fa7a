#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# hostile.bats - forged ICMP errors arrive while a trace runs (tests/tools/icmp-inject.py,
# scapy, on router 1): cut or absent quoted headers, quoted headers with ihl 15 and bad
# options, foreign ports and identifiers, short ICMPv6 payloads. The trace must not
# crash (make SANITIZE=1 check runs this under ASan and UBSan) and no hop may take
# the forger's address.

load ../lib
load common

FAKE4=203.0.113.99
FAKE6=2001:db8:ffff::99

setup() {
	tr_setup
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
	run --separate-stderr in_ns "$SRC" "$TR" -n -I -v -m 7 -w 2 "$DST4"
	esa_status 1
	check_trace 4
	injected
	# -v names what was refused: the classifier saw the forgeries itself
	grep -q 'ignored: quoted header missing or cut' <<< "$stderr"
	grep -q 'ignored: quoted header not ours' <<< "$stderr"
	grep -q 'ignored: quoted echo request not ours' <<< "$stderr"
	grep -q 'ignored: quoted datagram not to our destination' <<< "$stderr"
	! grep -qi 'sanitizer\|runtime error' <<< "$stderr"
}

@test "hostile IPv4 replies, UDP: the kernel's checks, then ours; hops intact" {
	run --separate-stderr in_ns "$SRC" "$TR" -n -v -m 7 -w 2 "$DST4"
	esa_status 1
	check_trace 4
	injected
	# the forged port reaches the socket's error queue and is refused there
	grep -q "ignored: error about a port that is not ours" <<< "$stderr"
	! grep -qi 'sanitizer\|runtime error' <<< "$stderr"
}

@test "hostile ICMPv6 replies with short payloads, raw ICMPv6 and UDP: hops intact" {
	run --separate-stderr in_ns "$SRC" "$TR6" -n -I -v -m 7 -w 2 "$DST6"
	esa_status 1
	check_trace 6
	grep -q 'ignored: quoted header missing, cut or not ours' <<< "$stderr"
	run --separate-stderr in_ns "$SRC" "$TR6" -n -v -m 7 -w 2 "$DST6"
	esa_status 1
	check_trace 6
	injected
	! grep -qi 'sanitizer\|runtime error' <<< "$stderr"
}

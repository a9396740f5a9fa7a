#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# concurrent.bats - 100 esa-ping at once on raw sockets in one namespace (each sees
# every reply of the others: iputils #489/#502/#503): each counts only its own,
# matched on id, sequence, source and the run's cookie.

load ../lib
load common

setup() {
	ping_setup
	ping_two
	local i
	for i in $(seq 10 19); do
		addr "$B" b0 "192.0.2.$i/24" "2001:db8::$i/64"
	done
}

teardown() {
	esa_cleanup
}

@test "100 concurrent instances (50 IPv4, 50 IPv6, 10 targets) each count their own" {
	local i dst out bad=0
	for i in $(seq 0 99); do
		if [ $((i % 2)) -eq 0 ]; then
			dst=192.0.2.$((10 + i % 10))
		else
			dst=2001:db8::$((10 + i % 10))
		fi
		echo "$dst" > "$BATS_TEST_TMPDIR/dst.$i"
		ip netns exec "$A" timeout 60 "$PING" -n -c 5 -i 0.2 "$dst" \
			> "$BATS_TEST_TMPDIR/out.$i" 2>&1 &
	done
	wait
	for i in $(seq 0 99); do
		dst=$(cat "$BATS_TEST_TMPDIR/dst.$i")
		out=$(cat "$BATS_TEST_TMPDIR/out.$i")
		if [ "$(grep -c "bytes from ${dst}[:,] icmp_seq=[0-4] " <<< "$out")" -ne 5 ] ||
		    [ "$(grep -c 'bytes from' <<< "$out")" -ne 5 ] ||
		    ! grep -q '^5 packets transmitted, 5 packets received, 0.0% packet loss$' <<< "$out"; then
			echo "instance $i ($dst):"
			printf '%s\n' "$out"
			bad=1
		fi
	done
	[ "$bad" -eq 0 ]
}

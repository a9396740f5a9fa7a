#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# resolver.bats - names with a resolver that never answers: after the first lookup
# that waits and fails, the remaining addresses are printed as numbers at once,
# instead of each waiting for the resolver's timeout.

load ../lib

setup() {
	esa_need_root
	NS=$(esa_ns_new dns)
	NETSTAT=$(esa_bin esa-netstat)
	for i in $(seq 1 10); do
		ip -n "$NS" link add "v$i" type veth peer name "w$i"
		ip -n "$NS" addr add "198.51.100.$i/32" dev "v$i"
	done
	# a "server" on the namespace's own loopback that takes queries and never answers
	ip netns exec "$NS" timeout "$ESA_TIMEOUT" /usr/bin/python3 -c '
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 53))
while True: s.recv(512)' &
	esa_wait_for 10 sh -c "ip netns exec $NS ss -Hlun | grep -q '127.0.0.1:53'"
	printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' > "$BATS_TEST_TMPDIR/resolv"
	printf 'hosts: files dns\n' > "$BATS_TEST_TMPDIR/nss"
	printf '198.51.100.7 seven.example\n' > "$BATS_TEST_TMPDIR/hosts"
}

teardown() {
	esa_cleanup
}

@test "a resolver that does not answer is waited for once, not once per address" {
	local t0 t1

	t0=$(date +%s%N)
	run ip netns exec "$NS" unshare -m sh -c "
		mount --bind $BATS_TEST_TMPDIR/resolv /etc/resolv.conf &&
		mount --bind $BATS_TEST_TMPDIR/nss /etc/nsswitch.conf &&
		mount --bind $BATS_TEST_TMPDIR/hosts /etc/hosts &&
		exec timeout 30 $NETSTAT -i"
	t1=$(date +%s%N)
	esa_status 0
	# every address printed, as a number once the resolver has failed
	for i in 1 5 10; do
		[[ $output == *" 198.51.100.$i "* ]] || { echo "$output"; false; }
	done
	# ten addresses at a one-second timeout each would take ten seconds
	[ $(( (t1 - t0) / 1000000 )) -lt 5000 ] ||
		{ echo "took $(( (t1 - t0) / 1000000 )) ms"; false; }
}

#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# loss.bats - 10% of the echo requests dropped at B by nft (`numgen random mod 10 0
# drop`: nftables' form of iptables' statistic match; this machine has no iptables
# command): the loss esa-ping reports is within tolerance and agrees with its lines.

load ../lib
load common

setup() {
	ping_setup
	ping_two
	ip netns exec "$B" nft -f - <<-'NFT'
		table inet loss {
			chain in {
				type filter hook input priority 0;
				icmp type echo-request numgen random mod 10 0 drop
				icmpv6 type echo-request numgen random mod 10 0 drop
			}
		}
	NFT
}

teardown() {
	esa_cleanup
}

# loss_ok TEXT: 400 sent, a loss between 3% and 20% (binomial sd 1.5%: ~4.5 sd each side)
loss_ok() {
	local l
	l=$(sed -nE 's/^400 packets transmitted, [0-9]+ packets received, ([0-9.]+)% packet loss$/\1/p' <<< "$1")
	[ -n "$l" ] || { echo "no statistics line: $1" | tail -n 3; return 1; }
	awk -v l="$l" 'BEGIN { exit !(l >= 3 && l <= 20) }' || { echo "loss $l%"; return 1; }
}

@test "10% loss: reported within tolerance, statistics matching the lines, IPv4 and IPv6" {
	run --separate-stderr in_ns "$A" "$PING" -n -c 400 -i 0.005 -W 2000 192.0.2.2
	esa_status 0
	esa_no_stderr
	loss_ok "$output"
	stats_consistent "$output"
	run --separate-stderr in_ns "$A" "$PING6" -n -c 400 -i 0.005 -W 2000 2001:db8::2
	esa_status 0
	loss_ok "$output"
	stats_consistent "$output"
}

@test "10% loss: iputils ping on the same path reports a loss of the same size" {
	run --separate-stderr in_ns "$A" ping -n -q -c 400 -i 0.005 -W 2 192.0.2.2
	l=$(sed -nE 's/.* ([0-9.]+)% packet loss.*/\1/p' <<< "$output")
	awk -v l="$l" 'BEGIN { exit !(l >= 3 && l <= 20) }'
}

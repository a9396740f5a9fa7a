#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# source.bats - esa-ping's -S and -I (source address, interface by name or alias), and
# the raw path for nobody through the file capability cap_net_raw+p.

load ../lib
load common

setup() {
	ping_setup
	ping_two
	# a second address on each side, to see which source is used
	addr "$A" a0 192.0.2.11/24 2001:db8::11/64
	ip -n "$A" link set a0 alias "Data 1"
}

teardown() {
	esa_cleanup
	[ -z "${NOBODY_DIR:-}" ] || rm -rf "$NOBODY_DIR"
}

# B's view: the source address of the echo requests it answered, from a counter
# rule per source (nft counts what arrives)
count_rules() {
	ip netns exec "$B" nft -f - <<-'NFT'
		table inet seen {
			chain in {
				type filter hook input priority 0;
				ip saddr 192.0.2.11 icmp type echo-request counter
				ip6 saddr 2001:db8::11 icmpv6 type echo-request counter
			}
		}
	NFT
}

counted() {
	ip netns exec "$B" nft -j list table inet seen |
		jq '[.nftables[].rule? // empty | .expr[] | .counter? // empty | .packets] | add'
}

@test "-S: the probes leave from the address given, both families" {
	count_rules
	run --separate-stderr in_ns "$A" "$PING" -n -c 2 -i 0.2 -S 192.0.2.11 192.0.2.2
	esa_status 0
	# FreeBSD ping's header names the source given
	[ "${lines[0]}" = "PING 192.0.2.2 (192.0.2.2) from 192.0.2.11: 56 data bytes" ]
	run --separate-stderr in_ns "$A" "$PING6" -n -c 2 -i 0.2 -S 2001:db8::11 2001:db8::2
	esa_status 0
	[ "${lines[0]}" = "PING6(56=40+8+8 bytes) 2001:db8::11 --> 2001:db8::2" ]
	esa_eq "$(counted)" 4 "requests from the -S addresses"
	# an address that is not ours
	run --separate-stderr in_ns "$A" "$PING" -n -c 1 -S 192.0.2.99 192.0.2.2
	esa_status 2
	esa_eq "$stderr" "esa-ping: bind: Cannot assign requested address"
	run --separate-stderr in_ns "$A" "$PING" -n -c 1 -S 2001:db8::11 192.0.2.2
	esa_status 2
}

@test "-I: by kernel name and by alias; an unknown one is an error; through lo, B is not reached" {
	run --separate-stderr in_ns "$A" "$PING" -n -c 1 -I a0 192.0.2.2
	esa_status 0
	run --separate-stderr in_ns "$A" "$PING6" -n -c 1 -I "Data 1" 2001:db8::2
	esa_status 0
	run --separate-stderr in_ns "$A" "$PING" -n -c 1 -I nosuch0 192.0.2.2
	esa_status 2
	[ -z "$output" ]
	[[ $stderr == "esa-ping: nosuch0: "* ]]
	run --separate-stderr in_ns "$A" "$PING" -n -c 1 -W 300 -I lo 192.0.2.2
	esa_status 1
	grep -qx '1 packets transmitted, 0 packets received, 100.0% packet loss' <<< "$output"
}

@test "raw path for nobody through the file capability cap_net_raw+p, dropped after" {
	nobody_copy
	setcap cap_net_raw+p "$NPING" || skip "no file capabilities on $NPING's file system"
	run --separate-stderr as_nobody "$A" "$NPING" -n -j -c 2 -i 0.2 192.0.2.2
	esa_status 0
	jq -e -s '.[-1] | .socket == "raw" and .received == 2' <<< "$output"
	# privilege enough for a short interval, as iputils
	run --separate-stderr as_nobody "$A" "$NPING" -n -c 2 -i 0.05 192.0.2.2
	esa_status 0
	# and none left while it runs
	ip netns exec "$A" setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$NPING" -n -c 20 -i 0.2 192.0.2.2 > "$BATS_TEST_TMPDIR/out" &
	pid=$!
	esa_wait_for 10 grep -q icmp_seq "$BATS_TEST_TMPDIR/out"
	st=$(cat "/proc/$pid/status")
	kill -INT "$pid"
	wait "$pid" || :
	grep -qx $'CapPrm:\t0000000000000000' <<< "$st"
	grep -qx $'CapEff:\t0000000000000000' <<< "$st"
}

#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# router.bats - esa-ping through a router namespace: TTL and hop-limit expiry,
# unreachable routes, fragmentation needed, on the raw and on the datagram path.

load ../lib
load common

setup() {
	ping_setup
	ping_three
}

teardown() {
	esa_cleanup
	[ -z "${NOBODY_DIR:-}" ] || rm -rf "$NOBODY_DIR"
}

# norm_iph: the values of pr_iph() that vary from run to run (ID, flags, TTL,
# checksum) as IDID, F, TT and CKSM.
norm_iph() {
	sed -E 's/^( 4  5  [0-9a-f]{2} [0-9a-f]{4}) [0-9a-f]{4}   [0-7] ([0-9a-f]{4})  [0-9a-f]{2}  01 [0-9a-f]{4} /\1 IDID   F \2  TT  01 CKSM /'
}

# golden_both NAME ARGS...: the golden output as root (raw socket: NAME-raw for IPv4,
# whose errors FreeBSD 11 follows with the quoted header, NAME for IPv6) and as nobody
# (datagram socket, the kernel's error queue: NAME), exit status 1 (no reply)
golden_both() {
	local name=$1 raw=$1

	shift
	[[ " $* " == *" -6 "* ]] || raw=$name-raw
	run --separate-stderr in_ns "$A" "$PING" -n "$@"
	esa_status 1
	esa_no_stderr
	esa_golden "$raw" "$(norm_iph <<< "$output")"
	nobody_copy
	open_ping_group "$A"
	run --separate-stderr as_nobody "$A" "$NPING" -n "$@"
	esa_status 1
	esa_no_stderr
	esa_golden "$name"
}

@test "-m 1 through a router: Time to live exceeded" {
	golden_both ttl4 -c 2 -i 0.2 -W 500 -m 1 198.51.100.2
}

@test "-m 1 through a router, IPv6: hop limit exceeded" {
	golden_both ttl6 -6 -c 2 -i 0.2 -W 500 -m 1 2001:db8:2::2
}

@test "-m 2 reaches B, one hop away: TTL 63 in the replies" {
	run --separate-stderr in_ns "$A" "$PING" -n -c 2 -i 0.2 -m 2 198.51.100.2
	esa_status 0
	[ "$(grep -c 'icmp_seq=[01] ttl=63 time=' <<< "$output")" -eq 2 ]
}

# IPv4 errors for a route that is unreachable or missing come from the router's
# ip_error(), which allows one a second (net.ipv4.route.error_cost, a global setting)
# from tokens it shares with the per-destination ICMP limit; on Linux 6.1 that limit,
# off in our namespaces, leaves no token after each error, so only probes a second
# apart each get theirs there.
@test "an unreachable route: Destination Host Unreachable" {
	golden_both unreach-host4 -c 2 -i 1.2 -W 500 203.0.113.5
}

@test "no route at the router: Destination Net Unreachable" {
	golden_both unreach-net4 -c 2 -i 1.2 -W 500 203.0.113.200
}

@test "an unreachable route, IPv6: No Route to Destination" {
	golden_both unreach6 -6 -c 2 -i 0.2 -W 500 2001:db8:3::5
}

# FreeBSD ping's pr_iph() (sbin/ping/ping.c) and ping6's pr_retip() (sbin/ping6/ping6.c),
# each packet ended by an empty line; then the summary's own empty line. (IPv4 prints
# the same without -v.)
@test "-v: the quoted header of the probe under the error" {
	local -a l

	run --separate-stderr in_ns "$A" "$PING" -n -v -c 1 -W 500 203.0.113.5
	esa_status 1
	mapfile -t l <<< "$output"
	[ "${l[1]}" = "92 bytes from 192.0.2.254: Destination Host Unreachable" ]
	[ "${l[2]}" = "Vr HL TOS  Len   ID Flg  off TTL Pro  cks      Src      Dst" ]
	[[ ${l[3]} =~ ^\ 4\ \ 5\ \ 00\ 0054\ [0-9a-f]{4}\ \ \ [02]\ 0000\ \ [0-9a-f]{2}\ \ 01\ [0-9a-f]{4}\ 192\.0\.2\.1\ \ 203\.0\.113\.5\ $ ]]
	[ -z "${l[4]}" ]
	[ -z "${l[5]}" ]
	[ "${l[6]}" = "--- 203.0.113.5 ping statistics ---" ]
	run --separate-stderr in_ns "$A" "$PING6" -n -v -c 1 -W 500 2001:db8:3::5
	esa_status 1
	mapfile -t l <<< "$output"
	[ "${l[1]}" = "64 bytes from 2001:db8:1::fe: No Route to Destination" ]
	[ "${l[2]}" = "Vr TC  Flow Plen Nxt Hlim" ]
	[[ ${l[3]} =~ ^\ 6\ 00\ [0-9a-f]{5}\ 0010\ \ 3a\ \ \ [0-9a-f]{2}$ ]]
	[ "${l[4]}" = "2001:db8:1::1->2001:db8:3::5" ]
	[ "${l[5]}" = "ICMP6: type = 128, code = 0" ]
	[ -z "${l[6]}" ]
	[ -z "${l[7]}" ]
	[ "${l[8]}" = "--- 2001:db8:3::5 ping6 statistics ---" ]
}

# The datagram socket's error queue hands back the probe without the header: ping6's
# line for the probe; for IPv4, whose ping has no line for a probe alone, nothing.
@test "-v on the datagram path: ping6's probe line; nothing after IPv4's error line" {
	local -a l

	nobody_copy
	open_ping_group "$A"
	run --separate-stderr as_nobody "$A" "$NPING" -n -v -c 1 -W 500 203.0.113.5
	esa_status 1
	mapfile -t l <<< "$output"
	[ "${l[1]}" = "92 bytes from 192.0.2.254: Destination Host Unreachable" ]
	[ -z "${l[2]}" ]
	[ "${l[3]}" = "--- 203.0.113.5 ping statistics ---" ]
	run --separate-stderr as_nobody "$A" "$NPING6" -n -v -c 1 -W 500 2001:db8:3::5
	esa_status 1
	mapfile -t l <<< "$output"
	[ "${l[1]}" = "64 bytes from 2001:db8:1::fe: No Route to Destination" ]
	[ "${l[2]}" = "ICMP6: type = 128, code = 0" ]
	[ -z "${l[3]}" ]
	[ -z "${l[4]}" ]
}

@test "-s beyond the next link's MTU: fragmented by the router without -D" {
	ip -n "$R" link set r1 mtu 1280
	ip -n "$B" link set b0 mtu 1280
	run --separate-stderr in_ns "$A" "$PING" -n -c 2 -i 0.2 -s 1400 198.51.100.2
	esa_status 0
	esa_golden routed-frag4 "$(norm <<< "$output")"
	stats_consistent "$output"
}

@test "-D with a size beyond the next link's MTU: frag needed, Packet too big" {
	ip -n "$R" link set r1 mtu 1280
	ip -n "$B" link set b0 mtu 1280
	golden_both needfrag4 -D -c 2 -i 0.2 -W 500 -s 1400 198.51.100.2
	run --separate-stderr in_ns "$A" "$PING6" -n -D -c 2 -i 0.2 -W 500 -s 1400 2001:db8:2::2
	esa_status 1
	esa_golden toobig6
	run --separate-stderr in_ns "$A" "$PING" -n -j -D -c 1 -W 500 -s 1400 198.51.100.2
	jq -e -s '.[0] | .type == "error" and .icmp_type == 3 and .icmp_code == 4 and
	    .next_hop_mtu == 1280 and .address == "192.0.2.254" and .seq == 0' <<< "$output"
}

@test "-j: the ICMP errors' keys (time exceeded, unreachable, frag needed) are in esa-tools(7)'s vocabulary" {
	local out='' args
	ip -n "$R" link set r1 mtu 1280
	ip -n "$B" link set b0 mtu 1280
	for args in "-m 1 198.51.100.2" "203.0.113.5" "-D -s 1400 198.51.100.2" \
	    "-6 -m 1 2001:db8:2::2" "-6 2001:db8:3::5" "-6 -D -s 1400 2001:db8:2::2"; do
		# shellcheck disable=SC2086 # the options are words
		run --separate-stderr in_ns "$A" "$PING" -n -j -c 2 -i 0.2 -W 500 $args
		esa_status 1
		esa_json_vocab lines "ping $args"
		out+=$output$'\n'
	done
	# each family's errors, and the MTU of both frag needed and Packet too big
	jq -e -s '([.[] | select(.type == "error") | .icmp_type] | unique) == [1, 2, 3, 11] and
	    ([.[] | select(.next_hop_mtu == 1280)] | length) == 4 and
	    all(.[] | select(.type == "error"); (.error | type) == "string")' <<< "$out"
}

@test "through the router against iputils ping: same counts, times of the same order" {
	local fam dst ours theirs
	for fam in 4 6; do
		dst=198.51.100.2
		[ "$fam" = 6 ] && dst=2001:db8:2::2
		run --separate-stderr in_ns "$A" "$PING" -"$fam" -n -c 10 -i 0.2 "$dst"
		esa_status 0
		ours=$output
		run --separate-stderr in_ns "$A" ping -"$fam" -n -c 10 -i 0.2 "$dst"
		esa_status 0
		theirs=$output
		grep -q '^10 packets transmitted, 10 packets received, 0.0% packet loss$' <<< "$ours"
		grep -q '^10 packets transmitted, 10 received, 0% packet loss' <<< "$theirs"
		same_order "$ours" "$theirs"
	done
}

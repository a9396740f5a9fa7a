#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# flush-all.bats - esa-arpshow --flush-all: the dynamic neighbour entries of both
# families deleted (one line each, as --flush), permanent ones kept as `ip neigh
# flush all` keeps them, and the route exception caches emptied, as `ip route show
# cache` and `ip -6 route show cache` see them; CAP_NET_ADMIN required.
#
# Topology: A (a0 192.0.2.1/24 2001:db8::1/64) <-> R (r0 192.0.2.2 2001:db8::2,
# r1 198.51.100.2/24 2001:db8:2::2/64, MTU 1280) <-> C (c0 198.51.100.1/24
# 2001:db8:2::1/64, MTU 1280). A's 1400-byte packets to C meet R's small-MTU hop:
# R answers ICMP "fragmentation needed" and ICMPv6 "packet too big", and A's kernel
# keeps a route exception (PMTU 1280) for C in each family.

load ../lib
load common

setup() {
	arp_setup
	A=$(esa_ns_new a) && R=$(esa_ns_new r) && C=$(esa_ns_new c) || return 1
	ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 ||
		return 1
	esa_veth "$A" a0 "$R" r0 "$A_MAC" "$B_MAC" && esa_veth "$R" r1 "$C" c0 || return 1
	ip -n "$R" link set r1 mtu 1280 && ip -n "$C" link set c0 mtu 1280 || return 1
	ip -n "$A" -batch - <<-EOF || return 1
		addr add 192.0.2.1/24 dev a0
		addr add 2001:db8::1/64 dev a0 nodad
		route add 198.51.100.0/24 via 192.0.2.2
		route add 2001:db8:2::/64 via 2001:db8::2
	EOF
	ip -n "$R" -batch - <<-EOF || return 1
		addr add 192.0.2.2/24 dev r0
		addr add 2001:db8::2/64 dev r0 nodad
		addr add 198.51.100.2/24 dev r1
		addr add 2001:db8:2::2/64 dev r1 nodad
	EOF
	ip -n "$C" -batch - <<-EOF || return 1
		addr add 198.51.100.1/24 dev c0
		addr add 2001:db8:2::1/64 dev c0 nodad
		route add 192.0.2.0/24 via 198.51.100.2
		route add 2001:db8::/64 via 2001:db8:2::2
	EOF
	arp_fill
}

teardown() {
	esa_cleanup
}

# big_pings: 1400-byte pings of each family from A to C, which R's hop refuses,
# until A's kernel lists a PMTU exception for C in each family (at most 5 of each:
# the kernel does not always keep one from the first ICMP error). The pings
# themselves fail (no reply): their status is not the point.
big_pings() {
	local i

	for i in 1 2 3 4 5; do
		[ -n "$(cache "$A" -6)" ] && break
		in_ns "$A" ping -n -q -6 -c 1 -W 2 -M "do" -s 1400 2001:db8:2::1 > /dev/null || :
	done
	for i in 1 2 3 4 5; do
		[ -n "$(cache "$A" -4)" ] && break
		in_ns "$A" ping -n -q -c 1 -W 2 -M "do" -s 1400 198.51.100.1 > /dev/null || :
	done
}

# cache NS [-4|-6]: the destinations of `ip route show cache`, sorted.
cache() {
	ip -n "$1" "${2:--4}" -j route show cache | jq -r '.[].dst' | sort
}

@test "--flush-all: both tables' dynamic entries, one line each; permanent kept as ip neigh flush all keeps them; the route caches emptied" {
	local perm six four

	big_pings
	six=$(cache "$A" -6)
	esa_eq "$six" 2001:db8:2::1 "IPv6 route cache before (ip -6 route show cache)"
	four=$(cache "$A" -4)
	want=$(deleted_lines "$A")
	# a0's entries for R of both families, learnt from the pings, go with the others
	grep -qx '192.0.2.2 (192.0.2.2) deleted' <<< "$want"
	grep -qx '2001:db8::2 (2001:db8::2) deleted' <<< "$want"
	run --separate-stderr arpshow "$A" --flush-all
	esa_status 0
	esa_no_stderr
	esa_sets_eq "$output" "$want" "deleted lines vs ip's dynamic entries of both families"
	perm=$(ip -n "$A" neigh show | sort)
	esa_eq "$(ip -n "$A" neigh show nud permanent | sort)" "$perm" \
		"ip neigh show after the flush: the permanent entries alone"
	grep -q '^192\.0\.2\.10 ' <<< "$perm"
	grep -q '^2001:db8::10 ' <<< "$perm"
	esa_eq "$(cache "$A" -6)" "" "ip -6 route show cache after the flush"
	# IPv4 exceptions are listed since Linux 5.3
	esa_eq "$four" 198.51.100.1 "IPv4 route cache before (ip route show cache)"
	esa_eq "$(cache "$A" -4)" "" "ip route show cache after the flush"
	# the peer: ip neigh flush all, on the same entries made anew, leaves the same
	arp_fill
	ip -n "$A" neigh flush all
	esa_eq "$(ip -n "$A" neigh show | sort)" "$perm" "what ip neigh flush all leaves"
	# again: nothing to do, nothing printed, success. R's own traffic can make A an
	# entry for it meanwhile (an ARP request from R makes one; under emulation R's probes
	# come late): then that entry's line is right, and the pair is tried again
	local try
	for try in 1 2 3; do
		run --separate-stderr arpshow "$A" --flush-all
		esa_status 0
		esa_no_stderr
		[ -n "$output" ] || break
		echo "# try $try: an entry made meanwhile: $output" >&3
		ip -n "$A" neigh flush all
	done
	esa_eq "$output" "" "second flush"
}

@test "--flush-all: static /128 routes to the exception's host, by its gateway and interface, kept; the exception deleted" {
	local routes

	# the exception hangs under the first; all match it in gateway and interface, the
	# second in metric too: what a kernel that ignores RTM_F_CLONED in a delete
	# (3.x, 4.2-4.14) could take for it if the delete named less
	ip -n "$A" -6 -batch - <<-EOF
		route add 2001:db8:2::1/128 via 2001:db8::2 dev a0 metric 10
		route add 2001:db8:2::1/128 via 2001:db8::2 dev a0 metric 1024
		route add 2001:db8:2::7/128 via 2001:db8::2 dev a0
	EOF
	routes=$(ip -n "$A" -6 route show | sort)
	big_pings
	esa_eq "$(cache "$A" -6)" 2001:db8:2::1 "IPv6 route cache before (ip -6 route show cache)"
	run --separate-stderr arpshow "$A" --flush-all
	esa_status 0
	esa_no_stderr
	esa_eq "$(cache "$A" -6)" "" "ip -6 route show cache after the flush"
	esa_eq "$(ip -n "$A" -6 route show | sort)" "$routes" "ip -6 route show after the flush"
}

@test "esa-ndpshow --flush-all flushes both families too" {
	big_pings
	want=$(deleted_lines "$A")
	grep -q '^192\.0\.2\.' <<< "$want"
	run --separate-stderr ndpshow "$A" --flush-all
	esa_status 0
	esa_no_stderr
	esa_sets_eq "$output" "$want" "deleted lines vs ip's dynamic entries of both families"
	esa_eq "$(ip -n "$A" neigh show | grep -vc PERMANENT)" 0 "dynamic entries left"
	esa_eq "$(cache "$A" -6)" "" "ip -6 route show cache after the flush"
}

@test "--flush-all without CAP_NET_ADMIN: one line naming it, status 2, nothing flushed" {
	local before six

	big_pings
	before=$(addrs "$A")
	six=$(cache "$A" -6)
	[ -n "$six" ]
	run --separate-stderr in_ns "$A" setpriv --reuid=nobody --regid=nogroup --clear-groups \
		--inh-caps=-all --bounding-set=-all "$ARPSHOW" --flush-all
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "$stderr" "esa-arpshow: --flush-all: Operation not permitted (needs CAP_NET_ADMIN)" \
		stderr
	esa_eq "$(addrs "$A")" "$before" "entries after the refused flush"
	esa_eq "$(cache "$A" -6)" "$six" "IPv6 route cache after the refused flush"
}

@test "--flush-all by nobody with the file capability cap_net_admin+p: the route caches too" {
	local d

	d=$(mktemp -d /tmp/esa-arpshow-bats.XXXXXX)
	chmod 755 "$d"
	cp "$ARPSHOW" "$d/esa-arpshow" && chmod 755 "$d/esa-arpshow"
	if ! setcap cap_net_admin+p "$d/esa-arpshow"; then
		rm -rf "$d"
		skip "no file capabilities on $d's file system"
	fi
	big_pings
	[ -n "$(cache "$A" -6)" ]
	run --separate-stderr in_ns "$A" setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$d/esa-arpshow" --flush-all
	rm -rf "$d"
	esa_status 0
	esa_no_stderr
	esa_eq "$(ip -n "$A" neigh show | grep -vc PERMANENT)" 0 "dynamic entries left"
	esa_eq "$(cache "$A" -6)" "" "ip -6 route show cache after the flush"
	esa_eq "$(cache "$A" -4)" "" "ip route show cache after the flush"
}

@test "--flush-all: the exceptions under each nexthop of an ECMP group, all deleted" {
	local i

	# R answers on a second address too; C's 16 addresses spread over both paths (all
	# on one: 2 chances in 65536)
	ip -n "$R" addr add 2001:db8::3/64 dev r0 nodad
	ip -n "$A" nexthop add id 1 via 2001:db8::2 dev a0
	ip -n "$A" nexthop add id 2 via 2001:db8::3 dev a0
	ip -n "$A" nexthop add id 3 group 1/2
	ip -n "$A" -6 route replace 2001:db8:2::/64 nhid 3
	in_ns "$A" ping -n -q -c 1 -W 2 2001:db8::3 > /dev/null
	for i in $(seq 31 46); do
		ip -n "$C" addr add "2001:db8:2::$i/64" dev c0 nodad
		in_ns "$A" ping -n -q -6 -c 2 -i 0.2 -W 1 -M "do" -s 1400 "2001:db8:2::$i" > /dev/null || :
	done
	run ip -n "$A" -6 -j route show cache
	esa_status 0
	esa_eq "$(jq -r '[.[].gateway] | unique | join(" ")' <<< "$output")" \
		"2001:db8::2 2001:db8::3" "the exceptions' gateways before (ip -6 route show cache)"
	run --separate-stderr arpshow "$A" --flush-all
	esa_status 0
	esa_no_stderr
	esa_eq "$(cache "$A" -6)" "" "ip -6 route show cache after the flush"
}

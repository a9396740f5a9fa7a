# SPDX-License-Identifier: BSD-2-Clause
# common.bash - the topology of esa-netstat's interface, route and traffic suites
# (routes.bats, interfaces.bats, traffic.bats), loaded after ../lib.
#
# Topology (ns_topology):
#   ns A: a0 02:00:00:00:0a:01 alias "Data 1" 192.0.2.1/24 2001:db8::1/64  <-veth->
#   ns B: b0 02:00:00:00:0b:01 192.0.2.2/24 2001:db8::2/64
#   A: a1 02:00:00:00:0a:02 198.51.100.1/24  <-> B: b1 198.51.100.2/24
#   A: a2 02:00:00:00:0a:03, left down       <-> B: b2
# ns_routes adds to A's main table one route of each kind (see there).
# A has its own /etc/hosts (names for 192.0.2.2 and 203.0.113.7) and a resolver that
# answers nothing at once (127.0.0.1 in A, where no server listens), so that runs
# without -n look names up deterministically and without DNS traffic.

A_MAC=02:00:00:00:0a:01
B_MAC=02:00:00:00:0b:01
# EUI-64 link-local address of b0 (addr_gen_mode 0 is set below)
B_LL=fe80::ff:fe00:b01

ns_setup() {
	esa_need_root
	NETSTAT=$(esa_bin esa-netstat) || return 1
}

# in_ns NS COMMAND...: COMMAND inside NS, bounded in time.
in_ns() {
	local ns=$1

	shift
	ip netns exec "$ns" timeout "$ESA_TIMEOUT" "$@"
}

# netstat NS ARGS...: the program under test inside NS.
netstat() {
	local ns=$1

	shift
	in_ns "$ns" "$NETSTAT" "$@"
}

has_addr() {
	ip -n "$1" -j addr show dev "$2" |
		jq -e --arg a "$3" '[.[].addr_info[].local] | index($a) != null' > /dev/null
}

ns_topology() {
	local ns

	A=$(esa_ns_new a) && B=$(esa_ns_new b) || return 1
	for ns in "$A" "$B"; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.addr_gen_mode=0 \
			> /dev/null || return 1
	done
	mkdir -p "/etc/netns/$A" || return 1
	printf '192.0.2.2 gw.example.net\n203.0.113.7 host7.with-a-long-name.example.net\n' \
		> "/etc/netns/$A/hosts"
	printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' > "/etc/netns/$A/resolv.conf"
	esa_veth "$A" a0 "$B" b0 "$A_MAC" "$B_MAC" || return 1
	esa_veth "$A" a1 "$B" b1 02:00:00:00:0a:02 02:00:00:00:0b:02 || return 1
	esa_veth "$A" a2 "$B" b2 02:00:00:00:0a:03 02:00:00:00:0b:03 || return 1
	ip -n "$A" link set a2 down
	ip -n "$A" link set a0 alias "Data 1"
	ip -n "$A" -batch - <<-EOF || return 1
		addr add 192.0.2.1/24 dev a0
		addr add 2001:db8::1/64 dev a0 nodad
		addr add 198.51.100.1/24 dev a1
	EOF
	ip -n "$B" -batch - <<-EOF || return 1
		addr add 192.0.2.2/24 dev b0
		addr add 2001:db8::2/64 dev b0 nodad
		addr add 198.51.100.2/24 dev b1
	EOF
	esa_wait_for 5 has_addr "$B" b0 "$B_LL"
}

# ns_routes: in A's main table, besides the connected routes: a default route, a
# host route, blackhole, unreachable and prohibit routes, a multipath route; IPv6
# routes through a link-local and a global gateway (one expiring), a multipath one,
# a blackhole, a long destination and a default route (which Linux dumps last).
ns_routes() {
	ip -n "$A" -batch - <<-EOF
		route add default via 192.0.2.2 dev a0
		route add 203.0.113.7 via 192.0.2.2 dev a0 proto static
		route add blackhole 203.0.113.128/25
		route add unreachable 203.0.113.64/26
		route add prohibit 203.0.113.32/27
		route add 203.0.113.0/28 nexthop via 192.0.2.2 dev a0 nexthop via 198.51.100.2 dev a1
		route add 2001:db8:1::/48 via $B_LL dev a0
		route add 2001:db8:2::/48 via 2001:db8::2 dev a0 expires 600
		route add 2001:db8:3::/48 nexthop via 2001:db8::2 dev a0 nexthop via $B_LL dev a0
		route add blackhole 2001:db8:dead::/48
		route add 2001:db8:aaaa:bbbb:cccc::/80 via 2001:db8::2 dev a0
		route add default via 2001:db8::2 dev a0
	EOF
	# the link-local addresses of a0 and a1 have their local routes once DAD is over
	esa_wait_for 5 sh -c "[ -z \"\$(ip -n $A -6 addr show tentative)\" ]"
}

ns_teardown() {
	[ -n "${A:-}" ] && rm -rf "/etc/netns/$A"
	esa_cleanup
}

#!/bin/sh
# record.sh - records the netlink fixtures of tests/data/nl/ from a namespace whose
# content is known (so each fixture's expected values are written in the tests by
# hand from this script, not from the tools' output). Run as root from the top of the
# tree after `make`: sh tests/data/nl/record.sh build/tests/nlrec [TABLE...]
# TABLE: link neigh4 neigh6 ntable4 ntable6 tcp4 tcp6 route4 route6 addr genl ethmodes ethstate
# ethinfo vlan; none = all of them (record
# only the ones you need: the others would change, and their tests with them).
set -eu
rec=$1
shift
tables=${*:-link neigh4 neigh6 ntable4 ntable6 tcp4 tcp6 route4 route6 addr genl ethmodes ethstate ethinfo vlan}
out=$(dirname "$0")
ns=esa-rec-$$
trap 'kill $lpid 2>/dev/null; ip netns del $ns 2>/dev/null' EXIT
lpid=
ip netns add $ns
ip netns exec $ns sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
ip -n $ns link set lo up
ip -n $ns link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip -n $ns link set v0 up
ip -n $ns link set v1 up
ip -n $ns link set v0 alias "Data 1"
# genl: every generic netlink family (ethtool among them); ethmodes, ethstate, ethinfo:
# the ethtool dumps of esa-etherconfig media, where veth says 10000 Mb/s, full duplex,
# autonegotiation off, link up on v0 and v1 (lo has no ethtool link settings)
ip -n $ns addr add 192.0.2.1/24 dev v0
ip -n $ns addr add 2001:db8::1/64 dev v0 nodad
# base reachable time 1 h: the kernel draws reachable time in [30 min, 90 min]
ip -n $ns ntable change name arp_cache dev v0 base_reachable 3600000
ip -n $ns neigh add 192.0.2.11 lladdr 02:00:00:00:00:0b dev v0 nud permanent
ip -n $ns neigh add 192.0.2.12 lladdr 02:00:00:00:00:0c dev v0 nud stale
ip -n $ns neigh add 192.0.2.13 dev v0 nud incomplete
ip -n $ns neigh add 192.0.2.14 lladdr 02:00:00:00:00:0e dev v0 nud reachable
ip -n $ns neigh add 2001:db8::11 lladdr 02:00:00:00:00:1b dev v0 nud permanent router
ip -n $ns neigh add fe80::5 lladdr 02:00:00:00:00:05 dev v0 nud stale
# TCP listeners (tcp4, tcp6): 192.0.2.1:6080 and 127.0.0.1:60001; [2001:db8::1]:8081
# IPv6 only; [::]:4431 dual stack; and a socket that is not listening (bound only).
ready=$(mktemp -u)
ip netns exec $ns python3 -c '
import os, socket, sys, time
keep = []
for fam, addr, port, v6only, listen in (
        (socket.AF_INET, "192.0.2.1", 6080, 0, 1), (socket.AF_INET, "127.0.0.1", 60001, 0, 1),
        (socket.AF_INET6, "2001:db8::1", 8081, 1, 1), (socket.AF_INET6, "::", 4431, 0, 1),
        (socket.AF_INET, "192.0.2.1", 7000, 0, 0)):
    s = socket.socket(fam, socket.SOCK_STREAM)
    if fam == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    s.bind((addr, port))
    if listen:
        s.listen(16)
    keep.append(s)
open(sys.argv[1], "w").close()
time.sleep(60)
' "$ready" &
lpid=$!
while [ ! -e "$ready" ]; do sleep 0.1; done
rm -f "$ready"
for t in $tables; do
	case $t in route4 | route6 | addr | vlan) continue ;; esac
	ip netns exec $ns "$rec" $t > "$out/$t.bin"
done
# esa-netstat's routes and addresses, added after the tables above were read so that
# those see the namespace as they always did: v1 (index 2) gets 198.51.100.1/24, the
# main table one route of each kind, IPv4 and IPv6, multipath included.
ip -n $ns addr add 198.51.100.1/24 dev v1
ip -n $ns -batch - <<EOF
route add default via 192.0.2.254 dev v0
route add 203.0.113.7 via 192.0.2.254 dev v0 proto static
route add blackhole 203.0.113.128/25
route add unreachable 203.0.113.64/26
route add prohibit 203.0.113.32/27
route add 203.0.113.0/28 nexthop via 192.0.2.254 dev v0 nexthop via 198.51.100.254 dev v1
route add 2001:db8:1::/48 via fe80::1 dev v0
route add 2001:db8:2::/48 via 2001:db8::254 dev v0 expires 600
route add 2001:db8:3::/48 nexthop via 2001:db8::254 dev v0 nexthop via fe80::2 dev v1
route add blackhole 2001:db8:dead::/48
EOF
for t in $tables; do
	case $t in route4 | route6 | addr) ip netns exec $ns "$rec" $t > "$out/$t.bin" ;; esac
done
# vlan (needs 8021q: record it on the stock kernel of make check-vm): a link dump after
# adding, on v0 ("Data 1", index 3), VLAN 34 named v0.34 and VLAN 4094 named "voice"
# with the alias "Voice", both MTU 1500.
case " $tables " in
*" vlan "*)
	ip -n $ns link add link v0 name v0.34 type vlan id 34
	ip -n $ns link add link v0 name voice type vlan id 4094
	ip -n $ns link set voice alias "Voice"
	ip netns exec $ns "$rec" link > "$out/vlan.bin"
	;;
esac

#!/bin/sh
# record.sh - records the netlink fixtures of tests/data/nl/ from a namespace whose
# content is known (so each fixture's expected values are written in the tests by
# hand from this script, not from the tools' output). Run as root from the top of the
# tree after `make`: sh tests/data/nl/record.sh build/tests/nlrec
set -eu
rec=$1
out=$(dirname "$0")
ns=esa-rec-$$
trap 'ip netns del $ns 2>/dev/null' EXIT
ip netns add $ns
ip netns exec $ns sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
ip -n $ns link set lo up
ip -n $ns link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
ip -n $ns link set v0 up
ip -n $ns link set v1 up
ip -n $ns link set v0 alias "Data 1"
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
for t in link neigh4 neigh6 ntable4 ntable6; do
	ip netns exec $ns "$rec" $t > "$out/$t.bin"
done

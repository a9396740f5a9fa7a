#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# demo.sh - `make demo`: the tools on this machine's live tables, then, as root, on a
# scratch network namespace holding one neighbour entry of each kind, beside `ip`.
set -u
b=${ESA_BUILD:-build}

# What the demo makes goes whichever way it ends: at its end, on an error, on SIGHUP,
# SIGINT or SIGTERM, and when its reader goes away (`make demo | head`: SIGPIPE at the
# next write). A shell that a signal kills runs no EXIT trap, so those signals are
# trapped too, and end it (128 + the signal's number) once all is removed.
ns='' pd=''
cleanup() {
	if [ -n "$ns" ]; then
		# what the demo started inside ends with it (ip netns del kills nothing)
		# shellcheck disable=SC2046 # one word a PID
		kill $(ip netns pids "$ns" 2> /dev/null) 2> /dev/null
		ip netns del "$ns" 2> /dev/null
	fi
	[ -z "$pd" ] || rm -rf "$pd"
}
on_signal() {
	trap '' HUP INT TERM PIPE
	cleanup
	trap - EXIT
	exit "$1"
}
trap cleanup EXIT
trap 'on_signal 129' HUP
trap 'on_signal 130' INT
trap 'on_signal 141' PIPE
trap 'on_signal 143' TERM

run() {
	printf '\n$ %s\n' "$*"
	"$@"
}

echo "== this machine"
run "$b/esa-arpshow" -n
run "$b/esa-ndpshow" -n
run "$b/esa-netstat" -an
run "$b/esa-netstat" -i
run "$b/esa-netstat" -rn
run "$b/esa-netstat" -Ln
run "$b/esa-netstat" -w 1 -c 2
# the legend's data file from the source tree (make install puts it in DATADIR)
ESA_SERVICES=${ESA_SERVICES:-$(dirname "$0")/../bin/esa-tcpservices/services}
export ESA_SERVICES
run "$b/esa-tcpservices" -n
run "$b/esa-etherconfig" media
run "$b/esa-etherconfig" vlan
run "$b/esa-etherconfig" loopback
run "$b/esa-etherconfig" mtu
# as a user, this needs net.ipv4.ping_group_range to hold the user's group (else it
# says so, naming CAP_NET_RAW); loopback only
run "$b/esa-ping" -c 3 -i 0.2 127.0.0.1
run "$b/esa-ping6" -c 3 -i 0.2 ::1
# a trace to this machine itself: one hop, nothing leaves it
run "$b/esa-traceroute" 127.0.0.1
run "$b/esa-traceroute6" -n -q 1 ::1

# esa-pcap: a two-second capture on loopback while pinging it, in a scratch capture
# directory and settings file (never /var/lib or /etc), then its listing and status.
if [ "$(id -u)" -eq 0 ]; then
	pd=$(mktemp -d)
	ping -q -c 8 -i 0.2 127.0.0.1 > /dev/null 2>&1 &
	run "$b/esa-pcap" -D "$pd/captures" -C "$pd/esa-pcap.conf" run -i lo -f icmp -t 2s
	wait
	run "$b/esa-pcap" -D "$pd/captures" list
	run "$b/esa-pcap" -D "$pd/captures" -C "$pd/esa-pcap.conf" status
	rm -rf "$pd"
	pd=''
fi

# named before it exists, so that a signal while it is made still removes it
if [ "$(id -u)" -eq 0 ]; then
	ns=esa-demo-$$
	ip netns add "$ns" 2> /dev/null || ns=''
fi
if [ -z "$ns" ]; then
	echo
	echo "(run as root to see every kind of entry in a scratch namespace)"
	exit 0
fi
in_ns() { ip netns exec "$ns" "$@"; }

# Two ends of a veth pair in one namespace: a0 "Data 1" (192.0.2.1) and a1 (192.0.2.2).
in_ns sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
ip -n "$ns" link set lo up
ip -n "$ns" link add a0 address 02:00:00:00:0a:01 type veth peer name a1 address 02:00:00:00:0a:02
ip -n "$ns" link set a0 alias "Data 1"
ip -n "$ns" link set a0 up
ip -n "$ns" link set a1 up
ip -n "$ns" addr add 192.0.2.1/24 dev a0
ip -n "$ns" addr add 2001:db8::1/64 dev a0 nodad
ip -n "$ns" neigh add 192.0.2.10 lladdr 02:00:00:00:00:0a dev a0 nud permanent
ip -n "$ns" neigh add 192.0.2.11 lladdr 02:00:00:00:00:0b dev a0 nud stale
ip -n "$ns" neigh add 192.0.2.12 dev a0 nud incomplete
ip -n "$ns" neigh add 192.0.2.13 lladdr 02:00:00:00:00:0d dev a0 nud reachable
ip -n "$ns" neigh add 2001:db8::10 lladdr 02:00:00:00:00:1a dev a0 nud permanent router
ip -n "$ns" neigh add 2001:db8::11 lladdr 02:00:00:00:00:1b dev a0 nud reachable
ip -n "$ns" neigh add fe80::12 lladdr 02:00:00:00:00:1c dev a0 nud stale

echo
echo "== a scratch namespace (documentation addresses only, nothing is sent)"
run in_ns "$b/esa-arpshow" -n
run in_ns "$b/esa-arpshow" -n -i "Data 1" 192.0.2.13
run in_ns "$b/esa-arpshow" -n 192.0.2.99
run in_ns "$b/esa-arpshow" -n -4 -j
run in_ns ip neigh show
run in_ns "$b/esa-arpshow" --flush
run in_ns "$b/esa-arpshow" -n
run in_ns "$b/esa-etherconfig" media
run in_ns ethtool a0
run in_ns "$b/esa-etherconfig" mtu -j
run in_ns "$b/esa-etherconfig" vlan
run in_ns "$b/esa-etherconfig" loopback
run in_ns "$b/esa-etherconfig" multicast

# esa-smtpping against a scripted SMTP server on the namespace's own address (the
# integration suite's, in its well-behaved mode); Postfix is left to the tests.
if command -v python3 > /dev/null 2>&1; then
	ip netns exec "$ns" python3 "$(dirname "$0")/integration/esa-smtpping/hostile.py" \
		plain 192.0.2.1 2525 &
	sp=$!
	i=0
	until in_ns ss -ltn | grep -q '192.0.2.1:2525 ' || [ "$i" -ge 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	run in_ns "$b/esa-smtpping" -n -p 2525 -H demo.example.net -d 192.0.2.1
	run in_ns "$b/esa-smtpping" -n -p 2525 -H demo.example.net -c 3 -i 0 192.0.2.1
	kill "$sp" 2> /dev/null
	wait "$sp" 2> /dev/null
else
	echo
	echo "(esa-smtpping skipped: its demo server needs python3)"
fi

# esa-cli: a scripted session through a pipe (answers line by line, no prompt): the
# commands, then netstat's menu with 2 and its dropped packets question, then 3.
printf '\n$ printf %s | esa-cli\n' "'help\\nnetstat\\n2\\ny\\nnetstat\\n3\\nquit\\n'"
printf 'help\nnetstat\n2\ny\nnetstat\n3\nquit\n' | in_ns "$b/esa-cli"
exit 0

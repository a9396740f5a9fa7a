#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# capture.bats - what lands in the file: packet counts against what was sent, read by
# tcpdump and tshark; the filter, -H and -p; several interfaces.

load ../lib
load common

setup() {
	pcap_setup
}

listening() {
	[ -n "$(in_b ss -Hltn "sport = :$1")" ]
}

teardown() {
	pcap_teardown
}

@test "ping: every echo request and reply is in the file, for tcpdump and tshark" {
	start_capture -i b0
	pings 25
	run pcap stop
	esa_status 0
	[ "$(count "$D/$FILE")" -eq 50 ]
	[ "$(tshark_count "$D/$FILE")" -eq 50 ]
	[ "$(count "$D/$FILE" icmp)" -eq 50 ]
	# the summary counts what the file holds
	[[ $output == *"50 packets captured"* ]]
	[[ $output == *"0 packets dropped by kernel"* ]]
}

@test "UDP: the datagrams sent are the packets in the file" {
	start_capture -i b0 -f udp
	udp_send 40
	run pcap stop
	esa_status 0
	[ "$(count "$D/$FILE")" -eq 40 ]
	[ "$(count "$D/$FILE" udp dst port 9)" -eq 40 ]
	[ "$(tshark_count "$D/$FILE")" -eq 40 ]
}

@test "TCP: the file holds what tcpdump captures beside it" {
	in_b python3 -c '
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("192.0.2.2", 25)); s.listen(5)
for _ in range(3):
    c, _ = s.accept()
    while c.recv(4096): pass
    c.close()
' &
	in_b timeout 30 tcpdump -i b0 -n -w "$BATS_TEST_TMPDIR/peer.pcap" -U tcp port 25 2> /dev/null &
	esa_wait_for 5 listening 25
	start_capture -i b0 -f 'tcp port 25'
	sleep 1	# tcpdump's socket is bound by now too
	for i in 1 2 3; do
		in_a bash -c 'exec 3<> /dev/tcp/192.0.2.2/25; head -c 20000 /dev/zero >&3; exec 3>&-'
	done
	sleep 1
	run pcap stop
	esa_status 0
	pkill -INT -f "tcpdump -i b0 -n -w $BATS_TEST_TMPDIR/peer.pcap" || :
	wait
	local ours peer
	ours=$(count "$D/$FILE")
	peer=$(count "$BATS_TEST_TMPDIR/peer.pcap")
	[ "$ours" -ge 15 ]
	esa_eq "$ours" "$peer" "TCP packet count (ours vs tcpdump)"
	[ "$(count "$D/$FILE" 'tcp[tcpflags] & tcp-syn != 0')" -eq 6 ]
}

@test "-f: only matching packets are written" {
	start_capture -i b0 -f 'icmp[icmptype] == icmp-echo'
	udp_send 10
	pings 5
	pcap stop > /dev/null
	# neither the datagrams, nor B's port unreachables, nor the replies
	[ "$(count "$D/$FILE")" -eq 5 ]
	[ "$(count "$D/$FILE" 'icmp[icmptype] == icmp-echo and src 192.0.2.1')" -eq 5 ]
}

@test "-H and -p: hosts OR'ed, ports OR'ed, the two AND'ed, then AND -f" {
	ip -n "$A" addr add 192.0.2.11/24 dev a0
	ip -n "$A" addr add 192.0.2.12/24 dev a0
	ip -n "$B" neigh add 192.0.2.11 lladdr 02:00:00:00:0a:01 dev b0 nud permanent
	ip -n "$B" neigh add 192.0.2.12 lladdr 02:00:00:00:0a:01 dev b0 nud permanent
	start_capture -i b0 -H 192.0.2.1 -H 192.0.2.11 -p 9 -p 25 -f udp
	run pcap status -j
	esa_eq "$(jq -r .settings.filter <<< "$output")" \
		"(udp) and (host 192.0.2.1 or host 192.0.2.11) and (port 9 or port 25)"
	local src port
	for src in 192.0.2.1 192.0.2.11 192.0.2.12; do
		for port in 9 25 53; do
			in_a python3 -c "
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('$src', 0))
for i in range(2): s.sendto(b'y', ('192.0.2.2', $port))"
		done
	done
	pings 3
	pcap stop > /dev/null
	# 2 datagrams per (source, port): sources .1 and .11 on ports 9 and 25 pass
	[ "$(count "$D/$FILE")" -eq 8 ]
	[ "$(count "$D/$FILE" src 192.0.2.11)" -eq 4 ]
	[ "$(count "$D/$FILE" src 192.0.2.12)" -eq 0 ]
	[ "$(count "$D/$FILE" src 192.0.2.1)" -eq 4 ]
	[ "$(count "$D/$FILE" port 53)" -eq 0 ]
	[ "$(count "$D/$FILE" icmp)" -eq 0 ]
}

@test "several interfaces: any, restricted to their indexes" {
	esa_veth "$A" a1 "$B" b1
	ip -n "$A" addr add 198.51.100.1/24 dev a1
	ip -n "$B" addr add 198.51.100.2/24 dev b1
	ip netns exec "$A" sysctl -qw net.ipv6.conf.a1.disable_ipv6=1
	ip netns exec "$B" sysctl -qw net.ipv6.conf.b1.disable_ipv6=1
	ip -n "$A" neigh add 198.51.100.2 lladdr "$(ip -n "$B" -br link show b1 | awk '{print $3}')" dev a1 nud permanent
	ip -n "$B" neigh add 198.51.100.1 lladdr "$(ip -n "$A" -br link show a1 | awk '{print $3}')" dev b1 nud permanent
	start_capture -i b0,b1 -f icmp
	pings 4
	in_a ping -q -c 3 -i 0.02 198.51.100.2 > /dev/null
	# traffic on lo inside B is not on the list
	in_b ping -q -c 5 -i 0.02 127.0.0.1 > /dev/null
	pcap stop > /dev/null
	[ "$(count "$D/$FILE")" -eq 14 ]
	[ "$(count "$D/$FILE" host 127.0.0.1)" -eq 0 ]
	[ "$(tshark_count "$D/$FILE")" -eq 14 ]
	# the link type carries the interface index (SLL2): b0's and b1's, nothing else
	esa_sets_eq "$(tshark -r "$D/$FILE" -T fields -e sll.ifindex 2> /dev/null | sort -u)" \
		"$(printf '%s\n' "$(in_b cat /sys/class/net/b0/ifindex)" \
		"$(in_b cat /sys/class/net/b1/ifindex)")" "interface indexes in the file"
	[ "$(tshark -r "$D/$FILE" -T fields -e sll.ifindex 2> /dev/null | grep -c .)" -eq 14 ]
}

@test "-i takes an alias: captured on its interface, shown in status and JSON, saved by setup" {
	ip -n "$B" link set b0 alias "Data 1"
	start_capture -i "Data 1" -f icmp
	pings 2
	run --separate-stderr pcap status
	esa_status 0
	[[ $output == *"Capture Interfaces:     Data 1"* ]]
	esa_eq "$(status_json .settings.interfaces)" "Data 1"
	pcap stop > /dev/null
	esa_eq "$(count "$D/$FILE")" 4
	# named by its kernel name, shown by its alias, as ip link shows it
	sleep 1
	start_capture -i b0
	esa_eq "$(status_json .settings.interfaces)" "$(ip -n "$B" -j link show b0 | jq -r '.[0].ifalias')"
	pcap stop > /dev/null
	# setup stores it as given, and the saved setting names the interface
	run --separate-stderr pcap setup -i "Data 1"
	esa_status 0
	grep -qx 'interface = Data 1' "$CONF"
	sleep 1
	start_capture -f icmp
	pings 1
	pcap stop > /dev/null
	esa_eq "$(count "$D/$FILE")" 2
}

@test "aliases that cannot be named: one line each, nothing started" {
	local alias long
	ip -n "$B" link set b0 alias "Data,1"
	run --separate-stderr pcap start -i "Data,1"
	esa_status 2
	[ -z "$output" ]
	esa_eq "$stderr" "esa-pcap: Data,1: an alias holding ',' cannot be named: use b0"
	# shown by its kernel name, which the state file can carry
	start_capture -i b0
	esa_eq "$(status_json .settings.interfaces)" b0
	pcap stop > /dev/null
	ip -n "$B" link set b0 alias "$(printf 'a\nb')"
	run --separate-stderr pcap start -i "$(printf 'a\nb')"
	esa_status 2
	esa_eq "${stderr_lines[0]}" 'esa-pcap: -i: control character in value: a\012b'
	# the longest alias the kernel takes (255 bytes)
	long=$(printf 'x%.0s' $(seq 255))
	ip -n "$B" link set b0 alias "$long"
	start_capture -i "$long"
	esa_eq "$(status_json .settings.interfaces)" "$long"
	pcap stop > /dev/null
	run --separate-stderr pcap start -i " $long"
	esa_status 2
	[[ ${stderr_lines[0]} == "esa-pcap: -i: item is too long: "* ]]
	run --separate-stderr pcap start -i " Data 1"
	esa_status 2
	esa_eq "${stderr_lines[0]}" "esa-pcap: -i: an alias with blanks at either end cannot be named:  Data 1"
	[ -z "$(pcap list -j | jq -r '.[] | select(.running) | .file')" ]
}

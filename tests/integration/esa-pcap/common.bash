# SPDX-License-Identifier: BSD-2-Clause
# common.bash - what the esa-pcap suites share: two namespaces joined by a veth pair
# (A 192.0.2.1 on a0, B 192.0.2.2 on b0, the capture runs in B), known traffic, and
# readers of the capture files (tcpdump -r, tshark -r: the trusted peers).

pcap_setup() {
	esa_need_root
	PCAP=$(readlink -f "$(esa_bin esa-pcap)")	# absolute: some tests cd
	A=$(esa_ns_new a)
	B=$(esa_ns_new b)
	esa_veth "$A" a0 "$B" b0 02:00:00:00:0a:01 02:00:00:00:0b:01
	ip -n "$A" addr add 192.0.2.1/24 dev a0
	ip -n "$B" addr add 192.0.2.2/24 dev b0
	# static neighbours: no ARP packet ever lands in a count
	ip -n "$A" neigh add 192.0.2.2 lladdr 02:00:00:00:0b:01 dev a0 nud permanent
	ip -n "$B" neigh add 192.0.2.1 lladdr 02:00:00:00:0a:01 dev b0 nud permanent
	# IPv6 stays off the link: no router solicitations or MLD reports in a count
	ip netns exec "$A" sysctl -qw net.ipv6.conf.a0.disable_ipv6=1
	ip netns exec "$B" sysctl -qw net.ipv6.conf.b0.disable_ipv6=1
	D=$BATS_TEST_TMPDIR/cap
	CONF=$BATS_TEST_TMPDIR/esa-pcap.conf
	mkdir -p "$D"
	chmod 0755 "$BATS_TEST_TMPDIR"
}

pcap_teardown() {
	esa_cleanup
	mountpoint -q "$D" 2> /dev/null && umount "$D"
	mountpoint -q "$BATS_TEST_TMPDIR/layers" 2> /dev/null && umount "$BATS_TEST_TMPDIR/layers"
	return 0
}

# pcap ARGS...: esa-pcap in B with this test's directory and settings file.
pcap() {
	ip netns exec "$B" "$PCAP" -D "$D" -C "$CONF" "$@"
}

# in_a / in_b COMMAND...: a command in namespace A or B.
in_a() { ip netns exec "$A" "$@"; }
in_b() { ip netns exec "$B" "$@"; }

# pings N: N echo requests A -> B, 20 ms apart (2 N packets on the link).
pings() {
	in_a ping -q -c "$1" -i 0.02 -W 1 192.0.2.2 > /dev/null
}

# udp_send N [PORT]: N UDP datagrams A -> B port PORT (default 9), no reply expected.
udp_send() {
	in_a bash -c 'for i in $(seq "$1"); do echo "datagram $i" > /dev/udp/192.0.2.2/"$2"; done' \
		udp_send "$1" "${2:-9}"
}

# flood SECONDS: 1042-byte echo requests, about a thousand a second (a veth takes 200k
# a second of ping -f: 200 MB, the default size limit), for about SECONDS.
flood() {
	in_a timeout "$1" ping -q -i 0.001 -s 1000 192.0.2.2 > /dev/null 2>&1 || :
}

# count FILE [FILTER...]: packets tcpdump reads in FILE; fails when tcpdump complains
# (a torn record: "truncated dump file").
count() {
	local f=$1 out err
	shift
	# SLL2 files (several interfaces) carry indexes; tcpdump warns that names may differ
	err=$(tcpdump -n -r "$f" "$@" 2>&1 > /dev/null |
		grep -v '^reading from file\|^Warning: interface names might be incorrect')
	if [ -n "$err" ]; then
		echo "tcpdump -r $f: $err" >&2
		return 1
	fi
	tcpdump -n -r "$f" "$@" 2> /dev/null | wc -l
}

# tshark_count FILE: packets tshark reads in FILE; fails on any complaint.
tshark_count() {
	local out
	out=$(tshark -n -r "$1" -T fields -e frame.number 2> "$BATS_TEST_TMPDIR/tshark.err") || {
		cat "$BATS_TEST_TMPDIR/tshark.err" >&2
		return 1
	}
	if grep -v 'Running as user "root"\|^ *$\|This could be dangerous' "$BATS_TEST_TMPDIR/tshark.err" | grep -q .; then
		cat "$BATS_TEST_TMPDIR/tshark.err" >&2
		return 1
	fi
	printf '%s\n' "$out" | grep -c . || :	# grep -c says 0 with status 1
}

# readable FILE: tcpdump and tshark both read FILE to its end without complaint.
readable() {
	count "$1" > /dev/null && tshark_count "$1" > /dev/null
}

# caps: the capture files in $D, one name a line, oldest first.
caps() {
	# shellcheck disable=SC2010 # ls sorts the names (stamps: oldest first); ours, no odd characters
	ls "$D" | grep '\.cap$' || :
}

# status_json KEY: a key of `status -j` (jq syntax, e.g. .pid).
status_json() {
	pcap status -j | jq -r "$1"
}

# gone PID: PID has ended, every thread of it: reaped, or a zombie whose threads are all
# gone (the process that reaps an orphan, PID 1 or a subreaper, may take its time; a
# zombie leader whose writer thread is still on its way out holds its files, the lock
# among them, until that thread is gone too).
gone() {
	kill -0 "$1" 2> /dev/null || return 0
	local tasks
	tasks=$(ls "/proc/$1/task" 2> /dev/null) || return 0
	[ "$tasks" = "$1" ] && [ "$(awk '$1 == "State:" { print $2 }' "/proc/$1/status" 2> /dev/null)" = Z ]
}

# not_running: no capture holds the directory's lock.
not_running() {
	! pcap status > /dev/null
}

# start_capture ARGS...: starts a capture, FILE gets its name.
start_capture() {
	run --separate-stderr pcap start "$@"
	esa_status 0
	FILE=$output
	[ -f "$D/$FILE" ]
}

# has_caps: a capture file exists in $D.
has_caps() {
	[ -n "$(caps)" ]
}

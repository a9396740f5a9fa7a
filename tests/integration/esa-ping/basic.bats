#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# basic.bats - esa-ping between two namespaces: FreeBSD's format, the options, JSON,
# signals, exit statuses, and counts and times against iputils ping on the same path.

load ../lib
load common

setup() {
	ping_setup
	ping_two
}

teardown() {
	esa_cleanup
	[ -z "${NOBODY_DIR:-}" ] || rm -rf "$NOBODY_DIR"
}

@test "v4: three replies in FreeBSD's format, statistics matching them" {
	run --separate-stderr in_ns "$A" "$PING" -n -c 3 -i 0.2 192.0.2.2
	esa_status 0
	esa_no_stderr
	esa_golden basic4 "$(norm <<< "$output")"
	stats_consistent "$output"
}

@test "v6: esa-ping6 and esa-ping -6 print FreeBSD's ping6" {
	run --separate-stderr in_ns "$A" "$PING6" -n -c 3 -i 0.2 2001:db8::2
	esa_status 0
	esa_no_stderr
	esa_golden basic6 "$(norm <<< "$output")"
	stats_consistent "$output"
	run --separate-stderr in_ns "$A" "$PING" -6 -n -c 3 -i 0.2 2001:db8::2
	esa_status 0
	esa_golden basic6 "$(norm <<< "$output")"
}

@test "names: the header keeps the name; a name with IPv4 and IPv6 goes over IPv4" {
	grep -qE '^127\.0\.0\.1[[:space:]]+localhost' /etc/hosts || skip "no localhost in /etc/hosts"
	run --separate-stderr in_ns "$A" "$PING" -c 1 localhost
	esa_status 0
	esa_eq "${lines[0]}" "PING localhost (127.0.0.1): 56 data bytes"
	esa_eq "${lines[2]}" "--- localhost ping statistics ---"
	# an IPv6 literal needs no -6
	run --separate-stderr in_ns "$A" "$PING" -n -c 1 2001:db8::2
	esa_status 0
	esa_eq "${lines[0]}" "PING6(56=40+8+8 bytes) 2001:db8::1 --> 2001:db8::2"
}

# FreeBSD ping6's -v (sbin/ping/ping6.c pr_pack()): " dst=" and the address the reply
# came to (IPV6_PKTINFO), with its zone when link-local; on both socket kinds
@test "-v, IPv6: dst= names the address each reply came to" {
	local ll

	run --separate-stderr in_ns "$A" "$PING6" -n -v -c 1 2001:db8::2
	esa_status 0
	[[ ${lines[1]} =~ ^16\ bytes\ from\ 2001:db8::2,\ icmp_seq=0\ hlim=64\ dst=2001:db8::1\ time=[0-9]+\.[0-9]{3}\ ms$ ]]
	# without -v, no dst=
	run --separate-stderr in_ns "$A" "$PING6" -n -c 1 2001:db8::2
	[[ ${lines[1]} =~ hlim=64\ time= ]]
	ll=$(ip -n "$B" -6 -o addr show dev b0 scope link | awk '{ sub("/.*", "", $4); print $4 }')
	[ -n "$ll" ]
	run --separate-stderr in_ns "$A" "$PING6" -n -v -c 1 "$ll%a0"
	esa_status 0
	[[ ${lines[1]} =~ \ hlim=64\ dst=fe80::[0-9a-f:]+%a0\ time= ]]
	nobody_copy
	open_ping_group "$A"
	run --separate-stderr as_nobody "$A" "$NPING6" -n -v -c 1 2001:db8::2
	esa_status 0
	[[ ${lines[1]} =~ \ hlim=64\ dst=2001:db8::1\ time= ]]
}

@test "-o: stops at the first reply" {
	run --separate-stderr in_ns "$A" "$PING" -n -o -i 0.2 192.0.2.2
	esa_status 0
	esa_golden once "$(norm <<< "$output")"
}

@test "-t: ends an endless run with the statistics" {
	run --separate-stderr in_ns "$A" "$PING" -n -t 1 -i 0.2 192.0.2.2
	esa_status 0
	stats_consistent "$output"
	tx=$(awk '/packets transmitted/ { print $1 }' <<< "$output")
	[ "$tx" -ge 2 ]
	[ "$tx" -le 7 ]
	run --separate-stderr in_ns "$A" "$PING6" -n -t 1 -i 0.2 2001:db8::2
	esa_status 0
	stats_consistent "$output"
}

@test "-W: no reply (echo ignored by B) exits 1 after the wait, nothing printed for the losses" {
	ip netns exec "$B" sysctl -qw net.ipv4.icmp_echo_ignore_all=1 net.ipv6.icmp.echo_ignore_all=1
	run --separate-stderr in_ns "$A" "$PING" -n -c 2 -i 0.2 -W 300 192.0.2.2
	esa_status 1
	esa_no_stderr
	esa_golden silent
	run --separate-stderr in_ns "$A" "$PING6" -n -c 2 -i 0.2 -W 300 2001:db8::2
	esa_status 1
	grep -qx '2 packets transmitted, 0 packets received, 100.0% packet loss' <<< "$output"
}

@test "-s: 3000 bytes need fragmentation, both families; -s 0 is untimed as FreeBSD" {
	run --separate-stderr in_ns "$A" "$PING" -n -c 2 -i 0.2 -s 3000 192.0.2.2
	esa_status 0
	esa_golden frag4 "$(norm <<< "$output")"
	run --separate-stderr in_ns "$A" "$PING6" -n -c 2 -i 0.2 -s 3000 2001:db8::2
	esa_status 0
	esa_golden frag6 "$(norm <<< "$output")"
	run --separate-stderr in_ns "$A" "$PING" -n -c 2 -i 0.2 -s 0 192.0.2.2
	esa_status 0
	esa_golden size0
	# the largest IPv4 payload still goes out and comes back
	run --separate-stderr in_ns "$A" "$PING" -n -c 1 -s 65507 192.0.2.2
	esa_status 0
	grep -q '^65515 bytes from 192.0.2.2: icmp_seq=0 ttl=64 time=' <<< "$output"
}

@test "no route: IPv4 reports each sendto and exits 2 (nothing sent); IPv6 cannot pick a source, exits 2" {
	run --separate-stderr in_ns "$A" "$PING" -n -c 2 -i 0.2 -W 200 203.0.113.9
	esa_status 2
	esa_eq "$stderr" "esa-ping: sendto: Network is unreachable
esa-ping: sendto: Network is unreachable"
	grep -qx '2 packets transmitted, 0 packets received, 100.0% packet loss' <<< "$output"
	run --separate-stderr in_ns "$A" "$PING6" -n -c 2 2001:db8:9::9
	esa_status 2
	[ -z "$output" ]
	esa_eq "$stderr" "esa-ping6: connect: Network is unreachable"
}

@test "local send failures are named as they happen; none sent is status 2" {
	# an IPv4-mapped address: no IPv6 route to it
	run --separate-stderr in_ns "$A" "$PING6" -n -c 1 ::ffff:192.0.2.2
	esa_status 2
	esa_eq "$stderr" "esa-ping6: sendto: Network is unreachable"
	grep -qx '1 packets transmitted, 0 packets received, 100.0% packet loss' <<< "$output"
	# -D larger than the link's MTU (1500, as ip says), both families
	ip -n "$A" link show a0 | grep -q ' mtu 1500 '
	run --separate-stderr in_ns "$A" "$PING" -n -D -s 2000 -c 2 -i 0.2 192.0.2.2
	esa_status 2
	esa_eq "$stderr" "esa-ping: sendto: Message too long
esa-ping: sendto: Message too long"
	run --separate-stderr in_ns "$A" "$PING6" -n -D -s 2000 -c 1 2001:db8::2
	esa_status 2
	esa_eq "$stderr" "esa-ping6: sendto: Message too long"
	# within the MTU, -D goes out and comes back
	run --separate-stderr in_ns "$A" "$PING" -n -D -s 1400 -c 1 192.0.2.2
	esa_status 0
	esa_no_stderr
}

# responders NS TEXT: the sorted source addresses of the replies in TEXT, from
# "N bytes from ADDR[,:%]" lines (iputils adds %iface and a colon).
responders() {
	sed -nE 's/^[0-9]+ bytes from ([0-9a-f.:]+)[%,:].*/\1/p' <<< "$1" | sort -u
}

@test "a broadcast address: the replies of every member, as iputils ping -b sees them" {
	ip netns exec "$B" sysctl -qw net.ipv4.icmp_echo_ignore_broadcasts=0 > /dev/null
	run --separate-stderr in_ns "$A" "$PING" -n -c 2 -i 0.2 192.0.2.255
	esa_status 0
	esa_no_stderr
	local mine=$output
	run in_ns "$A" ping -n -b -c 2 -i 0.2 192.0.2.255
	esa_status 0
	esa_eq "$(responders "$mine")" "$(responders "$output")" "responders (esa-ping vs ping -b)"
	esa_eq "$(responders "$mine")" 192.0.2.2 responders
	grep -qx '2 packets transmitted, 2 packets received, 0.0% packet loss' <<< "$mine"
}

# ll_ready NS DEV: DEV in NS has its link-local address. A veth takes it only once it
# has carrier, which can come after the test starts (under emulation, after a probe or two).
ll_ready() {
	[ -n "$(ip -n "$1" -6 addr show dev "$2" scope link -tentative)" ]
}

@test "ff02::1 with a scope: every node of the link answers, as iputils ping sees them" {
	esa_wait_for 10 ll_ready "$A" a0
	esa_wait_for 10 ll_ready "$B" b0
	run --separate-stderr in_ns "$A" "$PING6" -n -c 2 -i 0.2 ff02::1%a0
	esa_status 0
	esa_no_stderr
	local mine=$output
	run in_ns "$A" ping -n -6 -c 2 -i 0.2 ff02::1%a0
	esa_status 0
	esa_eq "$(responders "$mine")" "$(responders "$output")" "responders (esa-ping6 vs ping)"
	# A itself and B, by their link-local addresses as ip shows them
	esa_eq "$(responders "$mine")" "$( (ip -n "$A" -6 -j addr show dev a0 scope link;
		ip -n "$B" -6 -j addr show dev b0 scope link) |
		jq -r '.[].addr_info[].local // empty' | sort -u)" "responders (vs ip)"
	grep -q '(DUP!)' <<< "$mine"
}

@test "-j against iputils ping: the responders in address, duplicates marked, rtt_ms of the same order" {
	local mine

	esa_wait_for 10 ll_ready "$A" a0
	esa_wait_for 10 ll_ready "$B" b0
	run --separate-stderr in_ns "$A" "$PING6" -n -j -c 2 -i 0.2 ff02::1%a0
	esa_status 0
	esa_json_vocab lines "ff02::1"
	mine=$output
	run in_ns "$A" ping -n -6 -c 2 -i 0.2 ff02::1%a0
	esa_status 0
	esa_eq "$(jq -r 'select(.type == "reply") | .address | sub("%a0$"; "")' <<< "$mine" |
		sort -u)" "$(responders "$output")" "responders (esa-ping6 -j vs ping)"
	jq -e -s 'any(.[]; .duplicate) and
	    .[-1].duplicates == ([.[] | select(.duplicate)] | length)' <<< "$mine"
	# the summary's min/avg/max are those of the replies' rtt_ms, iputils' of the same order
	run --separate-stderr in_ns "$A" "$PING" -n -j -c 10 -i 0.2 192.0.2.2
	esa_status 0
	mine=$output
	jq -e -s '[.[] | select(.type == "reply") | .rtt_ms] as $t | .[-1] |
	    .min_ms == ($t | min) and .max_ms == ($t | max) and
	    (.avg_ms - ($t | add / length) | fabs) < 0.002' <<< "$mine"
	run in_ns "$A" ping -n -c 10 -i 0.2 192.0.2.2
	esa_status 0
	same_order "$(jq -r 'select(.type == "summary") |
	    "round-trip min/avg/max/stddev = \(.min_ms)/\(.avg_ms)/\(.max_ms)/\(.stddev_ms) ms"' \
		<<< "$mine")" "$output"
}

@test "-q: the header and the statistics only" {
	run --separate-stderr in_ns "$A" "$PING" -n -q -c 2 -i 0.2 192.0.2.2
	esa_status 0
	esa_golden quiet "$(norm <<< "$output")"
}

@test "-j: one JSON object per reply and a summary that counts them" {
	run --separate-stderr in_ns "$A" "$PING" -n -j -c 3 -i 0.2 192.0.2.2
	esa_status 0
	esa_no_stderr
	jq -e -s 'length == 4 and ([.[] | select(.type == "reply")] | length) == 3 and
	    ([.[] | select(.type == "reply") | .seq] == [0, 1, 2]) and
	    all(.[] | select(.type == "reply"); .address == "192.0.2.2" and .ttl == 64 and
	        .size_bytes == 64 and .duplicate == false and (.rtt_ms | type) == "number") and
	    (.[3] | .type == "summary" and .transmitted == 3 and .received == 3 and
	        .loss_percent == 0 and .socket == "raw" and .min_ms <= .avg_ms and
	        .avg_ms <= .max_ms)' <<< "$output"
	run --separate-stderr in_ns "$A" "$PING6" -n -j -c 2 -i 0.2 2001:db8::2
	esa_status 0
	jq -e -s '.[0].ttl == 64 and .[2].received == 2' <<< "$output"
}

# runs esa-ping in the background with its output in files; sets PID
bg_ping() {
	ip netns exec "$A" "$PING" "$@" > "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" &
	PID=$!
}

replies() {
	[ "$(grep -c 'icmp_seq=' "$BATS_TEST_TMPDIR/out")" -ge "$1" ]
}

@test "SIGINT prints the statistics of what was printed; SIGQUIT a status line" {
	bg_ping -n -i 0.2 192.0.2.2
	esa_wait_for 10 replies 2
	kill -QUIT "$PID"
	esa_wait_for 10 grep -q 'packets received' "$BATS_TEST_TMPDIR/err"
	esa_wait_for 10 replies 3
	kill -INT "$PID"
	status=0
	wait "$PID" || status=$?
	output=$(cat "$BATS_TEST_TMPDIR/out")
	esa_status 0
	stats_consistent "$output"
	grep -q '^--- 192.0.2.2 ping statistics ---$' <<< "$output"
	# FreeBSD's check_status() starts the line with a carriage return
	grep -Eq $'^\r[0-9]+/[0-9]+ packets received \\([0-9]+\\.[0-9]%\\) [0-9.]+ min / [0-9.]+ avg / [0-9.]+ max$' \
		"$BATS_TEST_TMPDIR/err"
}

# blocked_in_write PID: PID sleeps in a write to a full pipe
blocked_in_write() {
	grep -q pipe_write "/proc/$1/wchan"
}

@test "SIGINT while stdout is blocked: no write error, no line lost, the statistics" {
	# a reader that does not read yet: esa-ping fills the pipe and sleeps in write(2);
	# a signal handled there would fail the write with EINTR (stdio drops the line)
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	ip netns exec "$A" "$PING" -n -i 0.002 192.0.2.2 > "$BATS_TEST_TMPDIR/fifo" \
		2> "$BATS_TEST_TMPDIR/err" &
	PID=$!
	exec {rfd}< "$BATS_TEST_TMPDIR/fifo"	# bats owns fd 3
	esa_wait_for 30 blocked_in_write "$PID"
	kill -INT "$PID"
	output=$(timeout 30 cat <&"$rfd")
	exec {rfd}<&-
	status=0
	wait "$PID" || status=$?
	esa_status 0
	[ ! -s "$BATS_TEST_TMPDIR/err" ]
	grep -q '^--- 192.0.2.2 ping statistics ---$' <<< "$output"
	stats_consistent "$output"
}

@test "privileges: none left while it runs (nobody, no groups, no capabilities, no new privileges)" {
	local uid gid
	uid=$(id -u nobody)
	gid=$(id -g nobody)
	bg_ping -n -i 0.2 -c 20 192.0.2.2
	esa_wait_for 10 replies 1
	st=$(cat "/proc/$PID/status")
	kill -INT "$PID"
	wait "$PID" || :
	grep -qx $'CapEff:\t0000000000000000' <<< "$st"
	grep -qx $'CapPrm:\t0000000000000000' <<< "$st"
	grep -qx $'CapAmb:\t0000000000000000' <<< "$st"
	grep -qx $'NoNewPrivs:\t1' <<< "$st"
	# root started it: real, effective, saved and file-system ids are nobody's, as id says
	esa_eq "$(grep '^Uid:' <<< "$st")" "Uid:"$'\t'"$uid"$'\t'"$uid"$'\t'"$uid"$'\t'"$uid" Uid
	esa_eq "$(grep '^Gid:' <<< "$st")" "Gid:"$'\t'"$gid"$'\t'"$gid"$'\t'"$gid"$'\t'"$gid" Gid
	esa_eq "$(grep '^Groups:' <<< "$st" | tr -d ' \t')" "Groups:" Groups
}

@test "exit 2: bad options and values, unknown host; nothing on stdout" {
	local args
	for args in "-c 0" "-c -1" "-c 2147483648" "-i nan" "-i 1e309" "-s 10abc" "-W ''" \
	    "-m 256" "-t 0" "-x" "-4 -6" "-4 -s 65508"; do
		eval "run --separate-stderr in_ns \"\$A\" \"\$PING\" $args 192.0.2.2"
		esa_status 2
		[ -z "$output" ]
		[ "$(wc -l <<< "$stderr")" -eq 3 ]	# the reason, then the two usage lines
		[[ $stderr == esa-ping:* ]]
	done
	run --separate-stderr in_ns "$A" "$PING" -n 192.0.2.300
	esa_status 2
	[ -z "$output" ]
	[[ $stderr == "esa-ping: cannot resolve 192.0.2.300: "* ]]
	run --separate-stderr in_ns "$A" "$PING6" -n 192.0.2.2
	esa_status 2
	run --separate-stderr in_ns "$A" "$PING" --help
	esa_status 0
	[[ $output == usage:* ]]
}

@test "unprivileged: nobody with neither socket kind is told about CAP_NET_RAW; -i 0.1 needs privilege" {
	nobody_copy
	run --separate-stderr as_nobody "$A" "$NPING" -n -c 1 192.0.2.2
	esa_status 2
	[ -z "$output" ]
	esa_eq "$stderr" "esa-ping: socket: Operation not permitted (needs CAP_NET_RAW, or a group in net.ipv4.ping_group_range)"
	open_ping_group "$A"
	run --separate-stderr as_nobody "$A" "$NPING" -n -c 1 -i 0.1 192.0.2.2
	esa_status 2
	esa_eq "$stderr" "esa-ping: -i: an interval below 0.2 s needs root or CAP_NET_RAW"
}

@test "datagram path: nobody with ping_group_range opened in the namespace, both families" {
	nobody_copy
	open_ping_group "$A"
	run --separate-stderr as_nobody "$A" "$NPING" -n -c 3 -i 0.2 192.0.2.2
	esa_status 0
	esa_no_stderr
	esa_golden basic4 "$(norm <<< "$output")"
	run --separate-stderr as_nobody "$A" "$NPING6" -n -c 3 -i 0.2 2001:db8::2
	esa_status 0
	esa_golden basic6 "$(norm <<< "$output")"
	run --separate-stderr as_nobody "$A" "$NPING" -n -j -c 1 192.0.2.2
	jq -e -s '.[1].socket == "datagram"' <<< "$output"
	# root takes it too, once the range allows root's group
	run --separate-stderr in_ns "$A" "$PING" -n -j -c 1 192.0.2.2
	jq -e -s '.[1].socket == "datagram"' <<< "$output"
}

@test "against iputils ping on the same path: the same counts, min/avg/max of the same order" {
	local fam dst ours theirs
	for fam in 4 6; do
		dst=192.0.2.2
		[ "$fam" = 6 ] && dst=2001:db8::2
		run --separate-stderr in_ns "$A" "$PING" -"$fam" -n -c 20 -i 0.2 "$dst"
		esa_status 0
		ours=$output
		run --separate-stderr in_ns "$A" ping -"$fam" -n -c 20 -i 0.2 "$dst"
		esa_status 0
		theirs=$output
		grep -q '^20 packets transmitted, 20 packets received, 0.0% packet loss$' <<< "$ours"
		grep -q '^20 packets transmitted, 20 received, 0% packet loss' <<< "$theirs"
		esa_eq "$(grep -c 'icmp_seq=' <<< "$ours")" "$(grep -c 'icmp_seq=' <<< "$theirs")" "reply lines"
		same_order "$ours" "$theirs"
	done
}

@test "privileges: no capability in effect while the host name is looked up" {
	# a name server in B (192.0.2.2) that takes the query and never answers: esa-ping
	# waits in the resolver, reading the network, long enough to look at it
	ip netns exec "$B" timeout 30 python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("192.0.2.2", 53))
open(sys.argv[1] + ".ready", "w").close()
s.recvfrom(512)
open(sys.argv[1], "w").close()
s.recvfrom(512)' "$BATS_TEST_TMPDIR/query" &
	local ns_pid=$!
	esa_wait_for 10 test -f "$BATS_TEST_TMPDIR/query.ready"
	echo "nameserver 192.0.2.2" > "$BATS_TEST_TMPDIR/resolv.conf"
	# a private mount namespace: the host's /etc/resolv.conf is not touched
	ip netns exec "$A" unshare -m sh -c 'mount --bind "$1" /etc/resolv.conf &&
	    exec "$2" -c 1 ping-test.example' sh "$BATS_TEST_TMPDIR/resolv.conf" "$PING" \
		> "$BATS_TEST_TMPDIR/out" 2>&1 &
	PID=$!
	esa_wait_for 10 test -f "$BATS_TEST_TMPDIR/query"
	st=$(cat "/proc/$PID/status")
	kill -TERM "$PID" "$ns_pid"
	wait "$PID" || :
	wait "$ns_pid" || :
	grep -q "^Name:.esa-ping" <<< "$st"
	# effective: none; permitted: CAP_NET_RAW, CAP_SETUID, CAP_SETGID, CAP_SETPCAP
	grep -qx $'CapEff:\t0000000000000000' <<< "$st"
	grep -qx $'CapInh:\t0000000000000000' <<< "$st"
	grep -qx $'CapPrm:\t00000000000021c0' <<< "$st"
}

# The seed: the appliance's ping starts with "Press Ctrl-C to stop." for the person at
# its terminal. Here on standard error, and only when standard output is a terminal.
@test "Press Ctrl-C to stop.: on standard error with a terminal as standard output, never otherwise" {
	local err=$BATS_TEST_TMPDIR/err

	run in_ns "$A" /usr/bin/python3 "$BATS_TEST_DIRNAME/../tty.py" "$err" "$PING" -n -c 1 192.0.2.2
	esa_status 0
	esa_eq "$(cat "$err")" "Press Ctrl-C to stop." "standard error with a terminal"
	[[ ${lines[0]} == "PING 192.0.2.2 (192.0.2.2): 56 data bytes" ]] || { echo "$output"; false; }
	# the same run into a pipe, and with -j into a file: not a word on standard error
	run --separate-stderr in_ns "$A" "$PING" -n -c 1 192.0.2.2
	esa_status 0
	esa_no_stderr
	in_ns "$A" "$PING" -n -j -c 1 192.0.2.2 > "$BATS_TEST_TMPDIR/out" 2> "$err"
	esa_eq "$(cat "$err")" "" "standard error into a file"
}

#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# paths.bats - esa-traceroute where the path misbehaves: a silent router, unreachable
# and prohibited routes, nft rejects, a destination that never answers, two routers
# sharing a hop; and the privilege it asks for.

load ../lib
load common

setup() {
	tr_setup
	chain_build 5
}

teardown() {
	esa_cleanup
}

@test "a router that sends no time exceeded shows * * *, the rest as Debian sees it" {
	silence "${NS[3]}"
	# the silent hop's wait shrinks once later hops answer (the man page's rule): a
	# run that waited the default 5 s for it is killed (124) by the bound
	run --separate-stderr ip netns exec "$SRC" timeout 4 "$TR" -n "$DST4"
	esa_status 0
	esa_eq "$(hop_list <<< "$output")" "$(expected_hops 4 1 6 | sed 's/^3 .*/3 */')" "hop list"
	esa_eq "$(sed -n 3p <<< "$output")" " 3  * * *" "silent hop line"
	ours=$(hop_list <<< "$output")
	run in_ns "$SRC" traceroute -n "$DST4"
	esa_eq "$ours" "$(hop_list <<< "$output")" "hop list against Debian's"
	run --separate-stderr ip netns exec "$SRC" timeout 4 "$TR6" -n "$DST6"
	esa_status 0
	esa_eq "$(hop_list <<< "$output")" "$(expected_hops 6 1 6 | sed 's/^3 .*/3 */')" "IPv6"
	ours=$(hop_list <<< "$output")
	run in_ns "$SRC" traceroute -6 -n "$DST6"
	esa_eq "$ours" "$(hop_list <<< "$output")" "IPv6 hop list against Debian's"
	esa_golden silent "$(in_ns "$SRC" "$TR" -n "$DST4" 2> /dev/null | normalise)"
}

@test "-w: a destination that never answers waits -w at most; status 1" {
	# router 5 drops every probe (its route lookup comes before the TTL check):
	# hops 5 to 7 stay silent for the whole wait
	ip -n "${NS[5]}" route add blackhole "$DST4"/32
	ip -n "${NS[5]}" -6 route add blackhole "$DST6"/128
	# bounded below the default 5 s wait: a run that ignored -w is killed (124)
	run --separate-stderr ip netns exec "$SRC" timeout 4 "$TR" -n -m 7 -w 1 "$DST4"
	esa_status 1
	esa_eq "$(hop_list <<< "$output")" "$(expected_hops 4 1 4; printf '%s\n' '5 *' '6 *' '7 *')" "hops"
	esa_eq "$(tail -n 1 <<< "$output")" " 7  * * *"
	run --separate-stderr ip netns exec "$SRC" timeout 4 "$TR6" -n -m 6 -w 0.5 -j "$DST6"
	esa_status 1
	esa_eq "$(jq -c 'select(.hop == 6) | .probes' <<< "$output")" "[{},{},{}]"
	esa_eq "$(jq -c 'select(.type == "summary") | .reached' <<< "$output")" "false"
}

@test "-j: every key of hops reached or not, lost probes, names and annotations is in esa-tools(7)'s vocabulary" {
	local k
	silence "${NS[3]}"
	ip -n "${NS[5]}" route add unreachable "$DST4"/32
	# a private mount namespace gives the trace its own /etc/hosts, every responder in it
	for k in 1 2 4 5; do
		echo "$(v4 $((k - 1)) 2) r$k.example"
	done > "$BATS_TEST_TMPDIR/hosts"
	run --separate-stderr ip netns exec "$SRC" unshare -m sh -c \
		'mount --bind "$1" /etc/hosts && timeout 20 "$2" -j "$3"' _ \
		"$BATS_TEST_TMPDIR/hosts" "$TR" "$DST4"
	esa_status 1
	esa_json_vocab lines traceroute
	# each kind was there to be checked: names, lost probes, !H, not reached
	jq -e -s --arg d "$DST4" 'any(.[]; .probes[0].hostname? == "r1.example") and
	    any(.[]; .hop == 3 and .probes == [{}, {}, {}]) and any(.[]; .probes[-1].annotation? == "!H") and
	    (.[-1] | .type == "summary" and .reached == false and .host == $d)' <<< "$output"
	run --separate-stderr ip netns exec "$SRC" timeout 10 "$TR6" -n -j "$DST6"
	esa_status 0
	esa_json_vocab lines traceroute6
	jq -e -s '.[-1] | .type == "summary" and .reached and .hops == 6' <<< "$output"
}

@test "an unreachable route shows !H (IPv4) and !N (IPv6) and stops the trace" {
	ip -n "${NS[4]}" route add unreachable "$DST4"/32
	ip -n "${NS[4]}" -6 route add unreachable "$DST6"/128
	run --separate-stderr in_ns "$SRC" "$TR" -n "$DST4"
	esa_status 1
	esa_eq "$(tail -n 1 <<< "$output" | normalise)" \
		" 4  $(v4 3 2)  x.xxx ms !H  x.xxx ms !H  x.xxx ms !H" "last line"
	esa_eq "$(wc -l <<< "$output")" 4 "lines"
	run --separate-stderr in_ns "$SRC" "$TR6" -n "$DST6"
	esa_status 1
	esa_eq "$(tail -n 1 <<< "$output" | normalise)" \
		" 4  $(v6 3 2)  x.xxx ms !N  x.xxx ms !N  x.xxx ms !N" "IPv6 last line"
}

@test "no route at all shows !N; a prohibit route !X (IPv4) and !P (IPv6)" {
	ip -n "${NS[2]}" route del default
	run --separate-stderr in_ns "$SRC" "$TR" -n "$DST4"
	esa_status 1
	esa_eq "$(tail -n 1 <<< "$output" | normalise)" \
		" 2  $(v4 1 2)  x.xxx ms !N  x.xxx ms !N  x.xxx ms !N" "no route"
	ip -n "${NS[3]}" route add prohibit "$DST4"/32
	ip -n "${NS[3]}" -6 route add prohibit "$DST6"/128
	ip -n "${NS[2]}" route add default via "$(v4 2 2)"
	run --separate-stderr in_ns "$SRC" "$TR" -n "$DST4"
	esa_status 1
	esa_eq "$(tail -n 1 <<< "$output" | normalise)" \
		" 3  $(v4 2 2)  x.xxx ms !X  x.xxx ms !X  x.xxx ms !X" "prohibit"
	run --separate-stderr in_ns "$SRC" "$TR6" -n "$DST6"
	esa_status 1
	esa_eq "$(tail -n 1 <<< "$output" | normalise)" \
		" 3  $(v6 2 2)  x.xxx ms !P  x.xxx ms !P  x.xxx ms !P" "IPv6 prohibit"
}

@test "an nft reject with admin-prohibited (iptables REJECT) shows !X; Debian agrees on the hops" {
	# there is no iptables command here: nft's reject is the same ICMP message. Router
	# 4 still answers the probes that expire there (the TTL is checked before the
	# forward hook); those of hop 5 meet the reject, so hop 5 is router 4 with !X
	printf '%s\n' 'table inet rej {' ' chain forward_reject {' '  type filter hook forward priority 0;' \
		'  meta l4proto { udp, icmp } reject with icmp type admin-prohibited' \
		'  meta l4proto { udp, icmpv6 } reject with icmpv6 type admin-prohibited' ' }' '}' |
		ip netns exec "${NS[4]}" nft -f -
	run --separate-stderr in_ns "$SRC" "$TR" -n "$DST4"
	esa_status 1
	esa_eq "$(tail -n 1 <<< "$output" | normalise)" \
		" 5  $(v4 3 2)  x.xxx ms !X  x.xxx ms !X  x.xxx ms !X" "reject"
	ours=$(hop_list <<< "$output")
	run in_ns "$SRC" traceroute -n "$DST4"
	esa_eq "$ours" "$(hop_list <<< "$output")" "hop list against Debian's"
	run --separate-stderr in_ns "$SRC" "$TR" -n -I "$DST4"
	esa_status 1
	esa_eq "$(tail -n 1 <<< "$output" | normalise)" \
		" 5  $(v4 3 2)  x.xxx ms !X  x.xxx ms !X  x.xxx ms !X" "reject, -I"
	run --separate-stderr in_ns "$SRC" "$TR6" -n "$DST6"
	esa_status 1
	esa_eq "$(tail -n 1 <<< "$output" | normalise)" \
		" 5  $(v6 3 2)  x.xxx ms !P  x.xxx ms !P  x.xxx ms !P" "IPv6 reject"
}

@test "two routers sharing a hop (multipath route) give a continuation line" {
	# a second router B between R1 and R2: R1 -- B -- R2 beside R1 -- R2; R1 spreads
	# its traffic over both by the ports (hash policy 1), so the probes (one port
	# each) take both ways; R2 knows both links
	local b
	b=$(esa_ns_new b)
	esa_veth "${NS[1]}" r1b "$b" b1
	esa_veth "$b" b2 "${NS[2]}" r2b
	ip -n "${NS[1]}" addr add 203.0.113.1/29 dev r1b
	ip -n "$b" addr add 203.0.113.2/29 dev b1
	ip -n "$b" addr add 203.0.113.9/29 dev b2
	ip -n "${NS[2]}" addr add 203.0.113.10/29 dev r2b
	ip -n "${NS[1]}" -6 addr add 2001:db8:200::1/64 dev r1b nodad
	ip -n "$b" -6 addr add 2001:db8:200::2/64 dev b1 nodad
	ip -n "$b" -6 addr add 2001:db8:201::1/64 dev b2 nodad
	ip -n "${NS[2]}" -6 addr add 2001:db8:201::2/64 dev r2b nodad
	ip netns exec "$b" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 > /dev/null
	ip netns exec "$b" sysctl -e -qw net.ipv4.icmp_msgs_per_sec=1000000 \
		net.ipv4.icmp_msgs_burst=1000000 > /dev/null
	ip -n "$b" route add default via 203.0.113.10
	ip -n "$b" route add "$(v4 0 0)/29" via 203.0.113.1
	ip -n "$b" -6 route add default via 2001:db8:201::2
	ip -n "$b" -6 route add "$(v6 0 0)/64" via 2001:db8:200::1
	ip netns exec "${NS[1]}" sysctl -qw net.ipv4.fib_multipath_hash_policy=1 \
		net.ipv6.fib_multipath_hash_policy=1 > /dev/null
	ip -n "${NS[1]}" route replace default nexthop via "$(v4 1 2)" nexthop via 203.0.113.2
	ip -n "${NS[1]}" -6 route replace default nexthop via "$(v6 1 2)" nexthop via 2001:db8:200::2
	# ten probes a hop all take one way with a chance of 1 in 512 (the kernel
	# hashes the ports, and the source port is new each run): up to four runs, each
	# from its own first port, until both routers answer in hop 2 (1 in 10^10 to
	# fail by chance); a tool that never prints continuation lines still fails
	multipath_trace "$TR" "$DST4" 198.51.100.10 203.0.113.2
	multipath_trace "$TR6" "$DST6" "$(v6 1 2)" 2001:db8:200::2
}

# multipath_trace BIN DST A B: BIN -n -q 10 DST, run until A and B both answer in hop
# 2 (at most four runs); then hop 2 must have a continuation line starting with one
# of them, and every line of hop 2 has one responder only.
multipath_trace() {
	local bin=$1 dst=$2 a=$3 b=$4 try hop2 who

	for try in 0 1 2 3; do
		run --separate-stderr in_ns "$SRC" "$bin" -n -q 10 -p $((33434 + 1000 * try)) "$dst"
		esa_status 0
		esa_eq "$(hop_list <<< "$output" | sed 's/ .*//' | tr '\n' ' ')" "1 2 3 4 5 6 " \
			"hop numbers"
		hop2=$(sed -n '/^ 2 /,/^ 3 /p' <<< "$output" | sed '$d')
		who=$(grep -oE "(^| )($a|$b) " <<< "$hop2" | tr -d ' ' | sort -u | tr '\n' ' ')
		[ "$who" = "$(printf '%s\n' "$a" "$b" | sort | tr '\n' ' ')" ] && break
	done
	esa_eq "$who" "$(printf '%s\n' "$a" "$b" | sort | tr '\n' ' ')" "responders of hop 2"
	grep -qE "^    ($a|$b)  [0-9]" <<< "$hop2"
	# one responder a line: no line of hop 2 names both
	if grep -E "$a .* $b |$b .* $a " <<< "$hop2"; then
		return 1
	fi
}

@test "-I without a datagram ICMP socket or CAP_NET_RAW: one line naming CAP_NET_RAW" {
	local bin=$BATS_TEST_TMPDIR/bin
	# nobody cannot read the checkout: a copy it can run
	mkdir -p "$bin" && cp "$TR" "$bin/" && chmod -R a+rx "$BATS_TEST_TMPDIR"
	run --separate-stderr in_ns "$SRC" setpriv --reuid=nobody --regid=nogroup --clear-groups \
		--inh-caps=-all --bounding-set=-all "$bin/esa-traceroute" -n -I "$DST4"
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "${#stderr_lines[@]}" 1 "stderr lines"
	esa_eq "${stderr_lines[0]}" \
		"esa-traceroute: ICMP socket (needs CAP_NET_RAW, or a group in net.ipv4.ping_group_range): Operation not permitted"
	# UDP needs nothing
	run --separate-stderr in_ns "$SRC" setpriv --reuid=nobody --regid=nogroup --clear-groups \
		--inh-caps=-all --bounding-set=-all "$bin/esa-traceroute" -n "$DST4"
	esa_status 0
	esa_eq "$(hop_list <<< "$output")" "$(expected_hops 4 1 6)" "hop list as nobody"
}

@test "root drops every capability once the socket is open" {
	# the trace runs long enough (a silent destination) to read its status
	ip -n "${NS[5]}" route add blackhole "$DST4"/32
	local err=$BATS_TEST_TMPDIR/err pid caps='' p
	in_ns "$SRC" "$TR" -n -I -m 6 -w 3 "$DST4" > /dev/null 2> "$err" &
	pid=$!
	# the header is printed after the drop: then the status is the one to read
	# (a fixed sleep could look too early, or too late on a busy machine)
	esa_wait_for 10 grep -q '^traceroute to' "$err"
	for p in $(ip netns pids "$SRC"); do
		[ "$(cat "/proc/$p/comm")" = esa-traceroute ] &&
			caps=$(awk '/^Cap(Eff|Prm)/ { print $2 }' "/proc/$p/status" | sort -u)
	done
	wait "$pid" || :
	esa_eq "$caps" "0000000000000000" "CapEff and CapPrm"
}

# dns_queried NS: whether the nft rule of table dns in NS dropped a DNS query yet.
dns_queried() {
	[ "$(ip netns exec "$1" nft list chain inet dns in |
		awk '{ for (i = 1; i < NF; i++) if ($i == "packets") print $(i + 1) }')" -gt 0 ]
}

@test "SIGINT while a reverse lookup hangs: the run ends at once, nothing waits for it" {
	# the resolver of the run is one whose queries nft drops, with a 60 s timeout:
	# the lookup of hop 1's name blocks; an interrupt once it is under way must end
	# the run without waiting for it (it used to wait the minute out)
	local conf=$BATS_TEST_TMPDIR/resolv.conf pid='' p n
	printf 'nameserver %s\noptions timeout:60 attempts:1\n' "$(v4 0 1)" > "$conf"
	printf '%s\n' 'table inet dns {' ' chain in {' '  type filter hook input priority 0;' \
		'  meta l4proto { tcp, udp } th dport 53 counter drop' ' }' '}' |
		ip netns exec "$SRC" nft -f -
	ip netns exec "$SRC" unshare -m sh -c \
		'mount --bind "$1" /etc/resolv.conf && exec "$2" "$3"' sh "$conf" "$TR" "$DST4" \
		> "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" &
	esa_wait_for 10 dns_queried "$SRC"
	for p in $(ip netns pids "$SRC"); do
		[ "$(cat "/proc/$p/comm")" = esa-traceroute ] && pid=$p
	done
	[ -n "$pid" ]
	# the lookup threads block SIGINT and SIGTERM (0x4002), so that one never lands
	# on a thread the main loop does not hear about
	local t blk nthreads=0
	for t in /proc/"$pid"/task/*; do
		[ "${t##*/}" = "$pid" ] && continue
		blk=$(awk '/^SigBlk:/ { print $2 }' "$t/status")
		esa_eq "$(( 0x$blk & 0x4002 ))" $(( 0x4002 )) "SigBlk of thread ${t##*/}"
		nthreads=$((nthreads + 1))
	done
	esa_eq "$nthreads" 4 "lookup threads"
	kill -INT "$pid"
	esa_wait_for 10 eval '! kill -0 '"$pid"' 2> /dev/null'
	wait || :
	# nothing printed: hop 1 was still waiting for its name
	esa_eq "$(cat "$BATS_TEST_TMPDIR/out")" "" stdout
	n=$(grep -c . "$BATS_TEST_TMPDIR/err")
	esa_eq "$n" 1 "stderr lines (the header)"
}

@test "while the destination's name is looked up, no capability is in effect" {
	# the forward lookup reads DNS replies from the network before the socket is open:
	# it must run with nothing effective and only CAP_NET_RAW and the drop's own
	# capabilities permitted (CAP_SETGID 6, CAP_SETUID 7, CAP_SETPCAP 8, CAP_NET_RAW 13)
	local conf=$BATS_TEST_TMPDIR/resolv.conf pid='' p st
	printf 'nameserver %s\noptions timeout:60 attempts:1\n' "$(v4 0 1)" > "$conf"
	printf '%s\n' 'table inet dns {' ' chain in {' '  type filter hook input priority 0;' \
		'  meta l4proto { tcp, udp } th dport 53 counter drop' ' }' '}' |
		ip netns exec "$SRC" nft -f -
	ip netns exec "$SRC" unshare -m sh -c \
		'mount --bind "$1" /etc/resolv.conf && exec "$2" "$3"' sh "$conf" "$TR" \
		mx.example.com > /dev/null 2>&1 &
	esa_wait_for 10 dns_queried "$SRC"
	for p in $(ip netns pids "$SRC"); do
		[ "$(cat "/proc/$p/comm")" = esa-traceroute ] && pid=$p
	done
	[ -n "$pid" ]
	st=$(cat "/proc/$pid/status")
	kill -KILL "$pid"
	wait || :
	grep -qx $'CapEff:\t0000000000000000' <<< "$st"
	grep -qx $'CapInh:\t0000000000000000' <<< "$st"
	grep -qx $'CapPrm:\t00000000000021c0' <<< "$st"
}

@test "privileges: root becomes nobody, no groups, on every thread, lookup threads included" {
	# root starts it; while hop 1's name is looked up (its queries dropped: the lookup
	# hangs, so the threads are there to read) every thread must have the ids of
	# nobody as id says, no supplementary group and no capability
	local conf=$BATS_TEST_TMPDIR/resolv.conf pid='' p t st uid gid nthreads=0
	uid=$(id -u nobody)
	gid=$(id -g nobody)
	printf 'nameserver %s\noptions timeout:60 attempts:1\n' "$(v4 0 1)" > "$conf"
	printf '%s\n' 'table inet dns {' ' chain in {' '  type filter hook input priority 0;' \
		'  meta l4proto { tcp, udp } th dport 53 counter drop' ' }' '}' |
		ip netns exec "$SRC" nft -f -
	ip netns exec "$SRC" unshare -m sh -c \
		'mount --bind "$1" /etc/resolv.conf && exec "$2" "$3"' sh "$conf" "$TR" "$DST4" \
		> /dev/null 2>&1 &
	esa_wait_for 10 dns_queried "$SRC"
	for p in $(ip netns pids "$SRC"); do
		[ "$(cat "/proc/$p/comm")" = esa-traceroute ] && pid=$p
	done
	[ -n "$pid" ]
	for t in /proc/"$pid"/task/*; do
		st=$(cat "$t/status")
		esa_eq "$(grep '^Uid:' <<< "$st")" "Uid:"$'\t'"$uid"$'\t'"$uid"$'\t'"$uid"$'\t'"$uid" "Uid of ${t##*/}"
		esa_eq "$(grep '^Gid:' <<< "$st")" "Gid:"$'\t'"$gid"$'\t'"$gid"$'\t'"$gid"$'\t'"$gid" "Gid of ${t##*/}"
		esa_eq "$(grep '^Groups:' <<< "$st" | tr -d ' \t')" "Groups:" "Groups of ${t##*/}"
		esa_eq "$(awk '/^Cap(Eff|Prm|Amb)/ { print $2 }' <<< "$st" | sort -u)" \
			"0000000000000000" "capabilities of ${t##*/}"
		nthreads=$((nthreads + 1))
	done
	kill -KILL "$pid"
	wait || :
	# the main thread and the four lookup threads
	esa_eq "$nthreads" 5 "threads"
}

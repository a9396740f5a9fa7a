# SPDX-License-Identifier: BSD-2-Clause
# common.bash - the esa-ping suite's topologies and helpers, loaded after ../lib.
#
# Two namespaces (ping_two):
#   A: a0 192.0.2.1/24 2001:db8::1/64  <-veth->  B: b0 192.0.2.2/24 2001:db8::2/64
# Three namespaces (ping_three), R a router:
#   A: a0 192.0.2.1/24 2001:db8:1::1/64, default via R
#   R: r0 192.0.2.254/24 2001:db8:1::fe/64 | r1 198.51.100.254/24 2001:db8:2::fe/64,
#      forwarding on; `unreachable` routes for 203.0.113.0/25 and 2001:db8:3::/64, no
#      route at all for 203.0.113.128/25
#   B: b0 198.51.100.2/24 2001:db8:2::2/64, default via R
# net.ipv4.ping_group_range stays "1 0" (nobody may open a datagram socket) unless a
# test opens it, so root takes the raw path by default.

# ping_setup: root, and the program under test.
ping_setup() {
	esa_need_root
	PING=$(esa_bin esa-ping) || return 1
	PING6=$(esa_bin esa-ping6) || return 1
}

# in_ns NS COMMAND...: COMMAND inside NS, bounded in time.
in_ns() {
	local ns=$1

	shift
	ip netns exec "$ns" timeout "$ESA_TIMEOUT" "$@"
}

# addr NS DEV ADDR/LEN...: adds addresses (IPv6 without DAD).
addr() {
	local ns=$1 dev=$2 a

	shift 2
	for a in "$@"; do
		case $a in
		*:*) ip -n "$ns" addr add "$a" dev "$dev" nodad || return 1 ;;
		*) ip -n "$ns" addr add "$a" dev "$dev" || return 1 ;;
		esac
	done
}

ping_two() {
	A=$(esa_ns_new a) && B=$(esa_ns_new b) || return 1
	esa_veth "$A" a0 "$B" b0 02:00:00:00:0a:01 02:00:00:00:0b:01 || return 1
	addr "$A" a0 192.0.2.1/24 2001:db8::1/64 && addr "$B" b0 192.0.2.2/24 2001:db8::2/64
}

ping_three() {
	A=$(esa_ns_new a) && R=$(esa_ns_new r) && B=$(esa_ns_new b) || return 1
	esa_veth "$A" a0 "$R" r0 && esa_veth "$R" r1 "$B" b0 || return 1
	addr "$A" a0 192.0.2.1/24 2001:db8:1::1/64 &&
		addr "$R" r0 192.0.2.254/24 2001:db8:1::fe/64 &&
		addr "$R" r1 198.51.100.254/24 2001:db8:2::fe/64 &&
		addr "$B" b0 198.51.100.2/24 2001:db8:2::2/64 || return 1
	ip -n "$A" route add default via 192.0.2.254 &&
		ip -n "$A" -6 route add default via 2001:db8:1::fe &&
		ip -n "$B" route add default via 198.51.100.254 &&
		ip -n "$B" -6 route add default via 2001:db8:2::fe || return 1
	ip netns exec "$R" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 \
		> /dev/null || return 1
	ip -n "$R" route add unreachable 203.0.113.0/25 &&
		ip -n "$R" -6 route add unreachable 2001:db8:3::/64
}

# open_ping_group NS: lets every group open ICMP datagram sockets in NS (per namespace).
open_ping_group() {
	ip netns exec "$1" sysctl -qw net.ipv4.ping_group_range="0 2147483647" > /dev/null
}

# nobody_copy: a copy of the program that nobody may run (it cannot read the checkout);
# sets NPING and NPING6.
nobody_copy() {
	local d

	d=$(mktemp -d /tmp/esa-ping-bats.XXXXXX) || return 1
	chmod 755 "$d"
	cp "$PING" "$d/esa-ping" && ln -s esa-ping "$d/esa-ping6" && chmod 755 "$d/esa-ping" ||
		return 1
	NPING=$d/esa-ping
	NPING6=$d/esa-ping6
	NOBODY_DIR=$d
}

# as_nobody NS COMMAND...: COMMAND inside NS as nobody, no groups, bounded in time.
as_nobody() {
	local ns=$1

	shift
	ip netns exec "$ns" timeout "$ESA_TIMEOUT" \
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
}

# norm: times replaced by T, so that a golden file can hold the rest exactly.
norm() {
	sed -E 's/time=[0-9]+\.[0-9]{3} ms/time=T ms/;
	    s#(stddev|std-dev) = [0-9]+\.[0-9]{3}/[0-9]+\.[0-9]{3}/[0-9]+\.[0-9]{3}/[0-9]+\.[0-9]{3} ms#\1 = T/T/T/T ms#'
}

# stats_consistent TEXT: the statistics block agrees with the reply lines printed:
# transmitted, received (distinct sequence numbers), duplicates, loss and min/avg/max
# recomputed from the printed times (FreeBSD counts duplicates in the times).
stats_consistent() {
	printf '%s\n' "$1" | awk '
	/ bytes from .*icmp_seq=/ {
		match($0, /icmp_seq=[0-9]+/); s = substr($0, RSTART + 9, RLENGTH - 9)
		if ($0 ~ /DUP!/) dups++; else { if (s in seen) bad = "seq twice without DUP"; seen[s] = 1; recv++ }
		if (match($0, /time=[0-9.]+/)) {
			t = substr($0, RSTART + 5, RLENGTH - 5) + 0
			n++; sum += t; if (n == 1 || t < min) min = t; if (t > max) max = t
		}
	}
	/packets transmitted/ { tx = $1; rx = $4; line = $0 }
	/^round-trip/ { split($4, v, "/"); rmin = v[1]; ravg = v[2]; rmax = v[3] }
	END {
		if (bad != "") { print bad; exit 1 }
		if (rx != recv) { print "received " rx ", printed " recv; exit 1 }
		want = sprintf("%.1f%% packet loss", tx ? (tx - rx) * 100 / tx : 0)
		if (index(line, want) == 0) { print "loss: " line " vs " want; exit 1 }
		if (dups && index(line, "+" dups " duplicates") == 0) { print "dups: " line; exit 1 }
		if (n) {
			if (sprintf("%.3f", min) != rmin || sprintf("%.3f", max) != rmax) {
				print "min/max " rmin "/" rmax " vs " min "/" max; exit 1 }
			if ((ravg - sum / n) > 0.002 || (sum / n - ravg) > 0.002) {
				print "avg " ravg " vs " sum / n; exit 1 }
		}
	}'
}

# the min, avg and max of a FreeBSD or iputils statistics line, one a line
mam_of() {
	sed -nE 's#^(round-trip|rtt) min/avg/max/[a-z-]+ = ([0-9.]+)/([0-9.]+)/([0-9.]+)/.*#\2\n\3\n\4#p' <<< "$1"
}

# same_order OURS THEIRS: min and avg within a factor of 10 of iputils'; max, one
# sample on a shared machine, within a factor of 50
same_order() {
	paste <(mam_of "$1") <(mam_of "$2") | awk '
		{ f = NR == 3 ? 50 : 10; n++
		  if (!($1 > 0 && $2 > 0 && $1 / $2 < f && $2 / $1 < f)) bad = 1 }
		END { exit bad || n != 3 }' ||
		{ echo "min/avg/max: ours $(mam_of "$1" | paste -sd/), iputils $(mam_of "$2" | paste -sd/)"; return 1; }
}

# names NS: NS's own /etc/hosts names A and B and its resolver is a closed port on its
# own loopback, so that names come from the file and no query leaves the namespace.
names() {
	mkdir -p "/etc/netns/$1" || return 1
	printf '%s\n' '192.0.2.1 a.example.test' '192.0.2.2 b.example.test' > "/etc/netns/$1/hosts"
	printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' > "/etc/netns/$1/resolv.conf"
}

# SPDX-License-Identifier: BSD-2-Clause
# common.bash - the esa-traceroute suite's chain of router namespaces and its parsers,
# loaded by every file of the suite after ../lib.
#
# Chain (chain_build N, N >= 1 routers):
#   S -- R1 -- R2 -- ... -- RN -- D
# Link i (0..N) joins node i (S = 0) on its right to node i+1 (D = N+1) on its left:
#   198.51.100.8i/29, left end .8i+1, right end .8i+2;  2001:db8:10i::/64 (i in hex),
#   ::1 and ::2.
# So hop k (router k, k = 1..N) answers from 198.51.100.(8(k-1)+2) / 2001:db8:10(k-1)::2
# and the destination D is 198.51.100.(8N+2) / 2001:db8:10N::2. Every router forwards,
# has a default route to the right and routes to the links on its left; ICMP rate
# limits are off in every namespace (esa_ns_new, and the namespace-wide budget here), so
# no answer is lost to them.

# tr_setup: the common setup of a test: root, the binaries.
tr_setup() {
	esa_need_root
	TR=$(esa_bin esa-traceroute) || return 1
	TR6=$(esa_bin esa-traceroute6) || return 1
}

# in_ns NS COMMAND...: COMMAND inside NS, bounded in time.
in_ns() {
	local ns=$1

	shift
	ip netns exec "$ns" timeout "$ESA_TIMEOUT" "$@"
}

# v4 LINK END / v6 LINK END: the address of END (1 left, 2 right) of link LINK.
v4() { echo "198.51.100.$((8 * $1 + $2))"; }
v6() { printf '2001:db8:%x::%d\n' $((0x100 + $1)) "$2"; }

# chain_build N [limited]: namespaces NS[0] (S) .. NS[N+1] (D) as above; DST4 and DST6
# name D. With "limited", every namespace keeps the kernel's default ICMP rate limits
# (esa_ns_new_limited; nothing below lifts them).
chain_build() {
	local n=$1 i l r k j

	NS=()
	for i in $(seq 0 $((n + 1))); do
		if [ "${2:-}" = limited ]; then
			NS[i]=$(esa_ns_new_limited "n$i") || return 1
			continue
		fi
		NS[i]=$(esa_ns_new "n$i") || return 1
		# the namespace-wide ICMP budget (1000 a second, bursts of 50, ICMPv6
		# included) would drop answers when traces run back to back: a router
		# rejecting a burst of 48 probes sends 48 errors at once. They are per
		# namespace on recent kernels (this machine's 6.18); an older kernel has
		# a host-wide pair, absent in a namespace: -e then leaves it be
		ip netns exec "${NS[i]}" sysctl -e -qw net.ipv4.icmp_msgs_per_sec=1000000 \
			net.ipv4.icmp_msgs_burst=1000000 > /dev/null || return 1
	done
	for i in $(seq 0 "$n"); do
		l=${NS[i]} r=${NS[i + 1]}
		esa_veth "$l" right "$r" left || return 1
		ip -n "$l" addr add "$(v4 "$i" 1)/29" dev right
		ip -n "$r" addr add "$(v4 "$i" 2)/29" dev left
		ip -n "$l" -6 addr add "$(v6 "$i" 1)/64" dev right nodad
		ip -n "$r" -6 addr add "$(v6 "$i" 2)/64" dev left nodad
	done
	ip -n "${NS[0]}" route add default via "$(v4 0 2)"
	ip -n "${NS[0]}" -6 route add default via "$(v6 0 2)"
	ip -n "${NS[n + 1]}" route add default via "$(v4 "$n" 1)"
	ip -n "${NS[n + 1]}" -6 route add default via "$(v6 "$n" 1)"
	for k in $(seq 1 "$n"); do
		ip netns exec "${NS[k]}" sysctl -qw net.ipv4.ip_forward=1 \
			net.ipv6.conf.all.forwarding=1 > /dev/null
		ip -n "${NS[k]}" route add default via "$(v4 "$k" 2)"
		ip -n "${NS[k]}" -6 route add default via "$(v6 "$k" 2)"
		for j in $(seq 0 $((k - 2))); do
			ip -n "${NS[k]}" route add "$(v4 "$j" 0)/29" via "$(v4 $((k - 1)) 1)"
			ip -n "${NS[k]}" -6 route add "$(v6 "$j" 0)/64" via "$(v6 $((k - 1)) 1)"
		done
	done
	SRC=${NS[0]}
	DST4=$(v4 "$n" 2)
	DST6=$(v6 "$n" 2)
	CHAIN=$n
}

# expected_hops FAMILY FROM TO: "k addr" for hops FROM..TO of the chain (TO may be
# CHAIN+1, the destination), one a line.
expected_hops() {
	local k

	for k in $(seq "$2" "$3"); do
		if [ "$1" = 6 ]; then
			echo "$k $(v6 $((k - 1)) 2)"
		else
			echo "$k $(v4 $((k - 1)) 2)"
		fi
	done
}

# hop_list: from a FreeBSD- or Debian-style trace on stdin, "k addr" per hop line:
# the hop number and the first address of the line, or "k *" when it has none.
hop_list() {
	awk '/^ *[0-9]+ / {
		k = $1; a = "*"
		for (i = 2; i <= NF; i++)
			if ($i ~ /^[0-9a-f]*[.:][0-9a-f.:]*$/ && $i !~ /^[0-9]+\.[0-9]+$/) { a = $i; break }
		print k, a
	}'
}

# silence NS: the router NS no longer sends ICMP time exceeded (nft, output hook;
# there is no iptables command here).
silence() {
	printf '%s\n' 'table inet silent {' ' chain out {' \
		'  type filter hook output priority 0;' \
		'  icmp type time-exceeded drop' '  icmpv6 type time-exceeded drop' ' }' '}' |
		ip netns exec "$1" nft -f -
}

# normalise: times made "x.xxx ms", for golden files.
normalise() {
	sed -E 's/[0-9]+\.[0-9]{3} ms/x.xxx ms/g'
}

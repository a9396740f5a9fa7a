# SPDX-License-Identifier: BSD-2-Clause
# common.bash - the esa-arpshow suite's topology, entries and parsers, loaded by every
# file of the suite after ../lib.
#
# Topology (arp_topology):
#   ns A: a0 02:00:00:00:0a:01 192.0.2.1/24 2001:db8::1/64  <-veth->
#   ns B: b0 02:00:00:00:0b:01 192.0.2.2/24 2001:db8::2/64
# and, with arp_second_link, a1 02:00:00:00:0a:02 198.51.100.1/24 2001:db8:2::1/64 in A
# <-> b1 02:00:00:00:0b:02 198.51.100.2/24 2001:db8:2::2/64 in B.
# B holds permanent entries for A's addresses, so B never probes A: nothing can recreate
# an entry in A behind a test's back (after a flush, say).

PEER_FILTER=()
A_MAC=02:00:00:00:0a:01
B_MAC=02:00:00:00:0b:01
A1_MAC=02:00:00:00:0a:02
B1_MAC=02:00:00:00:0b:02
# EUI-64 link-local addresses of these MACs (addr_gen_mode 0 is set below)
A_LL=fe80::ff:fe00:a01
B_LL=fe80::ff:fe00:b01

# arp_setup: the common setup of a test: root, the binaries.
arp_setup() {
	esa_need_root
	ARPSHOW=$(esa_bin esa-arpshow) || return 1
	NDPSHOW=$(esa_bin esa-ndpshow) || return 1
}

# in_ns NS COMMAND...: COMMAND inside NS, bounded in time.
in_ns() {
	local ns=$1

	shift
	ip netns exec "$ns" timeout "$ESA_TIMEOUT" "$@"
}

# arpshow NS ARGS... / ndpshow NS ARGS...: the programs under test inside NS.
arpshow() {
	local ns=$1

	shift
	in_ns "$ns" "$ARPSHOW" "$@"
}
ndpshow() {
	local ns=$1

	shift
	in_ns "$ns" "$NDPSHOW" "$@"
}

# has_addr NS DEV ADDR: DEV in NS has ADDR (without prefix length).
has_addr() {
	ip -n "$1" -j addr show dev "$2" |
		jq -e --arg a "$3" '[.[].addr_info[].local] | index($a) != null' > /dev/null
}

# arp_topology: namespaces A and B joined by a0 <-> b0 (see the top of this file).
arp_topology() {
	local ns

	A=$(esa_ns_new a) && B=$(esa_ns_new b) || return 1
	for ns in "$A" "$B"; do
		# EUI-64 link-local addresses, whatever the host's default
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.addr_gen_mode=0 \
			> /dev/null || return 1
	done
	esa_veth "$A" a0 "$B" b0 "$A_MAC" "$B_MAC" || return 1
	ip -n "$A" addr add 192.0.2.1/24 dev a0 &&
		ip -n "$A" addr add 2001:db8::1/64 dev a0 nodad &&
		ip -n "$B" addr add 192.0.2.2/24 dev b0 &&
		ip -n "$B" addr add 2001:db8::2/64 dev b0 nodad || return 1
	ip -n "$B" -batch - <<-EOF || return 1
		neigh replace 192.0.2.1 lladdr $A_MAC dev b0 nud permanent
		neigh replace 2001:db8::1 lladdr $A_MAC dev b0 nud permanent
		neigh replace $A_LL lladdr $A_MAC dev b0 nud permanent
	EOF
	esa_wait_for 5 has_addr "$A" a0 "$A_LL" && esa_wait_for 5 has_addr "$B" b0 "$B_LL"
}

# arp_second_link: a1 <-> b1, with a permanent and a stale entry of each family on a1.
arp_second_link() {
	esa_veth "$A" a1 "$B" b1 "$A1_MAC" "$B1_MAC" || return 1
	ip -n "$A" addr add 198.51.100.1/24 dev a1 &&
		ip -n "$A" addr add 2001:db8:2::1/64 dev a1 nodad &&
		ip -n "$B" addr add 198.51.100.2/24 dev b1 &&
		ip -n "$B" addr add 2001:db8:2::2/64 dev b1 nodad || return 1
	ip -n "$A" -batch - <<-EOF
		neigh replace 198.51.100.10 lladdr 02:00:00:00:01:10 dev a1 nud permanent
		neigh replace 198.51.100.11 lladdr 02:00:00:00:01:11 dev a1 nud stale
		neigh replace 2001:db8:2::10 lladdr 02:00:00:00:01:10 dev a1 nud permanent
		neigh replace 2001:db8:2::11 lladdr 02:00:00:00:01:11 dev a1 nud stale
	EOF
}

# arp_fill: the deterministic entries on a0: permanent (the v6 one a router), stale,
# incomplete, of each family.
arp_fill() {
	ip -n "$A" -batch - <<-EOF
		neigh replace 192.0.2.10 lladdr 02:00:00:00:00:10 dev a0 nud permanent
		neigh replace 192.0.2.11 lladdr 02:00:00:00:00:11 dev a0 nud stale
		neigh replace 192.0.2.12 dev a0 nud incomplete
		neigh replace 2001:db8::10 lladdr 02:00:00:00:00:10 dev a0 nud permanent router
		neigh replace 2001:db8::11 lladdr 02:00:00:00:00:11 dev a0 nud stale
		neigh replace 2001:db8::12 dev a0 nud incomplete
	EOF
}

# arp_failed: a FAILED entry of each family on a0. The kernel's periodic garbage
# collection removes FAILED entries (when the host's tables are large), so a test
# makes them just before it looks.
arp_failed() {
	ip -n "$A" -batch - <<-EOF
		neigh replace 192.0.2.13 dev a0 nud failed
		neigh replace 2001:db8::13 dev a0 nud failed
	EOF
}

# arp_reach: REACHABLE entries in A for B's three addresses, by pinging them.
arp_reach() {
	in_ns "$A" ping -n -q -c 1 -W 2 192.0.2.2 > /dev/null &&
		in_ns "$A" ping -n -q -6 -c 1 -W 2 2001:db8::2 > /dev/null &&
		in_ns "$A" ping -n -q -6 -c 1 -W 2 "$B_LL%a0" > /dev/null
}

# reachable_s NS FAMILY DEV: the interface's current reachable time in whole seconds
# (inet or inet6), as `ip ntable show dev DEV` reports it.
reachable_s() {
	ip -n "$1" -j ntable show dev "$3" |
		jq -e --arg f "$2" '[.[] | select(.family == $f) | .reachable][0] / 1000 | floor'
}

# confirmed_s NS ADDR: seconds since ADDR's entry was last confirmed, from `ip -s`.
confirmed_s() {
	local fam=-4

	[[ $2 == *:* ]] && fam=-6
	ip -n "$1" "$fam" -s -j neigh show to "${2%%%*}" | jq -e '.[0].confirmed'
}

# check_expiry NS ADDR DEV N: N, the seconds the tool shows for ADDR's REACHABLE entry,
# is within (0, reachable time] and agrees (to 2 s) with reachable time minus the time
# since confirmation that ip reports.
check_expiry() {
	local fam=inet reach conf

	[[ $2 == *:* ]] && fam=inet6
	reach=$(reachable_s "$1" "$fam" "$3") && conf=$(confirmed_s "$1" "$2") || return 1
	if ! [ "$4" -gt 0 ] || ! [ "$4" -le "$reach" ] || ! [ "$4" -ge $((reach - conf - 2)) ]; then
		echo "$2: expires in $4 s; reachable time $reach s, confirmed $conf s ago"
		return 1
	fi
}

# check_text_expiry NS TEXT: every REACHABLE entry of the text (IPv4 "expires in N
# seconds", IPv6 Expire column) passes check_expiry; prints how many there were.
check_text_expiry() {
	local ns=$1 line n=0 re4='^[^ ]+ \(([^ ]+)\) at .* on (.*) expires in ([0-9]+) seconds'

	while IFS= read -r line; do
		if [[ $line =~ $re4 ]]; then
			check_expiry "$ns" "${BASH_REMATCH[1]}" a0 "${BASH_REMATCH[3]}" || return 1
			n=$((n + 1))
		elif [[ ${line:62} =~ ^([0-9]+)s\ +R\  ]]; then
			check_expiry "$ns" "${line%% *}" a0 "${BASH_REMATCH[1]}" || return 1
			n=$((n + 1))
		fi
	done <<< "$2"
	echo "$n"
}

# normalise TEXT: the tool's text with each table's rows sorted (the kernel lists
# entries in hash order, which varies) and the seconds left of REACHABLE entries made
# N (check their range first with check_text_expiry). Empty lines and the NDP header
# stay where they are.
normalise() {
	local line block=()

	while IFS= read -r line; do
		if [ -z "$line" ] || [[ $line == "Neighbor "* ]]; then
			[ "${#block[@]}" -gt 0 ] && printf '%s\n' "${block[@]}" | sort
			block=()
			printf '%s\n' "$line"
		else
			block+=("$line")
		fi
	done < <(printf '%s\n' "$1" |
		sed -E 's/ expires in [0-9]+ seconds/ expires in N seconds/;
		    s/^(.{62})[0-9]+s {7,8}R /\1Ns        R /')
	[ "${#block[@]}" -gt 0 ] && printf '%s\n' "${block[@]}" | sort
	return 0
}

# ---- what --flush and --flush-all owe, from ip's view ------------------------------

# ip_neigh NS [-4|-6] [FILTER...]: `ip -j neigh show` in NS, the family option first.
ip_neigh() {
	local ns=$1 famopt=()

	shift
	case ${1:-} in -4 | -6) famopt=("$1"); shift ;; esac
	ip -n "$ns" "${famopt[@]}" -j neigh show "$@"
}

# addrs NS [-4|-6] [FILTER...]: the addresses ip shows, with %dev for link-local ones,
# sorted.
addrs() {
	ip_neigh "$@" | jq -r '.[] |
		if (.dst | test("^fe[89ab][0-9a-f]:")) then .dst + "%" + .dev else .dst end' | sort
}

# deleted_lines NS [-4|-6] [FILTER...]: the lines --flush owes for the dynamic entries
# ip shows.
deleted_lines() {
	ip_neigh "$@" | jq -r '.[] | select(.state[0] != "PERMANENT") |
		(if (.dst | test("^fe[89ab][0-9a-f]:")) then .dst + "%" + .dev else .dst end) |
		"\(.) (\(.)) deleted"' | sort
}

# ---- entries as tuples "ADDRESS LLADDR STATE INTERFACE", to compare with ip ---------
# LLADDR is "-" when there is none; link-local IPv6 addresses carry %DEV.

# peer_tuples NS FAMILY(4|6) [COARSE] [ip neigh filter...]: what `ip -j neigh show`
# reports. With COARSE=1, states other than permanent and reachable are "expired", as
# the IPv4 text shows them.
peer_tuples() {
	local ns=$1 fam=$2 coarse=${3:-0} dev="" a prev=""

	shift 3
	# ip leaves "dev" out of each entry when the filter names it
	for a in "$@"; do
		[ "$prev" = dev ] && dev=$a
		prev=$a
	done
	ip -n "$ns" "-$fam" -j neigh show "$@" |
		jq -r --argjson coarse "$coarse" --arg dev "$dev" '.[] | .dev = (.dev // $dev) |
		(.state[0] | ascii_downcase) as $s |
		[ (if (.dst | test("^fe[89ab][0-9a-f]:")) then .dst + "%" + .dev else .dst end),
		  (.lladdr // "-"),
		  (if $coarse == 1 and ($s != "permanent" and $s != "reachable")
		   then "expired" else $s end),
		  .dev ] | join(" ")'
	# without "to", the host's own addresses too, which FreeBSD lists as permanent
	# entries: from ip addr, on links with a link-layer address other than lo's
	[[ " $* " == *" to "* ]] || own_tuples "$ns" "$fam" "$dev"
}

# own_tuples NS FAMILY(4|6) [DEV]: the host's own addresses as permanent entries,
# with the link-layer address of their link, as `ip addr` shows them.
own_tuples() {
	# without -4 or -6: ip leaves the link's fields out with either
	ip -n "$1" -j addr show ${3:+dev "$3"} |
		jq -r --arg f "$([ "$2" = 4 ] && echo inet || echo inet6)" '.[] |
		select(.link_type != "loopback" and (.address // "") != "") |
		. as $l | .addr_info[] | select(.family == $f) |
		[ (if (.local | test("^fe[89ab][0-9a-f]:")) then .local + "%" + $l.ifname
		   else .local end), $l.address, "permanent", $l.ifname ] | join(" ")'
}

# json_tuples JSON: the tuples of the tool's JSON (mac as ip's lladdr, interface the
# kernel name as ip's dev).
json_tuples() {
	printf '%s\n' "$1" |
		jq -r '.[] | [.address, (.mac // "-"), .state, .interface] | join(" ")'
}

# text_tuples TEXT: the tuples of the tool's text. IPv4 states are coarse (permanent,
# reachable, expired); IPv6 states come from the S column (R is reachable unless
# the entry is permanent). Lines that are neither are reported and fail.
text_tuples() {
	local line st ll
	local re4='^[^ ]+ \(([^ ]+)\) at ([^ ]+) on (.*) (permanent|expires in [0-9]+ seconds|expired)( \[[a-z]+\])?$'
	local re6='^([^ ]+) +([^ ]+) +(.+) ([^ ]+) +([A-Z?]) (R?)$'

	while IFS= read -r line; do
		[ -z "$line" ] || [[ $line == "Neighbor "* ]] && continue
		if [[ $line =~ $re4 ]]; then
			case ${BASH_REMATCH[4]} in
			permanent) st=permanent ;;
			expired) st=expired ;;
			*) st=reachable ;;
			esac
			ll=${BASH_REMATCH[2]}
			[ "$ll" = "(incomplete)" ] && ll=-
			echo "${BASH_REMATCH[1]} $ll $st ${BASH_REMATCH[3]}"
		elif [[ $line =~ $re6 ]]; then
			case ${BASH_REMATCH[5]}:${BASH_REMATCH[4]} in
			R:permanent) st=permanent ;;
			R:*) st=reachable ;;
			S:*) st=stale ;;
			I:*) st=incomplete ;;
			W:*) st=failed ;;
			D:*) st=delay ;;
			P:*) st=probe ;;
			N:*) st=none ;;
			*) st=unknown ;;
			esac
			ll=${BASH_REMATCH[2]}
			[ "$ll" = "(incomplete)" ] && ll=-
			# the Netif column is right-aligned
			echo "${BASH_REMATCH[1]} $ll $st $(sed 's/^ *//' <<< "${BASH_REMATCH[3]}")"
		else
			echo "unparsable line: [$line]"
		fi
	done <<< "$1"
}

# peer_compare NS FAMILY MODE(text|json) ARGS...: runs the tool with ARGS in NS
# between two snapshots of `ip neigh`; when both snapshots agree, the tool's entries
# (as tuples) must be theirs. Timers may change a state meanwhile (REACHABLE turning
# STALE, FAILED entries collected), so it tries up to 3 times. The tool's status must
# be 0 and its stderr empty; $output is left for the caller. The array PEER_FILTER,
# when set, is passed to `ip neigh show` (e.g. dev a1, for a tool run with -i a1).
peer_compare() {
	local ns=$1 fam=$2 mode=$3 coarse=0 try before after mine

	shift 3
	[ "$mode" = text ] && [ "$fam" = 4 ] && coarse=1
	for try in 1 2 3; do
		before=$(peer_tuples "$ns" "$fam" "$coarse" "${PEER_FILTER[@]}") || return 1
		run --separate-stderr arpshow "$ns" "$@"
		after=$(peer_tuples "$ns" "$fam" "$coarse" "${PEER_FILTER[@]}") || return 1
		[ "$before" = "$after" ] || continue
		esa_status 0 && esa_no_stderr || return 1
		if [ "$mode" = json ]; then
			mine=$(json_tuples "$output") || return 1
		else
			mine=$(text_tuples "$output")
		fi
		esa_sets_eq "$mine" "$before" "entries (tool vs ip -$fam neigh)"
		return
	done
	echo "the table kept changing under the test (3 tries)"
	return 1
}

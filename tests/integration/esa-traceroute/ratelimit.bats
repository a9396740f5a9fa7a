#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# ratelimit.bats - esa-traceroute under the ICMP rate limits every Linux host applies.
# Unlike the other files of the suite, these chains KEEP the kernel's default limits
# (chain_build N limited): a host answers a burst of errors, then about one per
# interval per source (net.ipv4.icmp_ratelimit, 1 s with a burst of 6; the ICMPv6
# ratelimit, shifted by the prefix length; net.ipv4.route.error_cost for unreachable
# routes). Runs follow each other with no pause, so the buckets are empty when a run
# starts; the hop count and the last address must be right every time, as root
# (errors read on a raw socket: the quoted TTL) and as nobody (probing again).

load ../lib
load common

setup() {
	tr_setup
	BIN=$BATS_TEST_TMPDIR/bin
	# nobody cannot read the checkout: a copy it can run
	mkdir -p "$BIN" && cp "$TR" "$BIN/" && ln -s esa-traceroute "$BIN/esa-traceroute6" &&
		chmod -R a+rx "$BATS_TEST_TMPDIR"
}

teardown() {
	esa_cleanup
}

# as WHO PROGRAM ARGS...: PROGRAM (esa-traceroute or esa-traceroute6) run from the
# source namespace as root or as nobody (no capability at all), bounded in time.
as() {
	local who=$1 prog=$2

	shift 2
	if [ "$who" = root ]; then
		in_ns "$SRC" "$BIN/$prog" "$@"
	else
		in_ns "$SRC" setpriv --reuid=nobody --regid=nogroup --clear-groups \
			--inh-caps=-all --bounding-set=-all "$BIN/$prog" "$@"
	fi
}

# routers_may_be_silent: from hop_list's lines on stdin, those of the routers (not the
# last) that got no answer at all take the router's address from the chain: a router's
# own bucket may be empty after the runs before (a test of its own below).
routers_may_be_silent() {
	local fam=$1 k a

	while read -r k a; do
		if [ "$a" = '*' ] && [ "$k" -le "$CHAIN" ]; then
			a=$(expected_hops "$fam" "$k" "$k" | cut -d' ' -f2)
		fi
		echo "$k $a"
	done
}

# runs N FAMILY WHO ARGS...: N runs in a row, no pause; each must exit 0 and list the
# chain's hops (a router may show * * *), the destination last and nothing beyond (the
# hops come from the chain's addressing, common.bash). Says which run went wrong.
runs() {
	local n=$1 fam=$2 who=$3 prog=esa-traceroute dst=$DST4 i want

	shift 3
	[ "$fam" = 6 ] && prog=esa-traceroute6 dst=$DST6
	want=$(expected_hops "$fam" 1 $((CHAIN + 1)))
	for i in $(seq 1 "$n"); do
		run --separate-stderr as "$who" "$prog" -n "$@" "$dst"
		esa_status 0 || { echo "run $i of $n ($who, IPv$fam $*)"; return 1; }
		esa_eq "$(hop_list <<< "$output" | routers_may_be_silent "$fam")" "$want" \
			"hops of run $i of $n ($who, IPv$fam $*)" || return 1
	done
}

# full_last_hop: the last line of the last run holds three times (the last hop's
# missing answers were asked for again, paced to the bucket)
full_last_hop() {
	esa_eq "$(tail -n 1 <<< "$output" | grep -o ' ms' | wc -l)" 3 "answers of the last hop"
}

@test "the reproduction: a second run right after the first places the destination at hop 2" {
	chain_build 1 limited
	for who in root nobody; do
		runs 2 4 "$who"
		full_last_hop
		runs 2 6 "$who"
		full_last_hop
	done
}

@test "ten runs in a row, IPv4 and IPv6, UDP and -I, as root and as nobody" {
	chain_build 1 limited
	# nobody's -I needs a datagram ICMP socket: its group in the range, in this
	# namespace only (the host's range stays "1 0")
	ip netns exec "$SRC" sysctl -qw net.ipv4.ping_group_range="0 2147483647"
	for who in root nobody; do
		for fam in 4 6; do
			runs 10 "$fam" "$who"
			runs 10 "$fam" "$who" -I
		done
	done
}

@test "an unreachable route one hop away: hop 1 with !H (!N in IPv6) every run, nothing beyond" {
	chain_build 1 limited
	ip -n "${NS[1]}" route add unreachable "$DST4"/32
	ip -n "${NS[1]}" -6 route add unreachable "$DST6"/128
	# a Linux router charges an IPv4 unreachable to two buckets (route errors, then
	# ICMP), so after its burst it gives one every 2 s: the probes it leaves unanswered
	# within -w show as "*", and the trace still stops there
	for who in root nobody; do
		for i in 1 2 3; do
			run --separate-stderr as "$who" esa-traceroute -n "$DST4"
			esa_status 1
			esa_eq "$(wc -l <<< "$output")" 1 "lines of run $i as $who"
			[[ $(normalise <<< "$output") =~ ^\ 1\ \ $(v4 0 2)(\ \ x\.xxx\ ms\ !H|\ \*)+$ ]]
			[[ $output == *'!H'* ]]
			run --separate-stderr as "$who" esa-traceroute6 -n "$DST6"
			esa_status 1
			esa_eq "$(wc -l <<< "$output")" 1 "IPv6 lines of run $i as $who"
			esa_eq "$(hop_list <<< "$output")" "1 $(v6 0 2)" "IPv6 run $i as $who"
			[[ $output == *'!N'* ]]
		done
	done
}

@test "-v names the mode: errors read whole as root, probing again as nobody" {
	chain_build 1 limited
	run --separate-stderr as root esa-traceroute -v -n "$DST4"
	esa_status 0
	esa_eq "${stderr_lines[1]}" "esa-traceroute: errors read whole (raw socket): the end of the path is placed by the quoted TTL (probe TTL - quoted TTL + 1)"
	run --separate-stderr as nobody esa-traceroute -v -n "$DST4"
	esa_status 0
	esa_eq "${stderr_lines[1]}" "esa-traceroute: errors without their quote (no CAP_NET_RAW): hops that got nothing are probed again until the lowest TTL reaching the end is known"
}

@test "a router that rate-limits its time exceeded: * * * once its bucket is empty, the destination still at hop 2" {
	chain_build 1 limited
	# router 1 gets a token a minute: its burst of 6 answers lasts two runs
	ip netns exec "${NS[1]}" sysctl -qw net.ipv4.icmp_ratelimit=60000 \
		net.ipv6.icmp.ratelimit=60000
	for who in root nobody; do
		for i in 1 2 3 4; do
			run --separate-stderr as "$who" esa-traceroute -n "$DST4"
			esa_status 0
			esa_eq "$(hop_list <<< "$output" | sed 1d)" "2 $DST4" "run $i as $who"
			[[ $(sed -n 1p <<< "$output") == " 1  "* ]]
		done
		# the bucket is empty now
		esa_eq "$(sed -n 1p <<< "$output")" " 1  * * *" "the silenced router, as $who"
	done
}

@test "16 routers: ten runs in a row, as root and as nobody" {
	chain_build 16 limited
	for who in root nobody; do
		runs 10 4 "$who"
		runs 3 6 "$who"
	done
}

@test "the destination 30 hops away, beyond one batch of -N: right in ten runs in a row" {
	chain_build 29 limited
	for who in root nobody; do
		runs 10 4 "$who"
		runs 3 6 "$who"
	done
}

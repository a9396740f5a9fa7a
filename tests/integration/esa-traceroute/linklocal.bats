#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# linklocal.bats - esa-traceroute6 to a link-local address over a veth pair: with
# %interface, a numeric %index, and -i, as Debian's traceroute traces it; without a
# zone, one line saying one is needed.

load ../lib
load common

setup() {
	tr_setup
	A=$(esa_ns_new a) B=$(esa_ns_new b)
	esa_veth "$A" a0 "$B" b0
	ip -n "$A" addr add fe80::1/64 dev a0 nodad
	ip -n "$B" addr add fe80::2/64 dev b0 nodad
	IDX=$(ip netns exec "$A" cat /sys/class/net/a0/ifindex)
}

teardown() {
	esa_cleanup
}

# debian ARGS...: the hop list of Debian's traceroute -6 -n -q 1 ARGS in A, its
# addresses without their %zone.
debian() {
	in_ns "$A" traceroute -6 -n -q 1 "$@" | sed -E 's/%[^ ]+//g' | hop_list
}

# ours ARGS...: esa-traceroute6 -n -q 1 ARGS in A: status 0, fe80::2 at hop 1.
ours() {
	run --separate-stderr in_ns "$A" "$TR6" -n -q 1 "$@"
	esa_status 0
	esa_eq "$(hop_list <<< "$output")" "1 fe80::2" "hop list of $*"
}

@test "fe80::2%a0, fe80::2%INDEX and -i a0 fe80::2: one hop, reached, as Debian's traceroute" {
	esa_eq "$(debian fe80::2%a0)" "1 fe80::2" "Debian's hop list"
	ours fe80::2%a0
	esa_eq "$stderr" "traceroute6 to fe80::2%a0 (fe80::2) from fe80::1, 64 hops max, 12 byte packets"
	ours -I fe80::2%a0
	esa_eq "$(debian "fe80::2%$IDX")" "1 fe80::2" "Debian's hop list, numeric zone"
	ours "fe80::2%$IDX"
	ours -I "fe80::2%$IDX"
	esa_eq "$(debian -i a0 fe80::2)" "1 fe80::2" "Debian's hop list, -i"
	ours -i a0 fe80::2
	ours -I -i a0 fe80::2
	# a link-local source with it
	ours -s fe80::1 fe80::2%a0
}

@test "a link-local address without a zone: one line saying it needs one, status 2" {
	esa_one_error "esa-traceroute6: fe80::2: link-local address needs %interface" \
		in_ns "$A" "$TR6" -n fe80::2
	esa_one_error "esa-traceroute6: fe80::2: link-local address needs %interface" \
		in_ns "$A" "$TR6" -n -I fe80::2
	esa_one_error "esa-traceroute6: 9999: no such interface" \
		in_ns "$A" "$TR6" -n fe80::2%9999
}

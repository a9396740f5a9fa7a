#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# json.bats - esa-arpshow -j: a valid document, the documented keys and types only,
# absent values left out, and every entry's fields equal to `ip -j -s neigh show`.

load ../lib
load common

setup() {
	arp_setup
	arp_topology
	arp_fill
	arp_reach
}

teardown() {
	esa_cleanup
}

# The keys the man page lists.
KEYS='["family","address","hostname","mac","interface","alias","ifindex","state","expires_s",
	"permanent","router","probes_sent","link_type","local"]'

@test "-j: documented keys with their types, no nulls, mac and expires_s only when due" {
	run --separate-stderr arpshow "$A" -n -j
	esa_status 0
	esa_no_stderr
	jq -e --argjson keys "$KEYS" '
		type == "array" and length == 12 and all(.[];
			(keys - $keys) == [] and ([.[] | select(. == null)] | length) == 0 and
			(.family == "inet" or .family == "inet6") and
			(.address | type) == "string" and (.interface | type) == "string" and
			(.ifindex | type) == "number" and (.state | type) == "string" and
			(.permanent | type) == "boolean" and (.router | type) == "boolean" and
			(.probes_sent | type) == "number" and .link_type == "ethernet" and
			(has("hostname") | not) and (has("alias") | not) and
			((.state == "incomplete" or .state == "failed") == (has("mac") | not)) and
			((.state == "reachable") == has("expires_s")) and
			(.permanent == (.state == "permanent")) and
			(has("local") | not) or .local == true and .state == "permanent")' <<< "$output"
	# the host's own addresses on a0, as FreeBSD's arp -a and ndp -a list them
	esa_eq "$(jq -r '[.[] | select(.local) | .address] | join(" ")' <<< "$output")" \
		"192.0.2.1 2001:db8::1 $A_LL%a0" "own addresses"
	# inet first, then inet6, as in the text
	jq -e '[.[].family] | . == sort' <<< "$output"
	jq -e '[.[] | select(.router)] | map(.address) == ["2001:db8::10"]' <<< "$output"
}

@test "-j: every entry equals ip's: address, mac (lladdr), state, interface, ifindex, probes_sent" {
	local fam ifindex

	ifindex=$(ip -n "$A" -j link show dev a0 | jq -e '.[0].ifindex')
	for fam in 4 6; do
		peer_compare "$A" "$fam" json -n -j "-$fam"
		jq -e --argjson i "$ifindex" 'all(.[]; .ifindex == $i)' <<< "$output"
	done
	# probes and router as ip -s shows them (stable entries only: the reachable
	# ones may be probed meanwhile)
	run --separate-stderr arpshow "$A" -n -j
	esa_status 0
	esa_eq "$(jq -r '.[] | select(.state != "reachable" and (.local | not)) |
		"\(.address) \(.probes_sent) \(.router)"' <<< "$output" | sort)" \
		"$(ip -n "$A" -s -j neigh show | jq -r '.[] | select(.state[0] != "REACHABLE") |
		"\(.dst) \(.probes) \(has("router"))"' | sort)" "probes and router vs ip -s"
}

@test "-j: expires_s of REACHABLE entries is in range and agrees with the text" {
	local addr n

	run --separate-stderr arpshow "$A" -n -j
	esa_status 0
	esa_no_stderr
	esa_eq "$(jq '[.[] | select(.state == "reachable")] | length' <<< "$output")" 3 \
		"reachable entries"
	while read -r addr n; do
		check_expiry "$A" "$addr" a0 "$n"
	done < <(jq -r '.[] | select(.state == "reachable") | "\(.address) \(.expires_s)"' \
		<<< "$output")
}

@test "-j -4 and -j -6 hold only their family; esa-ndpshow -j only inet6" {
	run --separate-stderr arpshow "$A" -n -j -4
	esa_status 0
	esa_no_stderr
	jq -e 'length == 5 and all(.[]; .family == "inet")' <<< "$output"
	run --separate-stderr arpshow "$A" -n -j -6
	esa_status 0
	jq -e 'length == 7 and all(.[]; .family == "inet6")' <<< "$output"
	local six=$output
	run --separate-stderr ndpshow "$A" -n -j
	esa_status 0
	esa_no_stderr
	esa_sets_eq "$(json_tuples "$output")" "$(json_tuples "$six")" "esa-ndpshow -j vs -j -6"
}

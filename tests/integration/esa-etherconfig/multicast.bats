#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# multicast.bats - esa-etherconfig multicast: reject installs our own nftables table
# (arp family), accept deletes it; checked with nft and with a real ARP reply whose
# sender MAC is multicast, sent from the peer namespace (tests/tools/arpreply.c).

load ../lib
load common

GROUP_MAC=01:00:5e:00:00:01
OLD_MAC=02:00:00:00:0b:99

setup() {
	ec_setup
	ARPREPLY=$(esa_bin tests/arpreply)
	# an entry for B that a reply may update; no lock time so that it may at once
	in_ns "$A" sysctl -qw net.ipv4.neigh.a0.locktime=0
	ip -n "$A" neigh replace 192.0.2.2 lladdr "$OLD_MAC" nud stale dev a0
}

teardown() {
	esa_cleanup
}

# send_reply: B tells A, in an ARP reply, that 192.0.2.2 is at GROUP_MAC.
send_reply() {
	in_ns "$B" "$ARPREPLY" b0 "$A_MAC" "$GROUP_MAC" 192.0.2.2 192.0.2.1
}

neigh_mac() {
	ip -n "$A" -j neigh show 192.0.2.2 dev a0 | jq -r '.[0].lladdr'
}

@test "multicast shows accept by default, and no table of ours exists" {
	run --separate-stderr ec "$A" multicast
	esa_status 0
	esa_eq "$output" "Appliance is configured to accept ARP replies with a multicast address."
	run --separate-stderr ec "$A" multicast -j
	esa_eq "$(jq -c . <<< "$output")" '{"arp_multicast_replies":true}'
	esa_eq "$(in_ns "$A" nft list ruleset)" ""
}

@test "reject: our table drops the reply; accept: the table is gone and the reply is learnt" {
	run --separate-stderr ec "$A" multicast reject
	esa_status 0
	esa_no_stderr
	esa_eq "$output" "ARP replies with a multicast address are now rejected (nftables table arp esa_etherconfig added)"
	esa_golden multicast-ruleset "$(in_ns "$A" nft list ruleset | sed 's/packets [0-9]* bytes [0-9]*/packets N bytes N/')"
	run --separate-stderr ec "$A" multicast show
	esa_eq "$output" "Appliance is configured to reject ARP replies with a multicast address."
	run --separate-stderr ec "$A" multicast -j
	esa_eq "$(jq -c . <<< "$output")" '{"arp_multicast_replies":false}'
	send_reply
	# the rule counted it, and the neighbour entry kept its old MAC
	esa_wait_for 5 bash -c "ip netns exec $A nft list table arp esa_etherconfig | grep -q 'packets 1 '"
	esa_eq "$(neigh_mac)" "$OLD_MAC" "entry after a dropped reply"

	run --separate-stderr ec "$A" multicast accept
	esa_status 0
	esa_eq "$output" "ARP replies with a multicast address are now accepted (nftables table arp esa_etherconfig deleted)"
	esa_eq "$(in_ns "$A" nft list ruleset)" "" ruleset
	send_reply
	esa_wait_for 5 bash -c "[ \"\$(ip -n $A -j neigh show 192.0.2.2 dev a0 | jq -r '.[0].lladdr')\" = $GROUP_MAC ]"
}

@test "a reply with a unicast sender MAC is not dropped by reject" {
	run --separate-stderr ec "$A" multicast reject
	esa_status 0
	in_ns "$B" "$ARPREPLY" b0 "$A_MAC" 02:00:00:00:0b:42 192.0.2.2 192.0.2.1
	esa_wait_for 5 bash -c "[ \"\$(ip -n $A -j neigh show 192.0.2.2 dev a0 | jq -r '.[0].lladdr')\" = 02:00:00:00:0b:42 ]"
}

@test "nothing else in the ruleset is touched" {
	local other

	in_ns "$A" nft -f - <<-'EOF2'
	table inet keepme {
		chain c {
			type filter hook input priority 0; policy accept;
			tcp dport 25 counter accept
		}
	}
	table arp keepme2 {
		chain c {
			type filter hook input priority 10; policy accept;
		}
	}
	EOF2
	other=$(in_ns "$A" nft list ruleset)
	run --separate-stderr ec "$A" multicast reject
	esa_status 0
	run --separate-stderr ec "$A" multicast accept
	esa_status 0
	esa_eq "$(in_ns "$A" nft list ruleset)" "$other" ruleset
}

@test "reject twice and accept when accepting: exit 1, nothing changed" {
	run --separate-stderr ec "$A" multicast accept
	esa_status 1
	esa_eq "$output" "" stdout
	esa_eq "$stderr" "esa-etherconfig: multicast: ARP replies with a multicast address are already accepted"
	run --separate-stderr ec "$A" multicast reject
	esa_status 0
	run --separate-stderr ec "$A" multicast reject
	esa_status 1
	esa_eq "$stderr" "esa-etherconfig: multicast: ARP replies with a multicast address are already rejected"
	esa_eq "$(in_ns "$A" nft list tables)" "table arp esa_etherconfig"
}

@test "multicast as nobody: a change names CAP_NET_ADMIN; so does show (the kernel shows no ruleset)" {
	run --separate-stderr ec_nobody "$A" multicast reject
	esa_status 2
	esa_eq "$stderr" "esa-etherconfig: multicast: Operation not permitted (needs CAP_NET_ADMIN)"
	esa_eq "$(in_ns "$A" nft list ruleset)" ""
	run --separate-stderr ec_nobody "$A" multicast
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "$stderr" "esa-etherconfig: multicast: reading the ruleset: Operation not permitted (needs CAP_NET_ADMIN)"
}

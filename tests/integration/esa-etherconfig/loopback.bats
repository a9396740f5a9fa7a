#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# loopback.bats - esa-etherconfig loopback: enable puts ADDR/32 (/128) on lo and sets
# arp_ignore=1, arp_announce=2; disable removes it and restores what enable found.

load ../lib
load common

setup() {
	ec_setup
}

teardown() {
	esa_cleanup
	[ -z "${NOBODY_STATE:-}" ] || rm -rf "$NOBODY_STATE"
}

sysctls() {
	in_ns "$1" sysctl -n net.ipv4.conf.all.arp_ignore net.ipv4.conf.all.arp_announce | paste -sd' '
}

# lo_addrs NS: the addresses on lo that are not loopback ones, "ADDR/LEN" a line.
lo_addrs() {
	ip -n "$1" -j addr show dev lo |
		jq -r '.[0].addr_info[] | select(.local != "127.0.0.1" and .local != "::1") |
			"\(.local)/\(.prefixlen)"'
}

@test "loopback is disabled by default" {
	run --separate-stderr ec "$A" loopback
	esa_status 0
	esa_eq "$output" "Loopback interface is disabled."
	run --separate-stderr ec "$A" loopback show
	esa_eq "$output" "Loopback interface is disabled."
	run --separate-stderr ec "$A" loopback -j
	esa_eq "$(jq -c . <<< "$output")" '{"enabled":false,"arp_ignore":0,"arp_announce":0}'
}

@test "enable then disable: address and sysctls set, then removed and restored" {
	in_ns "$A" sysctl -qw net.ipv4.conf.all.arp_announce=1
	run --separate-stderr ec "$A" loopback enable 192.0.2.10
	esa_status 0
	esa_no_stderr
	esa_eq "$output" "Loopback interface enabled: 192.0.2.10/32 on lo, arp_ignore 1 (was 0), arp_announce 2 (was 1)"
	esa_eq "$(lo_addrs "$A")" "192.0.2.10/32" "lo addresses"
	esa_eq "$(sysctls "$A")" "1 2" "arp_ignore arp_announce"
	run --separate-stderr ec "$A" loopback
	esa_eq "$output" "Loopback interface is enabled with address 192.0.2.10."
	run --separate-stderr ec "$A" loopback -j
	esa_eq "$(jq -c . <<< "$output")" '{"enabled":true,"address":"192.0.2.10","prefix_len":32,"present":true,"saved_arp_ignore":0,"saved_arp_announce":1,"arp_ignore":1,"arp_announce":2}'
	# the host's own namespace is untouched
	esa_eq "$(ip -j addr show dev lo | jq -r '.[0].addr_info[] | select(.local == "192.0.2.10") | .local')" "" \
		"the host's lo"

	run --separate-stderr ec "$A" loopback disable
	esa_status 0
	esa_eq "$output" "Loopback interface disabled: 192.0.2.10/32 removed from lo, arp_ignore 0 and arp_announce 1 restored"
	esa_eq "$(lo_addrs "$A")" "" "lo addresses"
	esa_eq "$(sysctls "$A")" "0 1" "arp_ignore arp_announce"
	esa_eq "$(ls -A "$STATE_DIR")" "" "state files left"
	run --separate-stderr ec "$A" loopback
	esa_eq "$output" "Loopback interface is disabled."
}

@test "the highest values the kernel gives meaning to (8 and 2) are restored too" {
	in_ns "$A" sysctl -qw net.ipv4.conf.all.arp_ignore=8 net.ipv4.conf.all.arp_announce=2
	run --separate-stderr ec "$A" loopback enable 192.0.2.10
	esa_status 0
	esa_eq "$(sysctls "$A")" "1 2"
	run --separate-stderr ec "$A" loopback disable
	esa_status 0
	esa_no_stderr
	esa_eq "$(sysctls "$A")" "8 2" "arp_ignore arp_announce restored"
	esa_eq "$(lo_addrs "$A")" "" "lo addresses"
}

@test "a negative arp_announce cannot be saved: enable names it, nothing changed" {
	local before

	in_ns "$A" sysctl -qw net.ipv4.conf.all.arp_announce=-1
	before=$(snapshot "$A")
	run --separate-stderr ec "$A" loopback enable 192.0.2.10
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "$stderr" "esa-etherconfig: loopback: reading /proc/sys/net/ipv4/conf/all/arp_announce: Numerical result out of range"
	esa_eq "$(snapshot "$A")" "$before" "namespace state"
}

@test "enable an IPv6 address: /128 on lo" {
	run --separate-stderr ec "$A" loopback enable 2001:db8::10
	esa_status 0
	esa_eq "$(lo_addrs "$A")" "2001:db8::10/128" "lo addresses"
	esa_eq "$(sysctls "$A")" "1 2"
	run --separate-stderr ec "$A" loopback disable
	esa_status 0
	esa_eq "$(lo_addrs "$A")" ""
	esa_eq "$(sysctls "$A")" "0 0"
}

@test "each namespace has its own state: enabling in one leaves another disabled" {
	run --separate-stderr ec "$A" loopback enable 192.0.2.10
	esa_status 0
	run --separate-stderr ec "$B" loopback
	esa_eq "$output" "Loopback interface is disabled."
	run --separate-stderr ec "$B" loopback disable
	esa_status 1
	esa_eq "$stderr" "esa-etherconfig: loopback: not enabled"
	esa_eq "$(lo_addrs "$A")" "192.0.2.10/32"
}

@test "enable twice is refused (exit 1); disable when disabled says so (exit 1)" {
	run --separate-stderr ec "$A" loopback enable 192.0.2.10
	esa_status 0
	run --separate-stderr ec "$A" loopback enable 192.0.2.11
	esa_status 1
	esa_eq "$output" "" stdout
	esa_eq "$stderr" "esa-etherconfig: loopback: already enabled with 192.0.2.10 (disable it first)"
	esa_eq "$(lo_addrs "$A")" "192.0.2.10/32"
	run --separate-stderr ec "$A" loopback disable
	esa_status 0
	run --separate-stderr ec "$A" loopback disable
	esa_status 1
	esa_eq "$stderr" "esa-etherconfig: loopback: not enabled"
}

@test "an address removed behind our back: show says so, disable still restores" {
	run --separate-stderr ec "$A" loopback enable 192.0.2.10
	ip -n "$A" addr del 192.0.2.10/32 dev lo
	run --separate-stderr ec "$A" loopback
	esa_eq "$output" "Loopback interface is enabled with address 192.0.2.10, but lo no longer carries it."
	run --separate-stderr ec "$A" loopback disable
	esa_status 0
	esa_eq "$(sysctls "$A")" "0 0"
}

@test "an address lo already has is refused, and nothing is left changed" {
	local before

	ip -n "$A" addr add 192.0.2.10/32 dev lo
	before=$(snapshot "$A")
	run --separate-stderr ec "$A" loopback enable 192.0.2.10
	esa_status 2
	esa_eq "$stderr" "esa-etherconfig: loopback: 192.0.2.10 is already an address of lo"
	esa_eq "$(snapshot "$A")" "$before" "namespace state"
}

@test "loopback as nobody: show works, enable names CAP_NET_ADMIN" {
	# a state directory nobody can read (the test's own is root's only)
	NOBODY_STATE=$(mktemp -d /tmp/esa-ec-state-XXXXXX)
	STATE_DIR=$NOBODY_STATE
	chmod 755 "$STATE_DIR"
	run --separate-stderr ec "$A" loopback enable 192.0.2.10
	esa_status 0
	run --separate-stderr ec_nobody "$A" loopback
	esa_status 0
	esa_eq "$output" "Loopback interface is enabled with address 192.0.2.10."
	run --separate-stderr ec_nobody "$A" loopback disable
	esa_status 2
	esa_eq "$stderr" "esa-etherconfig: loopback: Operation not permitted (needs CAP_NET_ADMIN)"
	esa_eq "$(lo_addrs "$A")" "192.0.2.10/32"
	run --separate-stderr ec "$A" loopback disable
	esa_status 0
	run --separate-stderr ec_nobody "$A" loopback
	esa_status 0
	esa_eq "$output" "Loopback interface is disabled."
	run --separate-stderr ec_nobody "$A" loopback enable 192.0.2.10
	esa_status 2
	esa_eq "$stderr" "esa-etherconfig: loopback: Operation not permitted (needs CAP_NET_ADMIN)"
	esa_eq "$(lo_addrs "$A")" ""
}

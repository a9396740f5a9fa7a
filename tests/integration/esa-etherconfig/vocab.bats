#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# vocab.bats - every esa-etherconfig -j view's keys are esa-tools(7)'s, with their types
# (../json_vocab.py): each view before and after a change, so that the keys of both
# states show (loopback enabled, multicast replies rejected, a VLAN with an alias when
# the kernel has 8021q).

load ../lib
load common

setup() {
	ec_setup
}

teardown() {
	esa_cleanup
}

# vocab ARGS...: esa-etherconfig ARGS in A, its output through the check; prints the
# violations, a failing run or stderr, and fails.
vocab() {
	local out

	out=$(ec "$A" "$@" 2> "$BATS_TEST_TMPDIR/err") && [ ! -s "$BATS_TEST_TMPDIR/err" ] ||
		{ echo "esa-etherconfig $*: failed: $(cat "$BATS_TEST_TMPDIR/err")"; return 1; }
	printf '%s\n' "$out" >> "$BATS_TEST_TMPDIR/all.json"
	python3 "$ESA_SRCDIR/tests/integration/json_vocab.py" document "esa-etherconfig $*" \
		<<< "$out" 2>&1
}

# every_view: each listing's -j through vocab; fails when one did, after all ran.
every_view() {
	local bad=0 view

	for view in media vlan loopback mtu multicast; do
		vocab "$view" -j || bad=1
	done
	return "$bad"
}

@test "every -j key is in esa-tools(7)'s vocabulary, with its type" {
	every_view
	ec "$A" loopback enable 192.0.2.10 > /dev/null
	ec "$A" multicast reject > /dev/null
	every_view
	# the keys that show only after the changes were there to be checked
	jq -se '[.[] | if type == "array" then .[] else . end | keys[]] | unique |
		(["alias", "interface", "ifindex", "mac", "address", "saved_arp_ignore",
		  "arp_multicast_replies", "min_mtu", "max_mtu"] - .) == []' \
		"$BATS_TEST_TMPDIR/all.json" > /dev/null || { cat "$BATS_TEST_TMPDIR/all.json"; false; }
}

# bats test_tags=vm
@test "every -j key is in esa-tools(7)'s vocabulary: a VLAN, with an alias" {
	esa_skip_unless_kernel vlan
	ec "$A" vlan add a0 34 > /dev/null
	ip -n "$A" link set a0.34 alias "Vlan 34"
	every_view
	jq -se '[.[] | if type == "array" then .[] else . end | keys[]] | unique |
		(["vid", "parent_interface", "parent_ifindex", "parent_alias"] - .) == []' \
		"$BATS_TEST_TMPDIR/all.json" > /dev/null || { cat "$BATS_TEST_TMPDIR/all.json"; false; }
}

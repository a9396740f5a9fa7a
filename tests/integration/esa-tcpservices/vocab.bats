#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# vocab.bats - esa-tcpservices -j: every key is esa-tools(7)'s, with its type
# (../json_vocab.py), with listeners of both families and protocols, legend entries
# and users.

load ../lib
load common

setup() {
	tcps_setup
	tcps_topology
}

teardown() {
	tcps_teardown
}

@test "every -j key is in esa-tools(7)'s vocabulary, with its type" {
	local args bad=0 out

	for args in "-j" "-n -u -j" "-4 -j" "-6 -u -j"; do
		# shellcheck disable=SC2086 # the options are words
		out=$(tcps "$N" $args 2> "$BATS_TEST_TMPDIR/err") && [ ! -s "$BATS_TEST_TMPDIR/err" ] ||
			{ echo "esa-tcpservices $args: failed: $(cat "$BATS_TEST_TMPDIR/err")"; bad=1; }
		python3 "$ESA_SRCDIR/tests/integration/json_vocab.py" document \
			"esa-tcpservices $args" <<< "$out" 2>&1 || bad=1
	done
	[ "$bad" -eq 0 ]
	# what only some rows carry was there to be checked
	out=$(tcps "$N" -u -j)
	jq -e 'any(.[]; has("v6only")) and any(.[]; has("category")) and
		any(.[]; .protocol == "udp")' <<< "$out" > /dev/null || { echo "$out"; false; }
}

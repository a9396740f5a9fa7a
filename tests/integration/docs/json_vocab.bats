#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# json_vocab.bats - the check every suite runs on its tool's -j output
# (tests/integration/json_vocab.py) against esa-tools(7)'s vocabulary: what it takes,
# what it refuses. The keys below are written from the man page's list by hand.
#
# Environment: ESA_SRCDIR (repository root; default: three levels above this file).

bats_require_minimum_version 1.5.0	# run --separate-stderr

setup() {
	ESA_SRCDIR=${ESA_SRCDIR:-$(cd "$BATS_TEST_DIRNAME/../../.." && pwd)}
	export ESA_SRCDIR
	CHECK=$ESA_SRCDIR/tests/integration/json_vocab.py
}

# vocab FORM JSON: runs the check on JSON.
vocab() {
	run --separate-stderr python3 "$CHECK" "$1" t <<< "$2"
}

@test "a document of vocabulary keys with their types passes" {
	vocab document '[{"family":"inet6","address":"2001:db8::1","mac":"02:00:00:00:00:01","interface":"veth0","ifindex":2,"probes_sent":3,"permanent":false,"expires_s":1.5},{"protocol":"udp","local_port":53,"started_at":"2026-12-04T22:20:48Z","probes":[{"address":"192.0.2.1","rtt_ms":0.1},{}]}]'
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
}

@test "JSON Lines with a type on every record pass" {
	vocab lines $'{"type":"reply","seq":0,"rtt_ms":0.04}\n{"type":"summary","transmitted":1,"received":1}'
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
}

@test "the spellings the vocabulary replaced are refused" {
	local key
	for key in ifname index lladdr proto from from_name name expire_s time_ms time mtime \
	    started destination_name local_name; do
		vocab document "{\"$key\":1}"
		[ "$status" -eq 1 ] || { echo "$key passed"; return 1; }
		[ "$stderr" = "t: \$.$key: key not in the vocabulary" ]
	done
}

@test "protocol has one meaning: a routing protocol is refused there" {
	vocab document '[{"protocol":"kernel"}]'
	[ "$status" -eq 1 ]
	[ "$stderr" = 't: $[0].protocol: "kernel" is none of ['"'"'tcp'"'"', '"'"'udp'"'"']' ]
}

@test "null, an empty string, a wrong type and a local-time stamp are refused, at any depth" {
	vocab document '{"settings":{"duration_s":null,"filter":"","ring":"2","started_at":"2026-12-04 22:20:48"}}'
	[ "$status" -eq 1 ]
	[ "${stderr}" = 't: $.settings.duration_s: null (absent values are left out)
t: $.settings.filter: empty string (absent values are left out)
t: $.settings.ring: "2" is not of type integer
t: $.settings.started_at: "2026-12-04 22:20:48" is not of type timestamp' ]
}

@test "null in an array is refused as in an object" {
	vocab document '[{"probes":[{},null]}]'
	[ "$status" -eq 1 ]
	[ "$stderr" = 't: $[0].probes[1]: null (absent values are left out)' ]
}

@test "a key twice in one object is refused" {
	vocab document '[{"mtu":1500,"mtu":9000}]'
	[ "$status" -eq 1 ]
	[ "$stderr" = "t: key 'mtu' twice in one object" ]
}

@test "booleans are not numbers and numbers are not booleans" {
	vocab document '{"up":1,"mtu":true}'
	[ "$status" -eq 1 ]
	[ "${#stderr_lines[@]}" -eq 2 ]
}

@test "a JSON Lines record without a type is refused, and so is a second document" {
	vocab lines '{"hop":1}'
	[ "$status" -eq 1 ]
	[ "$stderr" = 't: line 1: not an object with a "type"' ]
	vocab document $'[]\n[]'
	[ "$status" -eq 1 ]
}

@test "every item of the man page's list is a key and a type the check knows" {
	local n
	n=$(sed -n '/json-vocabulary-begin/,/json-vocabulary-end/p' "$ESA_SRCDIR/man/esa-tools.7" |
		grep -c '^\.It ')
	[ "$n" -gt 100 ]
	run grep -vE '^\.It Li [a-z0-9_]+ Pq (string|integer|number|boolean|timestamp|array|object)$' \
		<(sed -n '/json-vocabulary-begin/,/json-vocabulary-end/p' "$ESA_SRCDIR/man/esa-tools.7" |
			grep '^\.It ')
	[ "$status" -eq 1 ]
	vocab document '{}'
	[ "$status" -eq 0 ]
}

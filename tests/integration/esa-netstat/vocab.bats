#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# vocab.bats - every -j view's keys are esa-tools(7)'s, with their types
# (../json_vocab.py), in a namespace where as many keys as possible show: an alias,
# routes of every kind with names from a hosts file, sockets with foreign addresses and
# names, listeners of both families.

bats_require_minimum_version 1.5.0	# run --separate-stderr

load ../lib
load common

setup() {
	ns_setup
	ns_topology
	ns_routes
	# names for the sockets' addresses too (socks.py's, on a0 here)
	printf '192.0.2.1 a.example.net\n2001:db8::1 a6.example.net\n' >> "/etc/netns/$A/hosts"
	mkfifo "$BATS_TEST_TMPDIR/hold"
	ip netns exec "$A" timeout "$ESA_TIMEOUT" /usr/bin/python3 \
		"$BATS_TEST_DIRNAME/socks.py" "$BATS_TEST_TMPDIR/ready" < "$BATS_TEST_TMPDIR/hold" 3>&- &
	SOCKS_PID=$!
	exec 9> "$BATS_TEST_TMPDIR/hold"
	esa_wait_for 10 test -s "$BATS_TEST_TMPDIR/ready"
}

teardown() {
	exec 9>&- 2> /dev/null
	[ -n "${SOCKS_PID:-}" ] && wait "$SOCKS_PID" 2> /dev/null
	ns_teardown
}

# vocab FORM ARGS...: esa-netstat ARGS in A, its output through the check as FORM
# (document or lines); prints the violations, a failing run or stderr, and fails.
vocab() {
	local form=$1 out err

	shift
	out=$(netstat "$A" "$@" 2> "$BATS_TEST_TMPDIR/err") &&
		err=$(cat "$BATS_TEST_TMPDIR/err") && [ -z "$err" ] ||
		{ echo "esa-netstat $*: failed: $(cat "$BATS_TEST_TMPDIR/err")"; return 1; }
	python3 "$ESA_SRCDIR/tests/integration/json_vocab.py" "$form" "esa-netstat $*" \
		<<< "$out" 2>&1
}

@test "every -j key is in esa-tools(7)'s vocabulary, with its type" {
	local bad=0

	# every view checked, so that one run shows every violation
	vocab document -a -j || bad=1
	vocab document -an -j || bad=1
	vocab document -L -j || bad=1
	vocab document -i -j || bad=1
	vocab document -i -d -j || bad=1
	vocab document -i -I a0 -j || bad=1
	vocab document -r -j || bad=1
	vocab document -rn -j || bad=1
	vocab lines -w 1 -c 1 -j || bad=1
	vocab lines -w 1 -c 1 -d -I "Data 1" -j || bad=1
	[ "$bad" -eq 0 ]
}

@test "the vocabulary check sees the keys that show only in this namespace" {
	# what the case above must have covered, or it proves little
	local s i r
	s=$(netstat "$A" -a -j)
	i=$(netstat "$A" -i -j)
	r=$(netstat "$A" -r -j)
	jq -e 'any(.[]; has("foreign_address") and has("foreign_port") and has("state")) and
		any(.[]; has("local_hostname")) and any(.[]; has("foreign_hostname"))' <<< "$s" > /dev/null ||
		{ echo "$s"; false; }
	jq -e 'any(.[]; has("alias")) and any(.[]; .addresses | any(has("hostname")))' <<< "$i" > /dev/null ||
		{ echo "$i"; false; }
	jq -e 'any(.[]; has("gateway_hostname")) and any(.[]; has("expires_s")) and
		any(.[]; has("metric")) and any(.[]; has("destination_hostname"))' <<< "$r" > /dev/null ||
		{ echo "$r"; false; }
}

#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# demo.bats - `make demo` (tests/demo.sh) leaves nothing behind whichever way it ends:
# its scratch namespace goes, with what ran in it, when a reader that went away cuts its
# output (`make demo | head`: SIGPIPE) and when SIGHUP, SIGINT or SIGTERM ends it.

load ../lib

setup() {
	esa_need_root
	esa_bin esa-arpshow > /dev/null
	DEMO=$ESA_SRCDIR/tests/demo.sh
	PIDF=$BATS_TEST_TMPDIR/pid
}

teardown() {
	# what a failing case left is removed here, so that it leaves nothing either
	local ns

	[ -s "${PIDF:-}" ] || return 0
	ns=esa-demo-$(cat "$PIDF")
	if ip netns list | grep -q "^$ns\\b"; then
		esa_ns_kill "$ns"
		ip netns del "$ns"
	fi
}

# demo: the demo, its PID written to $PIDF first (exec keeps it), with the signals it
# is sent at their defaults (a background job's SIGINT is otherwise ignored), within
# a bound.
demo() {
	timeout 120 sh -c 'echo $$ > "$1"; shift; exec "$@"' sh "$PIDF" \
		env --default-signal=HUP,INT,TERM,PIPE ESA_BUILD="$ESA_BUILD" sh "$DEMO"
}

# left: the demo's scratch namespace is still there.
left() {
	ip netns list | grep -q "^esa-demo-$(cat "$PIDF")\\b"
}

@test "make demo | head: the scratch namespace goes with the demo" {
	# the reader goes away once the demo has built its namespace and printed in it
	demo | sed '/^== a scratch namespace/q' > "$BATS_TEST_TMPDIR/out"
	grep -q '^== a scratch namespace' "$BATS_TEST_TMPDIR/out"
	# the pipeline ends when the demo has: nothing to wait for
	run ! kill -0 "$(cat "$PIDF")"
	run ! left
}

@test "make demo ended by SIGHUP, SIGINT or SIGTERM: the scratch namespace goes" {
	local sig pid st

	for sig in HUP INT TERM; do
		rm -f "$PIDF"
		demo > "$BATS_TEST_TMPDIR/out" 2>&1 &
		pid=$!
		esa_wait_for 60 grep -q '^== a scratch namespace' "$BATS_TEST_TMPDIR/out"
		kill "-$sig" "$(cat "$PIDF")"
		st=0
		wait "$pid" || st=$?
		# ended by the signal, not run to its end (timeout's 124 would be the bound)
		[ "$st" -ne 0 ] || { echo "$sig: the demo ran on to its end"; false; }
		[ "$st" -ne 124 ] || { echo "$sig: the demo did not end"; false; }
		if left; then
			echo "$sig: esa-demo-$(cat "$PIDF") left behind"
			false
		fi
	done
}

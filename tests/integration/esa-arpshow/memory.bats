#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# memory.bats - the listing is streamed: esa-arpshow's peak memory does not grow with
# the table (1,000 against 20,000 permanent IPv6 entries).

load ../lib
load common

setup() {
	arp_setup
	esa_sanitized && skip "a sanitizer build: ASan changes memory use"
	arp_topology
}

teardown() {
	esa_cleanup
}

# add_entries FROM TO: permanent entries 2001:db8:1::FROM..TO (hexadecimal) on a0.
add_entries() {
	local i

	for ((i = $1; i <= $2; i++)); do
		printf 'neigh add 2001:db8:1::%x lladdr 02:00:00:01:%02x:%02x dev a0 nud permanent\n' \
			"$i" $((i / 256 % 256)) $((i % 256))
	done > "$BATS_TEST_TMPDIR/batch"
	ip -n "$A" -batch "$BATS_TEST_TMPDIR/batch"
}

# peak_kib: the peak RSS in KiB of `esa-arpshow -n -6`, the smallest of 3 runs; checks
# the listing has ENTRIES rows.
peak_kib() {
	local n best='' kib rows

	for n in 1 2 3; do
		rows=$(in_ns "$A" /usr/bin/time -o "$BATS_TEST_TMPDIR/time" -f %M \
			"$ARPSHOW" -n -6 | grep -c '^2001:db8:1::')
		[ "$rows" -eq "$1" ] || { echo "listed $rows of $1 entries" >&2; return 1; }
		kib=$(tail -n 1 "$BATS_TEST_TMPDIR/time")
		if [ -z "$best" ] || [ "$kib" -lt "$best" ]; then best=$kib; fi
	done
	echo "$best"
}

@test "peak memory with 20,000 entries is within 1 MiB of that with 1,000" {
	local small big

	add_entries 1 1000
	esa_eq "$(ip -n "$A" -6 neigh show | grep -c '^2001:db8:1::')" 1000 "entries (ip)"
	small=$(peak_kib 1000)
	add_entries 1001 20000
	esa_eq "$(ip -n "$A" -6 neigh show | grep -c '^2001:db8:1::')" 20000 "entries (ip)"
	big=$(peak_kib 20000)
	echo "peak RSS: $small KiB with 1,000 entries, $big KiB with 20,000"
	[ $((big - small)) -lt 1024 ]
	# and the listing is ip's
	run --separate-stderr arpshow "$A" -n -j -6
	esa_status 0
	esa_no_stderr
	esa_sets_eq "$(json_tuples "$output")" "$(peer_tuples "$A" 6 0)" "entries vs ip"
}

#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# flush.bats - esa-arpshow --flush: dynamic entries deleted with one line each,
# permanent ones kept, -4/-6/-i narrowing it, nothing to do not an error, and
# CAP_NET_ADMIN required.

load ../lib
load common

setup() {
	arp_setup
	arp_topology
	arp_fill
	arp_second_link
	arp_reach
}

teardown() {
	esa_cleanup
}

# flush_once ARGS...: --flush with ARGS, tried again (after making the FAILED entries
# anew) when the kernel collected one of them before the flush began; sets $want to
# the lines ip's view owed.
flush_once() {
	local try

	for try in 1 2 3; do
		arp_failed
		want=$(deleted_lines "$A" "${PEER_FILTER[@]}")
		[ "$(ip -n "$A" neigh show nud failed | wc -l)" -eq 2 ] || continue
		run --separate-stderr arpshow "$A" "$@"
		return 0
	done
	echo "FAILED entries kept disappearing"
	return 1
}

@test "--flush deletes every dynamic entry, keeps permanent ones, one line each" {
	local perm

	perm=$(ip -n "$A" neigh show nud permanent | sort)
	flush_once --flush
	esa_status 0
	esa_no_stderr
	esa_sets_eq "$output" "$want" "deleted lines vs ip's dynamic entries"
	esa_golden flush "$(grep -v '198\.51\.100\.\|2001:db8:2::' <<< "$output" | sort)"
	# a1's stale entries went too
	grep -qx '198.51.100.11 (198.51.100.11) deleted' <<< "$output"
	grep -qx '2001:db8:2::11 (2001:db8:2::11) deleted' <<< "$output"
	# what is left is exactly the permanent entries
	esa_eq "$(ip -n "$A" neigh show | sort)" "$perm" "ip neigh show after the flush"
	[ -n "$perm" ]
	# again: nothing to delete, nothing printed, still success
	run --separate-stderr arpshow "$A" --flush
	esa_status 0
	esa_no_stderr
	esa_eq "$output" "" "second flush"
	esa_eq "$(ip -n "$A" neigh show | sort)" "$perm" "ip neigh show after the second flush"
}

@test "--flush -4 leaves the IPv6 entries alone" {
	local six

	# the FAILED entry flush_once makes is left out: the kernel may collect it
	six=$(addrs "$A" -6 | grep -vx '2001:db8::13')
	PEER_FILTER=(-4)
	flush_once --flush -4
	esa_status 0
	esa_no_stderr
	esa_sets_eq "$output" "$want" "deleted lines vs ip -4's dynamic entries"
	esa_golden flush-v4 "$(grep -v '198\.51\.100\.' <<< "$output" | sort)"
	esa_eq "$(ip -n "$A" -4 neigh show | grep -vc PERMANENT)" 0 "dynamic IPv4 entries left"
	esa_eq "$(addrs "$A" -6 | grep -vx '2001:db8::13')" "$six" "IPv6 entries after the flush"
}

@test "--flush -6 and esa-ndpshow --flush leave the IPv4 entries alone" {
	local four

	four=$(addrs "$A" -4)
	want=$(deleted_lines "$A" -6)
	run --separate-stderr ndpshow "$A" --flush
	esa_status 0
	esa_no_stderr
	esa_sets_eq "$output" "$want" "deleted lines vs ip -6's dynamic entries"
	grep -qx "$B_LL%a0 ($B_LL%a0) deleted" <<< "$output"
	esa_eq "$(ip -n "$A" -6 neigh show | grep -vc PERMANENT)" 0 "dynamic IPv6 entries left"
	esa_eq "$(addrs "$A" -4)" "$four" "IPv4 entries after the flush"
	run --separate-stderr arpshow "$A" --flush -6
	esa_status 0
	esa_eq "$output" "" "second flush"
}

@test "--flush -i IF leaves the other interfaces' entries alone" {
	local a0

	a0=$(addrs "$A" dev a0)
	want=$(deleted_lines "$A" dev a1)
	run --separate-stderr arpshow "$A" --flush -i a1
	esa_status 0
	esa_no_stderr
	esa_sets_eq "$output" "$want" "deleted lines vs ip's dynamic entries on a1"
	esa_golden flush-a1 "$(sort <<< "$output")"
	esa_eq "$(addrs "$A" dev a0)" "$a0" "a0's entries after the flush"
	esa_eq "$(ip -n "$A" neigh show dev a1 | grep -vc PERMANENT)" 0 "dynamic entries left on a1"
	# by its alias too
	ip -n "$A" link set dev a0 alias "Data 1"
	want=$(deleted_lines "$A" -4 dev a0)
	run --separate-stderr arpshow "$A" --flush -4 -i "Data 1"
	esa_status 0
	esa_sets_eq "$output" "$want" "deleted lines vs ip's dynamic IPv4 entries on a0"
	[ -n "$output" ]
	esa_eq "$(ip -n "$A" -4 neigh show dev a0 | grep -vc PERMANENT)" 0 "dynamic IPv4 entries left on a0"
}

@test "--flush without CAP_NET_ADMIN: one line naming it, status 2, nothing deleted" {
	local before

	before=$(addrs "$A")
	run --separate-stderr in_ns "$A" setpriv --reuid=nobody --regid=nogroup --clear-groups \
		--inh-caps=-all --bounding-set=-all "$ARPSHOW" --flush
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "${#stderr_lines[@]}" 1 "number of stderr lines"
	esa_eq "${stderr_lines[0]}" \
		"esa-arpshow: --flush: Operation not permitted (needs CAP_NET_ADMIN)" stderr
	esa_eq "$(addrs "$A")" "$before" "entries after the refused flush"
	# listing needs no privilege
	run --separate-stderr in_ns "$A" setpriv --reuid=nobody --regid=nogroup --clear-groups \
		--inh-caps=-all --bounding-set=-all "$ARPSHOW" -n -j
	esa_status 0
	esa_no_stderr
	jq -e 'length > 0' <<< "$output"
}

@test "--flush by nobody with the file capability cap_net_admin+p: permitted is enough" {
	local d
	d=$(mktemp -d /tmp/esa-arpshow-bats.XXXXXX)
	chmod 755 "$d"
	cp "$ARPSHOW" "$d/esa-arpshow" && chmod 755 "$d/esa-arpshow"
	if ! setcap cap_net_admin+p "$d/esa-arpshow"; then
		rm -rf "$d"
		skip "no file capabilities on $d's file system"
	fi
	want=$(deleted_lines "$A" -4 dev a1)
	run --separate-stderr in_ns "$A" setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$d/esa-arpshow" --flush -4 -i a1
	rm -rf "$d"
	esa_status 0
	esa_no_stderr
	esa_sets_eq "$output" "$want" "deleted lines vs ip's dynamic IPv4 entries on a1"
	esa_eq "$(ip -n "$A" -4 neigh show dev a1 | grep -vc PERMANENT)" 0 "dynamic IPv4 entries left on a1"
}

# capsets TRACE: the capability sets each capset call of an strace -e capset log set,
# one line each: "effective permitted inheritable" (the first 32-bit words).
capsets() {
	sed -nE 's/.*capset\(.*, \{effective=([^,]*), permitted=([^,]*), inheritable=([^}]*)\}\) = 0$/\1 \2 \3/p' "$1"
}

@test "capabilities: a listing drops them all before any socket; --flush keeps CAP_NET_ADMIN alone, then drops it" {
	local t=$BATS_TEST_TMPDIR/trace
	# LeakSanitizer cannot run under ptrace: off for a sanitizer build, a no-op else
	in_ns "$A" strace -o "$t" -e trace=capset,socket,sendto -e signal=none \
		env ASAN_OPTIONS=detect_leaks=0 "$ARPSHOW" -n > /dev/null
	# the first call of all is the drop, to nothing
	[[ $(grep -m1 -E 'capset|socket' "$t") == capset* ]] || { cat "$t"; false; }
	esa_eq "$(capsets "$t" | tail -n 1)" "0 0 0" "the last capset of a listing"
	in_ns "$A" strace -o "$t" -e trace=capset,socket,sendto -e signal=none \
		env ASAN_OPTIONS=detect_leaks=0 "$ARPSHOW" --flush -4 -i a1 > /dev/null
	[[ $(grep -m1 -E 'capset|socket' "$t") == capset* ]] || { cat "$t"; false; }
	esa_eq "$(capsets "$t" | head -n 1)" "0 1<<CAP_SETGID|1<<CAP_SETUID|1<<CAP_SETPCAP|1<<CAP_NET_ADMIN 0" \
		"the first capset of --flush"
	esa_eq "$(capsets "$t" | tail -n 1)" "0 0 0" "the last capset of --flush"
	# the deletes all come before the last capset
	esa_eq "$(sed -n '/RTM_DELNEIGH/=' "$t" | tail -n 1 |
		awk -v last="$(grep -n 'capset' "$t" | tail -n 1 | cut -d: -f1)" '{ print ($1 < last) }')" 1 \
		"deletes before the drop"
}

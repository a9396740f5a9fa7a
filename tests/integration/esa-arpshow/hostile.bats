#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# hostile.bats - esa-arpshow and esa-ndpshow against hostile input: arguments and
# kernel names with control bytes, bidi controls and 15 bytes, aliases with control
# bytes; closed, full and broken standard outputs. Each escaped form is written out
# by hand; JSON keeps the bytes (escaped the JSON way). Also under `make SANITIZE=1 check`.

load ../lib
load common

setup() {
	arp_setup
	arp_topology
}

teardown() {
	esa_cleanup
}

@test "hostile -i and host operands: one escaped line, status 2, nothing on stdout" {
	esa_one_error "esa-arpshow: $ESA_HOSTILE_SAFE: no such interface" \
		arpshow "$A" -n -i "$ESA_HOSTILE"
	esa_one_error "esa-arpshow: $ESA_HOSTILE_SAFE: no such interface" \
		arpshow "$A" -n "fe80::1%$ESA_HOSTILE"
	run --separate-stderr arpshow "$A" -n "$ESA_HOSTILE"
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "${#stderr_lines[@]}" 1 "number of stderr lines"
	[[ $stderr == "esa-arpshow: $ESA_HOSTILE_SAFE: "?* ]] || { echo "$stderr"; false; }
	# usage errors: the line naming the operand, then the synopsis
	run --separate-stderr arpshow "$A" -n 192.0.2.1 "$ESA_HOSTILE"
	esa_status 2
	esa_eq "${stderr_lines[0]}" "esa-arpshow: too many operands: $ESA_HOSTILE_SAFE"
	esa_golden usage "$(printf '%s\n' "${stderr_lines[@]:1}")"
	run --separate-stderr arpshow "$A" --flush "$ESA_HOSTILE"
	esa_status 2
	esa_eq "${stderr_lines[0]}" "esa-arpshow: --flush takes no host: $ESA_HOSTILE_SAFE"
	run --separate-stderr arpshow "$A" "--$ESA_HOSTILE"
	esa_status 2
	esa_eq "${stderr_lines[0]}" "esa-arpshow: --$ESA_HOSTILE_SAFE: unknown option"
	run --separate-stderr arpshow "$A" $'-\e'
	esa_status 2
	esa_eq "${stderr_lines[0]}" 'esa-arpshow: -\033: unknown option'
	esa_no_controls "$stderr" stderr
}

@test "a 4096-byte -i: one line, cut with ..., status 2" {
	local long
	long=$(printf 'x%.0s' $(seq 4096))
	run --separate-stderr arpshow "$A" -n -i "$long"
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "$stderr" "esa-arpshow: $(printf 'x%.0s' $(seq 1021))...: no such interface"
}

@test "an alias with control characters is escaped in text and valid in JSON" {
	ip -n "$A" -batch - <<-EOF
		neigh replace 192.0.2.10 lladdr 02:00:00:00:00:10 dev a0 nud permanent
		neigh replace 2001:db8::10 lladdr 02:00:00:00:00:10 dev a0 nud permanent router
	EOF
	ip -n "$A" link set dev a0 alias $'bad\x1bname'
	run --separate-stderr arpshow "$A" -n
	esa_status 0
	esa_no_stderr
	esa_golden alias-ctrl
	esa_no_controls "$output"
	run --separate-stderr arpshow "$A" -n -j
	esa_status 0
	esa_no_stderr
	jq -e 'length == 5 and all(.[]; .interface == "a0" and .alias == "bad\u001bname")' <<< "$output"
	# -i takes the alias as it is
	run --separate-stderr arpshow "$A" -n -j -4 -i $'bad\x1bname'
	esa_status 0
	jq -e '[.[].address] == ["192.0.2.10", "192.0.2.1"]' <<< "$output"
}

@test "an alias with bidi controls is escaped in text, kept in JSON" {
	ip -n "$A" neigh replace 192.0.2.10 lladdr 02:00:00:00:00:10 dev a0 nud permanent
	ip -n "$A" link set dev a0 alias "$ESA_HOSTILE"
	run --separate-stderr arpshow "$A" -n -4
	esa_status 0
	esa_no_stderr
	esa_eq "$output" "? (192.0.2.10) at 02:00:00:00:00:10 on $ESA_HOSTILE_SAFE permanent [ethernet]
? (192.0.2.1) at $A_MAC on $ESA_HOSTILE_SAFE permanent [ethernet]"
	run --separate-stderr arpshow "$A" -n -4 -j
	esa_status 0
	jq -e --arg a "$ESA_HOSTILE" '.[0].alias == $a and .[0].interface == "a0"' <<< "$output"
}

@test "a 15-byte kernel name with ESC and a bidi override: escaped, %scope included" {
	ip -n "$A" link set dev a0 down
	ip -n "$A" link set dev a0 name "$ESA_HOSTILE_IF"
	ip -n "$A" link set dev "$ESA_HOSTILE_IF" up
	ip -n "$A" -batch - <<-EOF
		neigh replace 192.0.2.10 lladdr 02:00:00:00:00:10 dev $ESA_HOSTILE_IF nud permanent
		neigh replace fe80::10 lladdr 02:00:00:00:00:10 dev $ESA_HOSTILE_IF nud permanent
	EOF
	run --separate-stderr arpshow "$A" -n -4
	esa_status 0
	esa_no_stderr
	esa_eq "$output" "? (192.0.2.10) at 02:00:00:00:00:10 on $ESA_HOSTILE_IF_SAFE permanent [ethernet]
? (192.0.2.1) at $A_MAC on $ESA_HOSTILE_IF_SAFE permanent [ethernet]"
	run --separate-stderr ndpshow "$A" -n "fe80::10%$ESA_HOSTILE_IF"
	esa_status 0
	esa_no_stderr
	esa_no_controls "$output"
	# the columns as FreeBSD's ndp sizes them, the escaped text counted as printed
	esa_eq "${lines[1]}" "fe80::10%$ESA_HOSTILE_IF_SAFE 02:00:00:00:00:10 $ESA_HOSTILE_IF_SAFE permanent R "
	run --separate-stderr ndpshow "$A" -n -j -i "$ESA_HOSTILE_IF"
	esa_status 0
	jq -e --arg i "$ESA_HOSTILE_IF" '.[0].interface == $i and
	    .[0].address == "fe80::10%" + $i' <<< "$output"
	# the entry ip lists is the one shown
	ip -n "$A" -6 neigh show dev "$ESA_HOSTILE_IF" | grep -q '^fe80::10 lladdr 02:00:00:00:00:10'
}

@test "--flush of a hostile kernel name's entries: escaped lines, as ip sees them gone" {
	ip -n "$A" link set dev a0 down
	ip -n "$A" link set dev a0 name "$ESA_HOSTILE_IF"
	ip -n "$A" link set dev "$ESA_HOSTILE_IF" up
	ip -n "$A" neigh replace fe80::11 lladdr 02:00:00:00:00:11 dev "$ESA_HOSTILE_IF" nud stale
	run --separate-stderr arpshow "$A" --flush -6 -i "$ESA_HOSTILE_IF"
	esa_status 0
	esa_no_stderr
	esa_eq "$output" "fe80::11%$ESA_HOSTILE_IF_SAFE (fe80::11%$ESA_HOSTILE_IF_SAFE) deleted"
	run ip -n "$A" -6 neigh show dev "$ESA_HOSTILE_IF" to fe80::11
	esa_eq "$output" ""
}

@test "closed, full and broken standard output: status 2, a message or silence" {
	ip -n "$A" neigh replace 192.0.2.10 lladdr 02:00:00:00:00:10 dev a0 nud permanent
	run --separate-stderr esa_out_closed ip netns exec "$A" "$ARPSHOW" -n
	esa_status 2
	esa_eq "$stderr" "esa-arpshow: write error: Bad file descriptor" stderr
	run --separate-stderr esa_out_full ip netns exec "$A" "$ARPSHOW" -n
	esa_status 2
	esa_eq "$stderr" "esa-arpshow: write error: No space left on device" stderr
	# a reader gone: quiet, as | head expects; SIGPIPE's default ends it by the signal
	run --separate-stderr esa_out_broken ignored ip netns exec "$A" "$ARPSHOW" -n
	esa_status 2
	esa_no_stderr
	run --separate-stderr esa_out_broken default ip netns exec "$A" "$ARPSHOW" -n
	esa_status 141
	esa_no_stderr
}

@test "-h, --help, -V and --version into /dev/full or a closed stdout: the write error, status 2" {
	esa_help_write_errors esa-arpshow ip netns exec "$A" "$ARPSHOW"
}

@test "an empty host, inet_aton's short and hex forms: refused alike, named, status 2" {
	run --separate-stderr arpshow "$A" ''
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "${stderr_lines[0]}" "esa-arpshow: the host is empty"
	esa_golden usage "$(printf '%s\n' "${stderr_lines[@]:1}")"
	local a n
	for a in 127.1 0x7f.1 2130706433 017.0.0.1; do
		for n in -n -a; do
			esa_one_error "esa-arpshow: $a: bad address (IPv4 is four decimal numbers, as 192.0.2.1)" \
				arpshow "$A" "$n" "$a"
		done
	done
}

#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# hostile.bats - esa-tcpservices against hostile input: process names with control
# bytes and bidi controls, a legend description with a bidi override, hostile
# arguments and ESA_SERVICES paths, a FIFO and a symlink where the data file is
# expected; closed, full and broken standard outputs. The escaped forms are written
# out by hand; JSON keeps the bytes. Also under `make SANITIZE=1 check`.

load ../lib
load common

setup() {
	tcps_setup
	N=$(esa_ns_new n)
	ip -n "$N" addr add 192.0.2.1/32 dev lo
	READY_DIR=$(mktemp -d)
}

teardown() {
	tcps_teardown
}

@test "hostile arguments and ESA_SERVICES paths: one escaped line each" {
	run --separate-stderr tcps "$N" -n "$ESA_HOSTILE"
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "${stderr_lines[0]}" "esa-tcpservices: too many operands: $ESA_HOSTILE_SAFE"
	esa_golden usage "$(printf '%s\n' "${stderr_lines[@]:1}")"
	run --separate-stderr tcps "$N" "--$ESA_HOSTILE"
	esa_status 2
	esa_eq "${stderr_lines[0]}" "esa-tcpservices: --$ESA_HOSTILE_SAFE: unknown option"
	# a data file that is missing or has a bad line: named, escaped; the table still comes
	ESA_SERVICES=/nonexistent/$ESA_HOSTILE run --separate-stderr tcps "$N" -n
	esa_status 0
	esa_eq "$stderr" "esa-tcpservices: /nonexistent/$ESA_HOSTILE_SAFE: No such file or directory"
	esa_eq "$output" "COMMAND      USER         TYPE NODE   NAME"
	local f=$BATS_TEST_TMPDIR/$ESA_HOSTILE
	printf '[system]\nbad\n' > "$f"
	ESA_SERVICES=$f run --separate-stderr tcps "$N" -n
	esa_status 0
	esa_eq "$stderr" "esa-tcpservices: $BATS_TEST_TMPDIR/$ESA_HOSTILE_SAFE:2: no description"
}

@test "a FIFO as the data file is refused at once; a symlink to a file is followed" {
	local fifo=$BATS_TEST_TMPDIR/services.fifo
	mkfifo "$fifo"
	# no writer ever comes: the tool must not wait for one
	ESA_SERVICES=$fifo run --separate-stderr tcps "$N" -n
	esa_status 0
	esa_eq "$stderr" "esa-tcpservices: $fifo: not a regular file"
	esa_eq "$output" "COMMAND      USER         TYPE NODE   NAME"
	ESA_SERVICES=/dev/zero run --separate-stderr tcps "$N" -n
	esa_status 0
	esa_eq "$stderr" "esa-tcpservices: /dev/zero: not a regular file"
	# a symlink (an administrator's choice of file) is read as its target
	printf '[system]\nsshd The SSH daemon\n' > "$BATS_TEST_TMPDIR/real"
	ln -s real "$BATS_TEST_TMPDIR/link"
	start_listener "$N" root "$READY_DIR/sshd" -n sshd tcp4/192.0.2.1/2222
	ESA_SERVICES=$BATS_TEST_TMPDIR/link run --separate-stderr tcps "$N" -n
	esa_status 0
	esa_no_stderr
	[[ $output == "System Processes"*$'\n\n'"  sshd         - The SSH daemon"$'\n\n'* ]] ||
		{ echo "$output"; false; }
}

@test "process names with ESC and bidi controls, a legend with a bidi override: escaped" {
	local f=$BATS_TEST_TMPDIR/services
	printf '[feature]\nrtl Mail \342\200\256redaeh\n' > "$f"
	start_listener "$N" root "$READY_DIR/h" -n "$ESA_HOSTILE_IF" tcp4/192.0.2.1/7001
	start_listener "$N" root "$READY_DIR/r" -n rtl tcp4/192.0.2.1/7002
	# ss sees the same name
	ip netns exec "$N" ss -Hltnp 'sport = :7001' | grep -qF "((\"$ESA_HOSTILE_IF\","
	ESA_SERVICES=$f run --separate-stderr tcps "$N" -n
	esa_status 0
	esa_no_stderr
	esa_no_controls "$output"
	# the first 9 characters of the name (the escape and the override count one each)
	esa_eq "$output" "Feature Processes

  rtl          - Mail \\342\\200\\256redaeh

COMMAND      USER         TYPE NODE   NAME
k\\033[7m\\342\\200\\256abc root         IPv4 TCP    192.0.2.1:7001
rtl          root         IPv4 TCP    192.0.2.1:7002"
	ESA_SERVICES=$f run --separate-stderr tcps "$N" -n -j
	esa_status 0
	jq -e --arg c "$ESA_HOSTILE_IF" '[.[] | .command] | sort == ([$c, "rtl"] | sort)' <<< "$output"
}

@test "closed, full and broken standard output: status 2, a message or silence" {
	start_listener "$N" root "$READY_DIR/sshd" -n sshd tcp4/192.0.2.1/2222
	run --separate-stderr esa_out_closed ip netns exec "$N" "$TCPS" -n
	esa_status 2
	esa_eq "$stderr" "esa-tcpservices: write error: Bad file descriptor"
	run --separate-stderr esa_out_full ip netns exec "$N" "$TCPS" -n
	esa_status 2
	esa_eq "$stderr" "esa-tcpservices: write error: No space left on device"
	run --separate-stderr esa_out_broken ignored ip netns exec "$N" "$TCPS" -n
	esa_status 2
	esa_no_stderr
	run --separate-stderr esa_out_broken default ip netns exec "$N" "$TCPS" -n
	esa_status 141
	esa_no_stderr
}

@test "-h, --help, -V and --version into /dev/full or a closed stdout: the write error, status 2" {
	esa_help_write_errors esa-tcpservices ip netns exec "$N" "$TCPS"
}

#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# pipe.bats - esa-cli on a pipe (commands and answers line by line, no prompt), -c and
# its status, the tools found next to esa-cli or on PATH, a missing tool, bad usage.
# The menu lines of the golden files are the seed's netstat menu, written by hand.

load ../lib
load common

setup() {
	cli_setup
	cli_topology
}

teardown() {
	cli_teardown
}

# fake_tool DIR NAME STATUS: a script NAME in DIR that prints its name and arguments
# and exits STATUS.
fake_tool() {
	printf '#!/bin/sh\necho "%s ran:$*"\nexit %s\n' "$2" "$3" > "$1/$2" && chmod 755 "$1/$2"
}

@test "esa-cli: pipe: no prompt, help lists the commands, quit ends with status 0" {
	run --separate-stderr cli_pipe "$NS_A" $'help\nquit\nhelp\n'
	esa_status 0
	esa_no_stderr
	esa_golden help-pipe
}

@test "esa-cli: pipe: netstat 3 shows the routes, the menu without its prompt" {
	run --separate-stderr cli_pipe "$NS_A" $'netstat\n3\n'
	esa_status 0
	esa_no_stderr
	esa_golden netstat-3-pipe
}

@test "esa-cli: pipe: the status of the last command at the end of input" {
	run cli_pipe "$NS_A" $'netstat\n4\n'
	esa_status 0
	run cli_pipe "$NS_A" $'netstat\n4\nnosuchcommand\n'
	esa_status 2
	esa_eq "${lines[-1]}" 'Unknown command: nosuchcommand. Type "help" to list the commands.'
}

@test "esa-cli: pipe: the end of input in a dialog leaves it, nothing runs, status 2" {
	run --separate-stderr cli_pipe "$NS_A" $'netstat\n2\n'
	esa_status 2
	esa_no_stderr
	esa_eq "${lines[-1]}" '5. Packet traffic information.'
}

@test "esa-cli: -c runs one command and exits with the tool's status" {
	local dir=$BATS_TEST_TMPDIR/bin

	mkdir "$dir" && cp "$CLI" "$dir/esa-cli"
	fake_tool "$dir" esa-tcpservices 1
	run --separate-stderr ip netns exec "$NS_A" "$dir/esa-cli" -c tcpservices
	esa_status 1
	esa_no_stderr
	esa_eq "$output" 'esa-tcpservices ran:'
	fake_tool "$dir" esa-tcpservices 2
	run ip netns exec "$NS_A" "$dir/esa-cli" -c tcpservices
	esa_status 2
	fake_tool "$dir" esa-tcpservices 0
	run ip netns exec "$NS_A" "$dir/esa-cli" -c tcpservices
	esa_status 0
}

@test "esa-cli: -c with a dialog reads its answers from stdin" {
	local dir=$BATS_TEST_TMPDIR/bin

	mkdir "$dir" && cp "$CLI" "$dir/esa-cli"
	fake_tool "$dir" esa-netstat 0
	run --separate-stderr ip netns exec "$NS_A" sh -c 'printf "2\ny\n" | "$1" -c netstat' \
		sh "$dir/esa-cli"
	esa_status 0
	esa_eq "${lines[-1]}" 'esa-netstat ran:-i -d'
}

@test "esa-cli: a tool next to esa-cli comes first, then PATH" {
	local dir=$BATS_TEST_TMPDIR/bin path=$BATS_TEST_TMPDIR/path

	mkdir "$dir" "$path" && cp "$CLI" "$dir/esa-cli"
	fake_tool "$path" esa-tcpservices 0
	run env PATH="$path" "$dir/esa-cli" -c tcpservices
	esa_status 0
	esa_eq "$output" 'esa-tcpservices ran:'
	printf '#!/bin/sh\necho beside\n' > "$dir/esa-tcpservices" && chmod 755 "$dir/esa-tcpservices"
	run env PATH="$path" "$dir/esa-cli" -c tcpservices
	esa_status 0
	esa_eq "$output" 'beside'
}

@test "esa-cli: a missing tool binary: one line naming it, status 2" {
	local dir=$BATS_TEST_TMPDIR/bin

	mkdir "$dir" && cp "$CLI" "$dir/esa-cli"
	esa_one_error 'esa-cli: esa-tcpservices: not found next to esa-cli or on PATH' \
		env PATH=/nonexistent "$dir/esa-cli" -c tcpservices
}

@test "esa-cli: the session goes on after a missing tool" {
	local dir=$BATS_TEST_TMPDIR/bin

	mkdir "$dir" && cp "$CLI" "$dir/esa-cli"
	fake_tool "$dir" esa-netstat 0
	run --separate-stderr env PATH=/nonexistent /bin/sh -c \
		'printf "tcpservices\nnetstat\n3\n" | "$1"' sh "$dir/esa-cli"
	esa_status 0
	esa_eq "$stderr" 'esa-cli: esa-tcpservices: not found next to esa-cli or on PATH'
	esa_eq "${lines[-1]}" 'esa-netstat ran:-r'
}

@test "esa-cli: bad usage: one line and the synopsis on stderr, status 2" {
	run --separate-stderr "$CLI" -x
	esa_status 2
	esa_eq "$output" ''
	esa_eq "${stderr_lines[-1]}" 'usage: esa-cli [-c command]'
	run --separate-stderr "$CLI" extra
	esa_status 2
	esa_eq "$stderr" $'esa-cli: unexpected argument: extra\nusage: esa-cli [-c command]'
	run --separate-stderr "$CLI" --help
	esa_status 0
	esa_eq "$output" 'usage: esa-cli [-c command]'
	esa_no_stderr
}

@test "esa-cli: arguments checked before a tool sees them" {
	local dir=$BATS_TEST_TMPDIR/bin

	mkdir "$dir" && cp "$CLI" "$dir/esa-cli"
	fake_tool "$dir" esa-ping 0
	fake_tool "$dir" esa-netstat 0
	run "$dir/esa-cli" -c 'ping -f'
	esa_status 2
	esa_eq "$output" '-f: This is not a host name or address.'
	run "$dir/esa-cli" -c 'ping 192.0.2.2 extra'
	esa_status 2
	esa_eq "$output" 'ping takes one host.'
	run "$dir/esa-cli" -c 'netstat -r'
	esa_status 2
	esa_eq "$output" 'netstat takes no argument.'
	# with a host that passes, the tool gets it after "--"
	run "$dir/esa-cli" -c 'ping 192.0.2.2'
	esa_status 0
	esa_eq "$output" 'esa-ping ran:-- 192.0.2.2'
}

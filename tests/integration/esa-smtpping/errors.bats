#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# errors.bats - bad input: one line on stderr (and the synopsis for a usage error),
# exit 2, nothing on stdout, and nothing sent: Postfix logs no connection.

load ../lib
load common

setup_file() {
	esa_is_root || return 0
	smtp_up || { smtp_down; return 1; }
}

teardown_file() {
	smtp_down
}

setup() {
	esa_need_root
}

# bad_usage MESSAGE ARGS...: exit 2, MESSAGE then the synopsis on stderr, no stdout.
bad_usage() {
	local want=$1

	shift
	run --separate-stderr smtpping "$@"
	esa_status 2
	[ -z "$output" ]
	esa_eq "${stderr%%$'\n'*}" "esa-smtpping: $want"
	[[ $stderr == *$'\n'"usage: esa-smtpping [-46nqvj] [-p port]"* ]]
}

@test "errors: FROM, RCPT and HELO that would carry a command are refused before anything is sent" {
	pat=': connect from '
	before=$(smtp_log_count "$pat")
	bad_usage '-f: not an address (use <>, postmaster or local@domain): a@example.com\015\012RCPT TO:<x@example.net>' \
		-f $'a@example.com\r\nRCPT TO:<x@example.net>' 192.0.2.25
	bad_usage '-t: not an address (use postmaster or local@domain): a@example.com\012DATA' \
		-t $'a@example.com\nDATA' 192.0.2.25
	bad_usage '-t: not an address (use postmaster or local@domain): a\011b@example.com' \
		-t $'a\tb@example.com' 192.0.2.25
	bad_usage '-H: not a domain or address literal: x\015\012QUIT' -H $'x\r\nQUIT' 192.0.2.25
	bad_usage '-t: not an address (use postmaster or local@domain): <>' -t '<>' 192.0.2.25
	bad_usage '-f: not an address (use <>, postmaster or local@domain): a b@example.com' \
		-f 'a b@example.com' 192.0.2.25
	# one good run after them: once Postfix has logged it, it is the only new connection
	run --separate-stderr smtpping -n -H client.example.net 192.0.2.25
	esa_status 0
	smtp_log_wait $((before + 1)) "$pat"
	[ "$(smtp_log_count "$pat")" -eq $((before + 1)) ]
}

@test "errors: bad options and values name themselves; escapes stay escaped" {
	bad_usage '-c: too small (at least 1): 0' -c 0 192.0.2.25
	bad_usage '-p: too large (at most 65535): 65536' -p 65536 192.0.2.25
	bad_usage '-x: unknown option' -x 192.0.2.25
	bad_usage '-S and -T cannot be combined' -S -T 192.0.2.25
	bad_usage '-l needs -M' -l example.com
	bad_usage 'a host or domain is needed'
	bad_usage 'not a host name, domain or address: \033[2Jbad' $'\e[2Jbad'
	bad_usage 'too many operands: b' a.example.com b
}

@test "errors: an unknown host, a refused connection, a missing message file: exit 2, one line" {
	run --separate-stderr smtpping nosuch.example.com
	esa_status 2
	[ -z "$output" ]
	esa_eq "$stderr" "esa-smtpping: cannot resolve nosuch.example.com: Name or service not known"
	run --separate-stderr smtpping -D /nonexistent 192.0.2.25
	esa_status 2
	[ -z "$output" ]
	esa_eq "$stderr" "esa-smtpping: -D: /nonexistent: No such file or directory"
	run --separate-stderr smtpping -D / 192.0.2.25
	esa_status 2
	esa_eq "$stderr" "esa-smtpping: -D: /: not a regular file"
	# nothing listens on 192.0.2.26: the connect step fails, named in the verdict
	run --separate-stderr smtpping -n 192.0.2.26
	esa_status 2
	esa_no_stderr
	esa_eq "${lines[-1]}" "FAILED at connect: Connection refused"
	run --separate-stderr smtpping -n -s 2001:db8::10 192.0.2.25
	esa_status 2
	esa_eq "${lines[-1]}" "FAILED at connect: -s 2001:db8::10 has no IPv4 address"
}

@test "errors: -c: every transaction refused exits 1, every one failed exits 2" {
	run --separate-stderr smtpping -n -q -c 2 -i 0 -t nobody@example.com 192.0.2.25
	esa_status 1
	run --separate-stderr smtpping -n -q -c 2 -i 0 192.0.2.26
	esa_status 2
	[[ ${lines[1]} == "2 transactions, 0 accepted, 0 refused, 2 failed" ]]
}

@test "errors: --help on stdout with status 0; a closed stdout is a write error" {
	run --separate-stderr smtpping --help
	esa_status 0
	[[ ${lines[0]} == "usage: esa-smtpping [-46nqvj] [-p port] [-I iface | -s addr] [-H helo] [-f from]" ]]
	run --separate-stderr smtpping --version
	esa_status 0
	[[ $output =~ ^esa-smtpping\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
	run --separate-stderr ip netns exec "$C" sh -c "'$SMTPPING' -n -H client.example.net 192.0.2.25 > /dev/full"
	esa_status 2
	esa_eq "$stderr" "esa-smtpping: write error: No space left on device"
}

@test "errors: -h, --help, -V and --version into /dev/full or a closed stdout: the write error, status 2" {
	esa_help_write_errors esa-smtpping "$SMTPPING"
}

@test "errors: started with stdout closed, the first socket is not taken for it: the write error, status 2" {
	run --separate-stderr ip netns exec "$C" sh -c "exec '$SMTPPING' -n -H client.example.net 192.0.2.25 >&-"
	esa_status 2
	esa_eq "$stderr" "esa-smtpping: write error: Bad file descriptor"
}

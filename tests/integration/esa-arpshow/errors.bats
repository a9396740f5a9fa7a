#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# errors.bats - esa-arpshow's command line: usage errors (a line naming the problem,
# then the synopsis, status 2), other errors (one line, status 2), -h and --version
# (hostile arguments and broken outputs: hostile.bats). Nothing may reach standard
# output when status 2 is the answer.

load ../lib
load common

setup() {
	arp_setup
	A=$(esa_ns_new a)
}

teardown() {
	esa_cleanup
}

# by_name PROGRAM ARGS...: PROGRAM run by its name, found in $ESA_BUILD through PATH,
# as a user runs it (getopt names the program by argv[0]).
by_name() {
	local prog=$1

	shift
	in_ns "$A" env PATH="$ESA_BUILD:$PATH" "$prog" "$@"
}

# usage_error WANT ARGS...: status 2, nothing on stdout, stderr WANT then the synopsis.
usage_error() {
	local want=$1

	shift
	run --separate-stderr by_name esa-arpshow "$@"
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "${stderr_lines[0]}" "$want" "first stderr line"
	esa_golden usage "$(printf '%s\n' "${stderr_lines[@]:1}")"
}

# one_error WANT ARGS...: status 2, nothing on stdout, exactly the line WANT on stderr.
one_error() {
	local want=$1

	shift
	run --separate-stderr by_name esa-arpshow "$@"
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "$stderr" "$want" stderr
}

# one_error_about OPERAND ARGS...: status 2, nothing on stdout, one stderr line
# "esa-arpshow: OPERAND: why" (the why is not fixed by the man page).
one_error_about() {
	local what=$1

	shift
	run --separate-stderr by_name esa-arpshow "$@"
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "${#stderr_lines[@]}" 1 "number of stderr lines"
	[[ ${stderr_lines[0]} == "esa-arpshow: $what: "?* ]] ||
		{ echo "stderr does not name $what: $stderr"; return 1; }
}

@test "an unknown option is a usage error" {
	usage_error "esa-arpshow: -x: unknown option" -x
	usage_error "esa-arpshow: -x: unknown option" --interface=a0 -nx
	usage_error "esa-arpshow: --bogus: unknown option" --bogus
	usage_error "esa-arpshow: --bogus: unknown option" --bogus=1
	usage_error "esa-arpshow: -i: needs an argument" -i
	usage_error "esa-arpshow: --interface: needs an argument" --interface
	usage_error "esa-arpshow: --json: takes no argument" --json=3
}

@test "a bad option is named with the program's name, however it was called" {
	run --separate-stderr in_ns "$A" "$ESA_BUILD/esa-arpshow" -x
	esa_status 2
	esa_eq "${stderr_lines[0]}" "esa-arpshow: -x: unknown option" "first stderr line"
}

@test "-4 with -6, too many operands, --flush with -j or a host are usage errors" {
	usage_error "esa-arpshow: -4 and -6 cannot be combined" -4 -6
	usage_error "esa-arpshow: -4 and -6 cannot be combined" --ipv6 --ipv4
	usage_error "esa-arpshow: too many operands: 192.0.2.2" -n 192.0.2.1 192.0.2.2
	usage_error "esa-arpshow: --flush cannot be combined with -j" --flush -j
	usage_error "esa-arpshow: --flush takes no host: 192.0.2.1" --flush 192.0.2.1
}

@test "--flush-all takes nothing that would narrow it: -4, -6, -i, -j, a host, --flush" {
	usage_error "esa-arpshow: --flush-all flushes both families: -4 and -6 do not apply" \
		--flush-all -4
	usage_error "esa-arpshow: --flush-all flushes both families: -4 and -6 do not apply" \
		-6 --flush-all
	usage_error "esa-arpshow: --flush-all flushes every interface: -i does not apply" \
		--flush-all -i a0
	usage_error "esa-arpshow: --flush-all cannot be combined with -j" --flush-all -j
	usage_error "esa-arpshow: --flush and --flush-all cannot be combined" --flush --flush-all
	usage_error "esa-arpshow: --flush-all takes no host: 192.0.2.2" --flush-all 192.0.2.2
}

@test "an unknown interface: one line, status 2" {
	# ip agrees it does not exist
	run ! ip -n "$A" link show dev nosuch0
	one_error "esa-arpshow: nosuch0: no such interface" -i nosuch0
	one_error "esa-arpshow: nosuch0: no such interface" -n -i nosuch0 192.0.2.10
	# longer than IFNAMSIZ - 1: no interface can have it
	one_error "esa-arpshow: abcdefghijklmnopq: no such interface" -i abcdefghijklmnopq
	one_error "esa-arpshow: nosuch0: no such interface" -n "fe80::1%nosuch0"
}

@test "a malformed host: one line naming it, status 2" {
	one_error_about 999.1.1.1 -n 999.1.1.1
	one_error_about 2001:db8::zz -n 2001:db8::zz
	one_error_about 2001:db8::zz 2001:db8::zz
	# -6 with an IPv4 address, -4 with an IPv6 one
	one_error_about 192.0.2.10 -n -6 192.0.2.10
	one_error_about 2001:db8::10 -n -4 2001:db8::10
}

@test "a name with -n: one line, status 2, and no lookup" {
	one_error_about gw.example -n gw.example
}

@test "-h prints the usage on stdout, status 0" {
	local opt

	for opt in -h --help; do
		run --separate-stderr by_name esa-arpshow "$opt"
		esa_status 0
		esa_no_stderr
		esa_golden usage
	done
	# the synopsis is the man page's
	esa_eq "$(mandoc -Tascii -Owidth=200 "$ESA_SRCDIR/man/esa-arpshow.8" | col -b |
		sed -n '/^SYNOPSIS$/,/^DESCRIPTION$/p' | sed '1d;$d;s/^ *//')" \
		"$(sed 's/^usage: //; s/^ *//' "$ESA_GOLDEN_DIR/usage.ok")" "man page SYNOPSIS"
}

@test "--version prints the name and the version, status 0" {
	local version opt

	version=$(sed -n 's/^VERSION := //p' "$ESA_SRCDIR/GNUmakefile")
	[ -n "$version" ]
	for opt in --version -V; do
		run --separate-stderr by_name esa-arpshow "$opt"
		esa_status 0
		esa_no_stderr
		esa_eq "$output" "esa-arpshow $version"
	done
}

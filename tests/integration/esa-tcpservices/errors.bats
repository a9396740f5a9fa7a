#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# errors.bats - esa-tcpservices's command line: usage errors (a line naming the problem,
# then the synopsis, status 2, nothing on stdout), -h, --version (hostile arguments
# and broken outputs: hostile.bats).

load ../lib
load common

setup() {
	tcps_setup
	N=$(esa_ns_new n)
}

teardown() {
	esa_cleanup
}

by_name() {
	in_ns "$N" env PATH="$ESA_BUILD:$PATH" esa-tcpservices "$@"
}

usage_error() {
	local want=$1

	shift
	run --separate-stderr by_name "$@"
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "${stderr_lines[0]}" "$want" "first stderr line"
	esa_golden usage "$(printf '%s\n' "${stderr_lines[@]:1}")"
}

@test "unknown options, operands, -4 with -6: one line, the usage, status 2" {
	usage_error "esa-tcpservices: -x: unknown option" -x
	usage_error "esa-tcpservices: -x: unknown option" -nx
	usage_error "esa-tcpservices: --bogus: unknown option" --bogus
	usage_error "esa-tcpservices: --json: takes no argument" --json=1
	usage_error "esa-tcpservices: too many operands: sshd" sshd
	usage_error "esa-tcpservices: too many operands: 22" -n 22
	usage_error "esa-tcpservices: -4 and -6 cannot be combined" -4 -6
	usage_error "esa-tcpservices: -4 and -6 cannot be combined" --ipv6 --ipv4
}

@test "-h prints the usage on stdout, status 0; --version" {
	local opt version

	for opt in -h --help; do
		run --separate-stderr by_name "$opt"
		esa_status 0
		esa_no_stderr
		esa_golden usage
	done
	version=$(sed -n 's/^VERSION := //p' "$ESA_SRCDIR/GNUmakefile")
	for opt in -V --version; do
		run --separate-stderr by_name "$opt"
		esa_status 0
		esa_eq "$output" "esa-tcpservices $version"
	done
}

#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# user.bats - what a user without root (a package build, a developer) gets from make:
# check-unit runs, check names what is missing in one line and runs what it can, and a
# missing library is named with its package before any compiler runs.

load ../lib

setup() {
	esa_need_root
	command -v setpriv > /dev/null || skip "setpriv is not installed (util-linux)"
	tmp=$(mktemp -d)
	# the tree and its build, copied where nobody may write (build times kept, so
	# nothing is rebuilt): the checkout itself may be root's alone
	mkdir "$tmp/src"
	tar -C "$ESA_SRCDIR" --exclude=./build --exclude=./.git --exclude=./debian -cf - . |
		tar -C "$tmp/src" -xf -
	# of the build, what make check-unit and make all use (no VM kernel, no packages)
	mkdir "$tmp/build"
	# shellcheck disable=SC2046 # one word a file: the build's top-level names have no blanks
	(cd "$ESA_BUILD" && tar -cf - obj tests libesa.a $(find . -maxdepth 1 \
		\( -type f -o -type l \) ! -name '*.tar.gz' | sed 's|^\./||')) |
		tar -C "$tmp/build" -xf -
	chown -R nobody "$tmp"
	chmod 755 "$tmp"
}

teardown() {
	[ -n "${tmp:-}" ] && rm -rf "$tmp"
	return 0
}

# as_nobody COMMAND...: COMMAND as nobody, with PATH as given in $path (default: ours).
as_nobody() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
		env -i HOME="$tmp" PATH="${path:-$PATH}" "$@"
}

mk_nobody() {
	as_nobody make -s -C "$tmp/src" O="$tmp/build" ${SANITIZE:+SANITIZE="$SANITIZE"} "$@"
}

@test "user: make check-unit runs the Check suites and fuzz replays without root" {
	local nskip
	run mk_nobody check-unit
	esa_status 0
	# the unit tests that need root say so, one line each, and count as skipped
	nskip=$(grep -c '^unit: skip: .*: needs root$' <<< "$output" || :)
	[ "$nskip" -gt 0 ] || { echo "$output"; false; }
	[[ ${lines[-1]} =~ ^[1-9][0-9]*\ passed,\ 0\ failed,\ $nskip\ skipped$ ]] ||
		{ echo "$output"; false; }
	[[ $output == *"fuzz: "* ]] || { echo "$output"; false; }
	[[ $output != *"deps:"* ]] || { echo "$output"; false; }
}

@test "user: make check names a missing package in one line, skips the root-only suites" {
	# a dpkg-query that says tshark is not installed
	mkdir "$tmp/bin"
	cat > "$tmp/bin/dpkg-query" <<-'EOS'
	#!/bin/sh
	for a; do [ "$a" = tshark ] && exit 1; done
	exec /usr/bin/dpkg-query "$@"
	EOS
	chmod 755 "$tmp/bin/dpkg-query"
	command -v dpkg-query > /dev/null || skip "not a Debian system"
	local nskip
	path=$tmp/bin:$PATH run mk_nobody check SUITES="unit docs"
	esa_status 0
	nskip=$(grep -c '^unit: skip: .*: needs root$' <<< "$output" || :)
	esa_eq "$(grep -c '^deps:' <<< "$output")" 1 "lines from deps"
	esa_eq "$(grep '^deps:' <<< "$output")" \
		"deps: missing: tshark; install them as root: apt-get install -y --no-install-recommends tshark"
	esa_eq "${lines[-2]}" "integration: skipped, they need root: docs"
	# the docs suite, and the unit tests that need root
	[[ ${lines[-1]} =~ ^[1-9][0-9]*\ passed,\ 0\ failed,\ $((nskip + 1))\ skipped$ ]] ||
		{ echo "$output"; false; }
}

@test "user: a library pkg-config cannot find is named with its package, nothing compiled" {
	# a pkg-config that finds neither libpcap nor libnftables
	mkdir "$tmp/bin"
	cat > "$tmp/bin/pkg-config" <<-'EOS'
	#!/bin/sh
	for a; do case $a in libpcap | libnftables) exit 1 ;; esac; done
	exec /usr/bin/pkg-config "$@"
	EOS
	chmod 755 "$tmp/bin/pkg-config"
	run --separate-stderr as_nobody make --no-print-directory -C "$tmp/src" O="$tmp/fresh" \
		PKG_CONFIG="$tmp/bin/pkg-config" all
	esa_status 2
	esa_eq "$output" "" "standard output (no compiler ran)"
	esa_eq "$(grep -v '^make: ' <<< "$stderr")" \
		"pkg-config finds no libpcap: install libpcap-dev (Fedora: libpcap-devel) (make deps-build)
pkg-config finds no libnftables: install libnftables-dev (Fedora: nftables-devel) (make deps-build)"
	[ ! -e "$tmp/fresh/obj" ]
}

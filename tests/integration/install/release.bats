#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# release.bats - the version is written once (GNUmakefile) and everything that shows it
# agrees; `make dist` makes the same tarball twice, of tracked files only.

load ../lib

setup() {
	version=$(make -s --no-print-directory -C "$ESA_SRCDIR" version)
}

@test "release: the version is x.y.z and NEWS begins with it" {
	[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "version: $version"; false; }
	run head -n 1 "$ESA_SRCDIR/NEWS"
	[[ $output == "esa-tools $version "* ]] || { echo "NEWS: $output"; false; }
}

@test "release: the Debian changelog's newest entry is this version" {
	run head -n 1 "$ESA_SRCDIR/packaging/debian/changelog"
	[[ $output == "esa-tools ($version-"[1-9]*") "* ]] || { echo "changelog: $output"; false; }
}

@test "release: the RPM spec's Version is this version" {
	run sed -n 's/^Version:[[:space:]]*//p' "$ESA_SRCDIR/packaging/rpm/esa-tools.spec"
	esa_eq "$output" "$version" "Version: of esa-tools.spec"
}

@test "release: every program's --version prints its name and the version" {
	local t n=0
	for t in "$ESA_SRCDIR"/bin/esa-*; do
		t=$(basename "$t")
		run --separate-stderr "$(esa_bin "$t")" --version
		esa_status 0
		esa_no_stderr
		esa_eq "$output" "$t $version" "$t --version"
		n=$((n + 1))
	done
	[ "$n" -gt 0 ]
}

@test "release: make dist twice gives the same bytes: tracked files, sorted, one mtime" {
	git -C "$ESA_SRCDIR" rev-parse --is-inside-work-tree > /dev/null 2>&1 ||
		skip "not a git work tree (an unpacked release)"
	local a=$BATS_TEST_TMPDIR/a b=$BATS_TEST_TMPDIR/b tgz=esa-tools-$version.tar.gz
	run make -s --no-print-directory -C "$ESA_SRCDIR" O="$a" dist
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	sleep 1
	run make -s --no-print-directory -C "$ESA_SRCDIR" O="$b" dist
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	cmp "$a/$tgz" "$b/$tgz"
	# the files are git's, under one directory named after the release
	esa_eq "$(tar -tzf "$a/$tgz" | grep -v '/$' | sed "s|^esa-tools-$version/||")" \
		"$(git -C "$ESA_SRCDIR" ls-tree -r --name-only HEAD)" "tarball vs git ls-tree"
	tar -tzf "$a/$tgz" | LC_ALL=C sort -c
	# one modification time (the commit's), owner root
	esa_eq "$(tar -tvzf "$a/$tgz" | awk '{ print $2, $4, $5 }' | sort -u | wc -l)" 1 "mtimes"
	run tar -tvzf "$a/$tgz" esa-tools-$version/GNUmakefile
	[[ $output == "-rw-r--r-- root/root "* ]] || { echo "$output"; false; }
	# no build output, and the release needs no git to tell its version
	run tar -tzf "$a/$tgz"
	[[ $output != *"/build/"* && $output != *.o$'\n'* ]] || { echo "$output"; false; }
}

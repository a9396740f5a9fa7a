#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# licence.bats - every source, script, makefile, man page and packaging file of the tree
# starts with the SPDX line of the project's licence (BSD-2-Clause, LICENSE), so that a
# file added without it fails here.
#
# Environment: ESA_SRCDIR (repository root; default: three levels above this file).

setup() {
	ESA_SRCDIR=${ESA_SRCDIR:-$(cd "$BATS_TEST_DIRNAME/../../.." && pwd)}
	SPDX='SPDX-License-Identifier: BSD-2-Clause'
}

# tree_files DIR: the files of the tree at DIR, relative to it, one a line: those git
# tracks when DIR is a git work tree, else (an unpacked release) every file but the
# build output and a debian/ copy.
tree_files() {
	if git -C "$1" rev-parse --is-inside-work-tree > /dev/null 2>&1; then
		git -C "$1" ls-files
	else
		(cd "$1" && find . -path ./build -prune -o -path ./debian -prune -o \
			-path ./.git -prune -o -type f -print | sed 's|^\./||')
	fi
}

# exempt FILE: status 0 for the files that carry no SPDX line: test data and fuzz
# inputs (their bytes are the test), prose, the licence itself, and the Debian files
# whose formats allow no comment or that state the licence in their own fields.
exempt() {
	case $1 in
	tests/data/* | tests/fuzz/corpus/* | *.md | LICENSE | NEWS | .gitignore) return 0 ;;
	packaging/debian/changelog | packaging/debian/copyright) return 0 ;;
	packaging/debian/source/*) return 0 ;;
	esac
	return 1
}

# spdx_missing DIR: the files of DIR whose SPDX line is not where it belongs: the first
# line, or the second when the first must stay first (#! or zsh's #compdef).
spdx_missing() {
	local f head
	tree_files "$1" | while IFS= read -r f; do
		exempt "$f" && continue
		head=$(head -n 2 "$1/$f")
		case $head in
		'#!'* | '#compdef'*) head=$(printf '%s\n' "$head" | sed -n 2p) ;;
		*) head=$(printf '%s\n' "$head" | sed -n 1p) ;;
		esac
		case $head in
		*"$SPDX"*) ;;
		*) printf '%s\n' "$f" ;;
		esac
	done
}

@test "licence: LICENSE is the BSD 2-Clause licence of the esa-tools authors" {
	run head -n 3 "$ESA_SRCDIR/LICENSE"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "BSD 2-Clause License" ]
	[ "${lines[1]}" = "Copyright (c) 2026, The esa-tools authors" ]
}

@test "licence: every source, script, makefile and man page starts with the SPDX line" {
	run spdx_missing "$ESA_SRCDIR"
	[ "$status" -eq 0 ]
	[ -z "$output" ] || { printf 'no "%s" at the top of:\n%s\n' "$SPDX" "$output"; false; }
	# the list was not empty: the sources were seen
	run tree_files "$ESA_SRCDIR"
	[[ $output == *lib/esa.h* ]]
	[[ $output == *man/esa-tools.7* ]]
}

@test "licence: the check names a file without the line, or with it further down" {
	local t=$BATS_TEST_TMPDIR/tree
	mkdir -p "$t/lib" "$t/man" "$t/tests/data" "$t/completions/zsh"
	printf '/* %s */\nint x;\n' "$SPDX" > "$t/lib/good.c"
	printf '/* good.c - no licence line */\nint x;\n' > "$t/lib/bad.c"
	printf '#!/bin/sh\n# %s\n' "$SPDX" > "$t/good.sh"
	printf '#!/bin/sh\n# run.sh\n# %s\n' "$SPDX" > "$t/late.sh"
	printf '#compdef esa-x\n# %s\n' "$SPDX" > "$t/completions/zsh/_esa-x"
	printf '.Dd January 1, 2026\n' > "$t/man/esa-x.8"
	printf 'recorded bytes\n' > "$t/tests/data/reply.bin"
	run spdx_missing "$t"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | sort)" = "late.sh
lib/bad.c
man/esa-x.8" ]
}

# long_lines DIR: FILE:LINE: LENGTH (with its newline, as lintian counts) for each line
# over 512 bytes in the tree's files outside tests/data and tests/fuzz/corpus: lintian's
# very-long-line-length-in-source-file, which the source package's overrides accept
# only there.
long_lines() {
	tree_files "$1" | grep -vE '^tests/(data|fuzz/corpus)/' | while IFS= read -r f; do
		LC_ALL=C awk -v f="$f" 'length($0) >= 512 { print f ":" FNR ": " length($0) + 1 }' "$1/$f"
	done
}

@test "packaging: no line over 512 bytes outside recorded data and fuzz inputs, as lintian requires" {
	run long_lines "$ESA_SRCDIR"
	[ "$status" -eq 0 ]
	[ -z "$output" ] || { printf 'lines lintian refuses:\n%s\n' "$output"; false; }
	# the check sees a long line
	mkdir -p "$BATS_TEST_TMPDIR/t"
	printf '%0600d\n' 0 > "$BATS_TEST_TMPDIR/t/README.md"
	run long_lines "$BATS_TEST_TMPDIR/t"
	[ "$output" = "README.md:1: 601" ]
}

#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# units.bats - the unit runner runs a suite for every test file: its list is written
# from the files (tests/unit/suites.sh), and a file that defines no suite stops the
# build instead of being left out.
#
# Environment: ESA_SRCDIR (repository root; default: three levels above this file),
# ESA_BUILD (default: ESA_SRCDIR/build), UNIT_BIN (default: ESA_BUILD/tests/unit-tests).

bats_require_minimum_version 1.5.0	# run --separate-stderr

setup() {
	ESA_SRCDIR=${ESA_SRCDIR:-$(cd "$BATS_TEST_DIRNAME/../../.." && pwd)}
	ESA_BUILD=${ESA_BUILD:-$ESA_SRCDIR/build}
	UNIT_BIN=${UNIT_BIN:-$ESA_BUILD/tests/unit-tests}
	GEN=$ESA_SRCDIR/tests/unit/suites.sh
}

@test "the built runner runs one suite for each tests/unit/*/test_*.c" {
	[ -x "$UNIT_BIN" ] || skip "no unit runner built (make check builds it)"
	local files suites
	files=$(find "$ESA_SRCDIR/tests/unit" -mindepth 2 -name 'test_*.c' | wc -l)
	# Check names each suite it runs: "Running suite(s): first", then one a line
	suites=$(env -u CK_RUN_SUITE -u CK_RUN_CASE "$UNIT_BIN" 2> /dev/null |
		awk '/^unit: / { next } /^Running suite\(s\):/ { n = 1; next } n && /^ [^ ]+$/ { n++ } n && !/^ / { exit }
		END { print n }')
	[ "$files" -gt 0 ]
	[ "$suites" -eq "$files" ] || { echo "$files test files, $suites suites run"; false; }
}

@test "suites.sh: a test file that defines no suite stops it, named" {
	local d=$BATS_TEST_TMPDIR
	printf 'Suite *\nsuite_one(void)\n{\n}\n' > "$d/test_one.c"
	printf 'static void\nhelper(void)\n{\n}\n' > "$d/test_none.c"
	run --separate-stderr sh "$GEN" "$d/suites.h" "$d/test_one.c" "$d/test_none.c"
	[ "$status" -eq 1 ]
	[ "$stderr" = "unit: $d/test_none.c defines no suite_NAME(void): the runner would miss it" ]
	[ ! -e "$d/suites.h" ]
}

@test "suites.sh: two suites in one file stop it; one each makes the list, in order" {
	local d=$BATS_TEST_TMPDIR
	printf 'Suite *\nsuite_b(void)\n{\n}\n' > "$d/test_b.c"
	printf 'Suite *\nsuite_a(void)\n{\n}\nSuite *\nsuite_c(void)\n{\n}\n' > "$d/test_ac.c"
	run --separate-stderr sh "$GEN" "$d/suites.h" "$d/test_b.c" "$d/test_ac.c"
	[ "$status" -eq 1 ]
	[[ $stderr == "unit: $d/test_ac.c defines more than one suite_NAME(void):"* ]]
	printf 'Suite *\nsuite_a(void)\n{\n}\n' > "$d/test_ac.c"
	run --separate-stderr sh "$GEN" "$d/suites.h" "$d/test_b.c" "$d/test_ac.c"
	[ "$status" -eq 0 ]
	[ "$(grep -oE 'X\([a-z_]+\)' "$d/suites.h" | paste -sd ' ')" = "X(b) X(a)" ]
}

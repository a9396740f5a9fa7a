#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# suites.sh - writes suites.h, the list of unit suites the runner runs, from the test
# files themselves: each tests/unit/*/test_*.c defines exactly one `suite_NAME(void)`
# at the start of a line, and that is its entry. A file that defines none, or more
# than one, stops the build naming it, so no test file can be left out of the runner.
#
# usage: suites.sh OUT FILE...    OUT is rewritten only when its text changes.

set -u
[ $# -ge 1 ] || { echo "usage: suites.sh OUT FILE..." >&2; exit 2; }
out=$1
shift
list=
for f; do
	names=$(sed -nE 's/^suite_([A-Za-z0-9_]+)\(void\).*/\1/p' "$f") || exit 2
	case $names in
	'') echo "unit: $f defines no suite_NAME(void): the runner would miss it" >&2
		exit 1 ;;
	*[!A-Za-z0-9_]*) echo "unit: $f defines more than one suite_NAME(void):" $names >&2
		exit 1 ;;
	esac
	list="$list X($names)"
done
[ -n "$list" ] || { echo "unit: no test file given" >&2; exit 1; }

tmp=$out.tmp
{
	echo '/*'
	echo ' * suites.h - every unit suite, one per test file (tests/unit/DIR/test_NAME.c),'
	echo ' * written by tests/unit/suites.sh from the files; not to be edited.'
	echo ' */'
	echo '#ifndef ESA_TEST_SUITES_H'
	echo '#define ESA_TEST_SUITES_H'
	echo
	echo '#include <check.h>'
	echo
	printf '#define ESA_SUITES(X)'
	for x in $list; do
		printf ' \\\n\t%s' "$x"
	done
	echo
	echo
	echo '#define ESA_SUITE_DECL(name) Suite *suite_##name(void);'
	echo 'ESA_SUITES(ESA_SUITE_DECL)'
	echo '#undef ESA_SUITE_DECL'
	echo
	echo '#endif'
} > "$tmp" || exit 2
if cmp -s "$tmp" "$out"; then
	rm -f "$tmp"
else
	mv -f "$tmp" "$out"
fi

#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# run.sh - runs every test suite of `make check` and ends with one line
# "N passed, N failed, N skipped" counting them all.
#
# usage: run.sh [SUITE...]    SUITE: unit, fuzz, shellcheck, or a tool name (its bats
#                             suite); none, or all, = every suite.
# Environment (set by the GNUmakefile): ESA_SRCDIR, ESA_BUILD, UNIT_BIN, FUZZ_REPLAYS;
# ESA_FILTER_TAGS (make's FILTER_TAGS), when set, runs only the bats cases with those
# tags (bats --filter-tags; `vm` marks the cases the VM tier exists for).
# A test binary that crashes or prints no summary counts as one failure.

set -u
src=${ESA_SRCDIR:-.}
passed=0 failed=0 skipped=0

wanted() {
	[ -z "$selected" ] && return 0
	case " $selected " in *" $1 "*) return 0 ;; esac
	return 1
}

# Check prints "NN%: Checks: C, Failures: F, Errors: E"; then the runner "unit: S skipped
# (counted above as passed)".
run_unit() {
	out=$("$UNIT_BIN" 2>&1)
	st=$?
	printf '%s\n' "$out"
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+%: Checks: [0-9]+' | tail -n 1)
	if [ -z "$line" ]; then
		echo "unit: no Check summary (crashed?), exit status $st" >&2
		failed=$((failed + 1))
		return
	fi
	c=$(echo "$line" | sed -E 's/.*Checks: ([0-9]+).*/\1/')
	f=$(echo "$line" | sed -E 's/.*Failures: ([0-9]+).*/\1/')
	e=$(echo "$line" | sed -E 's/.*Errors: ([0-9]+).*/\1/')
	# tests that could not run here (runner.c's unit_skip): passed for Check, skipped here
	s=$(printf '%s\n' "$out" | sed -nE 's/^unit: ([0-9]+) skipped .*/\1/p' | tail -n 1)
	s=${s:-0}
	passed=$((passed + c - f - e - s))
	skipped=$((skipped + s))
	failed=$((failed + f + e))
	# a missing suite or a runner that failed for another reason
	if [ "$st" -ne 0 ] && [ $((f + e)) -eq 0 ]; then
		failed=$((failed + 1))
	fi
}

# Each fuzz harness replays its corpus (and the regression inputs); one test each.
run_fuzz() {
	for h in $FUZZ_REPLAYS; do
		name=$(basename "$h")
		if "$h" "$src/tests/fuzz/corpus/$name" > /dev/null 2> "$tmp/fuzz.err"; then
			echo "fuzz: $name: $(tail -n 1 "$tmp/fuzz.err")"
			passed=$((passed + 1))
		else
			echo "fuzz: $name: FAILED" >&2
			tail -n 30 "$tmp/fuzz.err" >&2
			failed=$((failed + 1))
		fi
	done
}

# ShellCheck over the shell code of tests/, packaging/ and .ci/ (files named .sh, .bash
# or .bats, and those whose first line names sh or bash), one test a file; warnings and
# errors fail it, style notes do not. tests/data/ holds fixtures, not code. It reads one
# file at a time, and bats's `load` is not followed, so two checks are off:
sc_off=SC2154	# used but not assigned here: assigned by a file it loads (load ../lib)
sc_off=$sc_off,SC2034	# assigned but not used here: used by the files that load it
# A disable for one line says why on that line.
run_shellcheck() {
	if ! command -v shellcheck > /dev/null 2>&1; then
		echo "shellcheck: shellcheck is missing (make deps installs it)" >&2
		failed=$((failed + 1))
		return
	fi
	n=0
	find "$src/tests" "$src/packaging" "$src/.ci" -path "$src/tests/data" -prune -o \
		-type f -print | sort > "$tmp/sc.files"
	while IFS= read -r f; do
		case $f in
		*.sh | *.bash | *.bats) ;;
		*) head -n 1 "$f" | grep -qE '^#!.*[/ ](ba)?sh( |$)' || continue ;;
		esac
		n=$((n + 1))
		if shellcheck -S warning -e "$sc_off" "$f" > "$tmp/sc.out" 2>&1; then
			passed=$((passed + 1))
		else
			echo "shellcheck: ${f#"$src"/}: FAILED" >&2
			cat "$tmp/sc.out" >&2
			failed=$((failed + 1))
		fi
	done < "$tmp/sc.files"
	echo "shellcheck: $n files"
}

# bats in TAP mode: "ok N ...", "ok N ... # skip ...", "not ok N ...".
run_bats() {
	dir=$1
	if ! command -v bats > /dev/null 2>&1; then
		echo "integration: bats is missing (make deps installs it)" >&2
		failed=$((failed + 1))
		return
	fi
	# a file none of whose cases match runs nothing, not even its setup_file
	if [ -n "${ESA_FILTER_TAGS:-}" ]; then
		bats --tap --filter-tags "$ESA_FILTER_TAGS" "$dir" > "$tmp/bats.out" 2>&1
	else
		bats --tap "$dir" > "$tmp/bats.out" 2>&1
	fi
	st=$?
	cat "$tmp/bats.out"
	p=$(grep -cE '^ok [0-9]+' "$tmp/bats.out" | tr -d ' ')
	s=$(grep -cE '^ok [0-9]+ .*# skip' "$tmp/bats.out" | tr -d ' ')
	f=$(grep -cE '^not ok [0-9]+' "$tmp/bats.out" | tr -d ' ')
	passed=$((passed + p - s))
	skipped=$((skipped + s))
	failed=$((failed + f))
	if [ "$st" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "integration: bats exited $st in $dir" >&2
		failed=$((failed + 1))
	fi
}

selected="$*"
[ "$selected" != all ] || selected=''
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

wanted unit && run_unit
wanted fuzz && run_fuzz
wanted shellcheck && run_shellcheck
# The integration suites build network namespaces: root only. Without root they are
# skipped in one line (one skip each), and the rest still counts.
notroot=
for d in "$src"/tests/integration/*/; do
	[ -d "$d" ] || continue
	t=$(basename "$d")
	wanted "$t" || continue
	if [ "$(id -u)" -ne 0 ]; then
		notroot="$notroot $t"
		skipped=$((skipped + 1))
		continue
	fi
	run_bats "$d"
done
[ -z "$notroot" ] || echo "integration: skipped, they need root:$notroot"

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]

#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# tags.bats - every integration case that can skip for a kernel feature this machine's
# kernel lacks (esa_skip_unless_kernel, a `skip "skipped: kernel lacks X"`, or a helper
# or setup that does either) carries the bats tag `vm`: the VM tier (`make check-vm
# FILTER_TAGS=vm`, as CI runs it) runs those cases alone, so one without the tag would
# silently run nowhere. Also checks that bats and tests/run.sh read the tags that way.
#
# Environment: ESA_SRCDIR (repository root; default: three levels above this file).

setup() {
	ESA_SRCDIR=${ESA_SRCDIR:-$(cd "$BATS_TEST_DIRNAME/../../.." && pwd)}
	# bats puts its own libexec first in PATH, where `bats` is an internal script that
	# fails outside a run: a nested bats needs the user's PATH back
	OUTER_PATH=$(printf '%s\n' "$PATH" | tr ':' '\n' | grep -v '/bats-core' | paste -sd:)
}

# kernel_cases DIR: each case of DIR/*/*.bats that can skip for a missing kernel
# feature, one a line: "vm FILE:LINE NAME" when it carries the tag vm (in a test_tags
# or file_tags line, as bats reads them), "- FILE:LINE NAME" when not. A case counts
# when its body, or its file's setup or setup_file, skips so directly or calls a
# function defined in DIR's .bash or .bats files that does. FILE is relative to DIR.
kernel_cases() {
	(
		cd "$1" || exit 2
		shopt -s nullglob
		local helpers=(./*.bash ./*/*.bash ./*/*.bats) cases=(./*/*.bats)
		# pass 1 finds the functions that skip, pass 2 reads the cases
		awk -f "$BATS_TEST_DIRNAME/tags.awk" pass=1 "${helpers[@]}" pass=2 "${cases[@]}"
	)
}

@test "tags: every case that can skip for a missing kernel feature is tagged vm" {
	run kernel_cases "$ESA_SRCDIR/tests/integration"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	local bad
	bad=$(printf '%s\n' "$output" | sed -n 's/^- //p')
	[ -z "$bad" ] || { printf 'no "# bats test_tags=vm" above:\n%s\n' "$bad"; false; }
	# the cases were seen: a VLAN one, a dummy one, the netem one
	[[ $output == *"vm esa-etherconfig/vlan.bats:"*"vlan add IFACE VID"* ]]
	[[ $output == *"vm esa-etherconfig/media.bats:"*"dummy"* ]]
	[[ $output == *"vm esa-arpshow/host.bats:"*"(netem)"* ]]
}

@test "tags: bats --filter-tags vm selects exactly the cases found here" {
	local found n
	run kernel_cases "$ESA_SRCDIR/tests/integration"
	[ "$status" -eq 0 ]
	found=${#lines[@]}
	[ "$found" -gt 0 ]
	# tagged cases with no kernel skip would be counted by bats and not here
	n=$(PATH=$OUTER_PATH bats -c --filter-tags vm "$ESA_SRCDIR"/tests/integration/*/)
	[ "$n" -eq "$found" ] || { echo "bats counts $n, the check finds $found:"; echo "$output"; false; }
}

@test "tags: the check names each untagged case, however it skips" {
	run kernel_cases "$ESA_SRCDIR/tests/data/tags/scan"
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	[ "$output" = 'vm tool/a.bats:3 "tagged"
- tool/a.bats:6 "the tag above belongs to the case before"
vm tool/a.bats:10 "among other tags"
- tool/a.bats:13 "netem, untagged"
- tool/a.bats:16 "through a helper"
- tool/a.bats:20 "a tag that is not vm"
- tool/a.bats:30 "through a helper of the file, defined before it is called"
- tool/a.bats:33 "through a helper calling one defined in a later file"
- tool/b.bats:1 "every case of a file whose setup skips, even above it"
vm tool/c.bats:5 "a file tagged whole"' ] || { echo "$output"; false; }
}

@test "tags: tests/run.sh with ESA_FILTER_TAGS runs the tagged cases alone, after their file's setup_file" {
	[ "$(id -u)" -eq 0 ] || skip "tests/run.sh runs the integration suites as root only"
	local marker=$BATS_TEST_TMPDIR/b-setup-file-ran
	# a clean environment: the inner bats sees none of this one's variables
	run env -i PATH="$OUTER_PATH" TAGS_MARKER="$marker" ESA_FILTER_TAGS=vm \
		ESA_SRCDIR="$ESA_SRCDIR/tests/data/tags/run" sh "$ESA_SRCDIR/tests/run.sh" fake
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	[ "${lines[-1]}" = "1 passed, 0 failed, 0 skipped" ] || { echo "$output"; false; }
	# b.bats has no tagged case: its setup_file never ran
	[ ! -e "$marker" ]
	# without the filter, the whole suite
	run env -i PATH="$OUTER_PATH" TAGS_MARKER="$marker" ESA_FILTER_TAGS= \
		ESA_SRCDIR="$ESA_SRCDIR/tests/data/tags/run" sh "$ESA_SRCDIR/tests/run.sh" fake
	[ "${lines[-1]}" = "1 passed, 2 failed, 0 skipped" ] || { echo "$output"; false; }
	[ -e "$marker" ]
}

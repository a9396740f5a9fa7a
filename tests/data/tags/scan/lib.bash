# lib.bash - the helper that skips, as tests/integration/lib.bash defines it
esa_skip_unless_kernel() {
	[ -n "$1" ] || skip "skipped: kernel lacks $1"
}

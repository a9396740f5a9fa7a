# later.bash - a helper that skips, read after common.bash
need_tc() {
	esa_skip_unless_kernel netem
}

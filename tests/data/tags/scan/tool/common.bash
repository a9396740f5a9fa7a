# common.bash - a suite's helper that skips through esa_skip_unless_kernel
need_vlan() {
	esa_skip_unless_kernel vlan
}

# common.bash - a suite's helper that skips through esa_skip_unless_kernel
need_vlan() {
	esa_skip_unless_kernel vlan
}
# a helper that skips through one a later file defines
need_tc_qdisc() {
	need_tc
}

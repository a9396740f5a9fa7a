load common
# bats test_tags=vm
@test "tagged" {
	esa_skip_unless_kernel vlan
}
@test "the tag above belongs to the case before" {
	esa_skip_unless_kernel dummy
}
# bats test_tags=slow, vm
@test "among other tags" {
	tc qdisc add dev b0 root netem delay 1s || skip "skipped: kernel lacks sch_netem"
}
@test "netem, untagged" {
	tc qdisc add dev b0 root netem delay 1s || skip "skipped: kernel lacks sch_netem"
}
@test "through a helper" {
	need_vlan
}
# bats test_tags=vmx
@test "a tag that is not vm" {
	esa_skip_unless_kernel dummy
}
@test "no kernel skip: the message of a kernel without 8021q is the tool's" {
	# esa_skip_unless_kernel is not needed here
	[ "$stderr" = "this kernel lacks 802.1Q" ]
}
local_dummy() {
	esa_skip_unless_kernel dummy
}
@test "through a helper of the file, defined before it is called" {
	local_dummy
}
@test "through a helper calling one defined in a later file" {
	need_tc_qdisc
}

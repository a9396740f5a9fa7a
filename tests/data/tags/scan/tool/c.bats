# bats file_tags=vm
setup() {
	esa_skip_unless_kernel dummy
}
@test "a file tagged whole" {
	true
}

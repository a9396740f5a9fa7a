@test "every case of a file whose setup skips, even above it" {
	true
}
setup() {
	esa_skip_unless_kernel dummy
}

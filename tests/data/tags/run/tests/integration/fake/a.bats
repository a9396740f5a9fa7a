setup_file() {
	export FROM_SETUP_FILE=yes
}
# bats test_tags=vm
@test "tagged: sees what setup_file exported" {
	[ "$FROM_SETUP_FILE" = yes ]
}
@test "untagged: never run under the filter" {
	false
}

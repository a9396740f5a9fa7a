setup_file() {
	touch "$TAGS_MARKER"
}
@test "untagged" {
	false
}

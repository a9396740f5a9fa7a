#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# diagnostic.bats - esa-cli's diagnostic > NETWORK menu: FLUSH (confirmed, then
# esa-arpshow --flush-all, checked with ip neigh), ARPSHOW and NDPSHOW, and
# SMTPPING against a scripted SMTP server (esa-smtpping's hostile.py, well behaved)
# on a pseudo-terminal, its MX choice from a stand-in esa-smtpping on a pipe. The menu
# lines of the golden transcripts are the seed's diagnostic and network menus, written
# by hand, less the operations esa-cli does not offer.

load ../lib
load common

SMTPD=$BATS_TEST_DIRNAME/../esa-smtpping/hostile.py

setup() {
	cli_setup
	cli_topology
}

teardown() {
	cli_teardown
}

# fake_tool DIR NAME SCRIPT: a shell script NAME in DIR with the body SCRIPT.
fake_tool() {
	printf '#!/bin/sh\n%s\n' "$3" > "$1/$2" && chmod 755 "$1/$2"
}

@test "esa-cli: diagnostic > network > arpshow: the IPv4 neighbours" {
	ip -n "$NS_A" neigh add 192.0.2.10 lladdr 02:00:00:00:00:0a dev a0 nud permanent
	cli_start "$NS_A"
	cli_type diagnostic
	cli_dialog '[]>' network '[]>' arpshow
	cli_wait_for 'example.com>'
	esa_golden diag-arpshow "$(cli_screen)"
}

# neigh_a0: A's neighbour entries on a0 as "ADDRESS STATE", from ip.
neigh_a0() {
	ip -n "$NS_A" -j neigh show dev a0 | jq -r '.[] | "\(.dst) \(.state[0])"'
}

@test "esa-cli: diagnostic > network > flush: confirmed, then the dynamic entries are gone" {
	ip -n "$NS_A" -batch - <<-EOF
		neigh add 192.0.2.10 lladdr 02:00:00:00:00:0a dev a0 nud permanent
		neigh add 192.0.2.11 lladdr 02:00:00:00:00:0b dev a0 nud stale
	EOF
	cli_start "$NS_A"
	cli_type diagnostic
	cli_dialog '[]>' network '[]>' flush \
		'Are you sure you want to flush all network related caches? [N]>' maybe \
		'Are you sure you want to flush all network related caches? [N]>' y
	cli_wait_for 'example.com>'
	esa_golden diag-flush "$(cli_screen)"
	# ip's view: the stale entry went, the permanent one stayed
	esa_eq "$(neigh_a0)" "192.0.2.10 PERMANENT" "ip neigh show after FLUSH"
}

@test "esa-cli: diagnostic > network > flush on a pipe: Enter or N changes nothing; y runs esa-arpshow --flush-all" {
	local dir=$BATS_TEST_TMPDIR/bin

	ip -n "$NS_A" neigh add 192.0.2.11 lladdr 02:00:00:00:00:0b dev a0 nud stale
	run --separate-stderr cli_pipe "$NS_A" $'diagnostic\nnetwork\nflush\n\n'
	esa_status 0
	esa_no_stderr
	esa_eq "${lines[-1]}" 'Nothing was changed.'
	run --separate-stderr cli_pipe "$NS_A" $'diagnostic\nnetwork\nFlush\nno\n'
	esa_status 0
	esa_eq "${lines[-1]}" 'Nothing was changed.'
	esa_eq "$(neigh_a0)" "192.0.2.11 STALE" "ip neigh show after FLUSH answered N"
	# the exact command, from a stand-in that records its arguments
	mkdir "$dir" && cp "$CLI" "$dir/esa-cli"
	fake_tool "$dir" esa-arpshow 'echo "esa-arpshow ran:$*"'
	run --separate-stderr sh -c 'printf "diagnostic\nnetwork\nflush\nyes\n" | "$1"' sh \
		"$dir/esa-cli"
	esa_status 0
	esa_no_stderr
	esa_eq "${lines[-1]}" 'esa-arpshow ran:--flush-all'
}

@test "esa-cli: diagnostic: a bad operation asks again, Enter goes back to the prompt" {
	cli_start "$NS_A"
	cli_type diagnostic
	cli_dialog '[]>' raid '[]>' ''
	cli_wait_for 'example.com>'
	esa_golden diag-bad "$(cli_screen)"
}

@test "esa-cli: diagnostic > network > ndpshow on a pipe runs esa-ndpshow" {
	local dir=$BATS_TEST_TMPDIR/bin

	mkdir "$dir" && cp "$CLI" "$dir/esa-cli"
	fake_tool "$dir" esa-ndpshow 'echo "esa-ndpshow ran:$*"'
	run --separate-stderr sh -c 'printf "diagnostic\nNETWORK\nNdpShow\n" | "$1"' sh \
		"$dir/esa-cli"
	esa_status 0
	esa_no_stderr
	esa_eq "${lines[-1]}" 'esa-ndpshow ran:'
}

@test "esa-cli: diagnostic > network > smtpping: host, interface, test message, then esa-smtpping" {
	command -v python3 > /dev/null || skip "python3 is not installed"
	ip netns exec "$NS_B" python3 "$SMTPD" plain 192.0.2.2 25 3>&- &
	esa_wait_for "$ESA_TIMEOUT" sh -c "ip netns exec '$NS_B' ss -ltn | grep -q '192.0.2.2:25 '"
	cli_start "$NS_A"
	cli_type diagnostic
	cli_dialog '[]>' network '[]>' smtpping '[]>' 192.0.2.2 '[1]>' '' \
		'Send a test message? [N]>' y
	cli_wait_for 'example.com>'
	esa_golden diag-smtpping "$(cli_screen | sed -E 's/[0-9]+\.[0-9]+ ms/X ms/g')"
}

@test "esa-cli: smtpping: the MX hosts of esa-smtpping -M -l -j offered, escaped, checked" {
	local dir=$BATS_TEST_TMPDIR/bin

	mkdir "$dir" && cp "$CLI" "$dir/esa-cli"
	fake_tool "$dir" esa-netstat 'echo "[]"'
	# -M -l -j: two MX hosts, the second with an escape sequence in its name
	fake_tool "$dir" esa-smtpping 'if [ "$1" = -M ]; then
	echo "[{\"domain\":\"example.com\",\"preference\":10,\"host\":\"mx1.example.com\"},"
	echo "{\"domain\":\"example.com\",\"preference\":20,\"host\":\"mx\\u001b[2J.example.com\"}]"
	exit 0
fi
echo "esa-smtpping ran:$*"'
	run --separate-stderr sh -c 'printf "diagnostic\nnetwork\nsmtpping\nexample.com\n\n2\n1\n\nn\n" | "$1"' \
		sh "$dir/esa-cli"
	esa_status 0
	esa_no_stderr
	esa_no_controls "$output"
	esa_golden diag-smtpping-mx
}

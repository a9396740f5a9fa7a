#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# errors.bats - bad input: one line on stderr, exit 2, nothing on stdout, nothing created,
# nothing lost (a saved capture stays, a victim file behind a symlink is untouched).

load ../lib
load common

setup() {
	pcap_setup
	# one saved capture, which no bad command may touch
	start_capture -i b0
	pings 2
	pcap stop > /dev/null
	SAVED=$FILE
	cp "$D/$SAVED" "$BATS_TEST_TMPDIR/saved.copy"
	ls -la "$D" > "$BATS_TEST_TMPDIR/before"
}

teardown() {
	pcap_teardown
}

# refused ARGS...: the command fails with exit 2 and one line on stderr naming esa-pcap,
# prints nothing on stdout, and the directory is as it was.
refused() {
	run --separate-stderr pcap "$@"
	esa_status 2
	[ -z "$output" ] || { echo "stdout: $output"; return 1; }
	[ "${stderr_lines[0]:0:10}" = "esa-pcap: " ] || { echo "stderr: $stderr"; return 1; }
	# one line, or one line and the synopsis for a bad command line
	[ "${#stderr_lines[@]}" -eq 1 ] || [[ ${stderr_lines[1]} == usage:* ]] ||
		{ echo "stderr: $stderr"; return 1; }
	nothing_changed
}

nothing_changed() {
	cmp "$D/$SAVED" "$BATS_TEST_TMPDIR/saved.copy"
	esa_eq "$(caps)" "$SAVED" "capture files"
	! pcap status > /dev/null
}

@test "a bad filter: libpcap's message, nothing started" {
	refused start -i b0 -f 'tcp and'
	[[ ${stderr_lines[0]} == "esa-pcap: bad filter: "*syntax* ]]
	refused run -i b0 -f 'host 192.0.2.1 or'
	# -f must stand alone: its parentheses cannot reach into -H's terms
	refused start -i b0 -f 'tcp) or (udp' -H 192.0.2.1
}

@test "an unknown interface: named, nothing started" {
	refused start -i nosuch0
	esa_eq "${stderr_lines[0]}" "esa-pcap: nosuch0: no such interface"
	refused run -i b0,nosuch1
	refused start -i "$(printf 'x%.0s' $(seq 17))"
}

@test "sizes and durations: -s 0, -s 10X, -t -1 and friends name the accepted forms" {
	refused start -i b0 -s 0
	esa_eq "${stderr_lines[0]}" "esa-pcap: -s: too small (at least 1k): 0"
	refused start -i b0 -s 10X
	esa_eq "${stderr_lines[0]}" "esa-pcap: -s: bad size (use a number with k, M, G or T): 10X"
	refused start -i b0 -t -1
	[[ ${stderr_lines[0]} == "esa-pcap: -t: "*": -1" ]]
	refused start -i b0 -t 5x
	esa_eq "${stderr_lines[0]}" "esa-pcap: -t: bad duration (use a number with ms, s, m, h or d): 5x"
	refused start -i b0 -s 1.5M
	refused start -i b0 -r 1
	refused start -i b0 -S 0
	refused start -i b0 -p 0
	refused start -i b0 -p 25x
	refused start -i b0 -H 'example.com'
	refused start -i b0 -H '192.0.2.1 or tcp'
	refused start -i b0 -Z no-such-user-here
}

@test "download and delete: traversal, hidden files, non-captures refused" {
	local n
	for n in ../x.cap .. . / /etc/passwd "../$(basename "$D")/$SAVED" .esa-pcap.state \
	    .esa-pcap.lock "$SAVED/" "sub/$SAVED" "$(printf 'a\033[2J-20261126-000000.cap')"; do
		refused download "$n" -
		refused delete "$n"
	done
	# a regular file in the directory that is not a capture by name
	echo secret > "$D/notes.txt"
	refused download notes.txt -
	refused delete notes.txt
	rm "$D/notes.txt"
	# named like one but not a pcap file
	echo secret > "$D/x-20261126-000000.cap"
	run --separate-stderr pcap download x-20261126-000000.cap -
	esa_status 2
	[ -z "$output" ]
	esa_eq "$stderr" "esa-pcap: x-20261126-000000.cap: not a pcap file"
	rm "$D/x-20261126-000000.cap"
	nothing_changed
}

@test "a symlink planted in the directory is refused, its target untouched" {
	echo victim > "$BATS_TEST_TMPDIR/victim"
	ln -s "$BATS_TEST_TMPDIR/victim" "$D/evil-20261126-000000.cap"
	run --separate-stderr pcap download evil-20261126-000000.cap -
	esa_status 2
	[ -z "$output" ]
	esa_eq "$stderr" "esa-pcap: evil-20261126-000000.cap: is a symbolic link, not a capture"
	run --separate-stderr pcap delete evil-20261126-000000.cap "$SAVED"
	esa_status 2
	[ -L "$D/evil-20261126-000000.cap" ]
	esa_eq "$(cat "$BATS_TEST_TMPDIR/victim")" victim
	# clear and list pass it by
	run --separate-stderr pcap list -j
	esa_status 0
	esa_eq "$(jq -r '.[].file' <<< "$output")" "$SAVED"
	pcap clear
	[ -L "$D/evil-20261126-000000.cap" ]
	esa_eq "$(cat "$BATS_TEST_TMPDIR/victim")" victim
	rm "$D/evil-20261126-000000.cap"
}

@test "a hard link to another file is not downloaded" {
	echo secret > "$BATS_TEST_TMPDIR/secret"
	ln "$BATS_TEST_TMPDIR/secret" "$D/h-20261126-000000.cap"
	refused download h-20261126-000000.cap - 2> /dev/null || {
		rm -f "$D/h-20261126-000000.cap"
		return 1
	}
	rm "$D/h-20261126-000000.cap"
}

@test "a symlinked capture directory and one anybody can write are refused" {
	ln -s "$D" "$BATS_TEST_TMPDIR/link"
	run --separate-stderr in_b "$PCAP" -D "$BATS_TEST_TMPDIR/link" -C "$CONF" start -i b0
	esa_status 2
	[[ $stderr == *"is a symbolic link"* ]]
	mkdir -m 0777 "$BATS_TEST_TMPDIR/open"
	chmod 0777 "$BATS_TEST_TMPDIR/open"
	run --separate-stderr in_b "$PCAP" -D "$BATS_TEST_TMPDIR/open" -C "$CONF" start -i b0
	esa_status 2
	[[ $stderr == *"anybody can write (no sticky bit)"* ]]
	[ -z "$(ls "$BATS_TEST_TMPDIR/open")" ]
	# with the sticky bit (as /tmp), a capture may run there, and keeps the mode
	chmod 1777 "$BATS_TEST_TMPDIR/open"
	run --separate-stderr in_b "$PCAP" -D "$BATS_TEST_TMPDIR/open" -C "$CONF" run -i b0 \
		-t 1s -Z nobody
	esa_status 0
	esa_eq "$(stat -c '%a %U' "$BATS_TEST_TMPDIR/open")" "1777 root" "the shared directory"
	esa_eq "$(stat -c '%a %U' "$BATS_TEST_TMPDIR/open/"*.cap)" "640 nobody" "its capture file"
}

@test "usage errors: unknown command, option or operand, exit 2 with the synopsis" {
	run --separate-stderr pcap frobnicate
	esa_status 2
	esa_eq "${stderr_lines[0]}" "esa-pcap: unknown command: frobnicate"
	run --separate-stderr pcap stop -j
	esa_status 2
	run --separate-stderr pcap list extra
	esa_status 2
	run --separate-stderr pcap download
	esa_status 2
	run --separate-stderr "$PCAP"
	esa_status 2
	run --separate-stderr pcap start -x
	esa_status 2
	esa_eq "${stderr_lines[0]}" "esa-pcap: -x: unknown option"
	run --separate-stderr "$PCAP" --help
	esa_status 0
	[[ ${lines[0]} == usage:* ]]
}

@test "setup saves the settings atomically; options override them for one capture" {
	# libpcap sees through a filter that takes nothing: icmp has no ports
	run --separate-stderr pcap setup -f icmp -p 7
	esa_status 2
	esa_eq "$stderr" "esa-pcap: bad filter: expression rejects all packets"
	[ ! -e "$CONF" ]
	run --separate-stderr pcap setup -i b0 -f ip -s 1M -t 1h -p 7
	esa_status 0
	grep -qx 'interface = b0' "$CONF"
	grep -qx 'filter = ip' "$CONF"
	grep -qx 'max_size = 1M' "$CONF"
	grep -qx 'duration = 1h' "$CONF"
	grep -qx 'ports = 7' "$CONF"
	[ "$(stat -c %a "$CONF")" = 644 ]
	run pcap status -j
	esa_eq "$(jq -r .settings.filter <<< "$output")" "(ip) and (port 7)"
	# a bad value changes nothing
	cp "$CONF" "$BATS_TEST_TMPDIR/conf.before"
	run --separate-stderr pcap setup -s 10X
	esa_status 2
	cmp "$CONF" "$BATS_TEST_TMPDIR/conf.before"
	# one capture with -p 9 instead of the saved 7 and -f udp instead of ip
	start_capture -f udp -p 9
	udp_send 5 9
	udp_send 5 7
	pcap stop > /dev/null
	[ "$(count "$D/$FILE")" -eq 5 ]
	esa_eq "$(status_json .settings.max_size_bytes)" 1048576 "the saved size limit for this capture"
	# a broken settings file is named, with its line
	printf 'bogus = 1\n' > "$CONF"
	run --separate-stderr pcap start
	esa_status 2
	esa_eq "$stderr" "esa-pcap: $CONF: line 1: bogus: unknown key"
}

@test "symlinks planted at the next names: start fails, the victim is untouched" {
	local host now i n
	# the man page's rule: the short name, other bytes made '-', none leading
	host=$(hostname | cut -d. -f1 | sed 's/[^A-Za-z0-9-]/-/g; s/^-*//' | cut -c1-63)
	host=${host:-localhost}
	now=$(date +%s)
	echo victim > "$BATS_TEST_TMPDIR/victim"
	for i in $(seq 0 14); do
		n=$D/$host-$(date -d "@$((now + i))" +%Y%m%d-%H%M%S).cap
		[ -e "$n" ] || ln -s "$BATS_TEST_TMPDIR/victim" "$n"
	done
	run --separate-stderr pcap start -i b0
	esa_status 2
	[ -z "$output" ]
	[[ $stderr == *"File exists" ]]
	esa_eq "$(cat "$BATS_TEST_TMPDIR/victim")" victim
	# only the links and the saved capture: no file was made
	[ "$(find "$D" -name '*.cap' -type f | wc -l)" -eq 1 ]
	find "$D" -name '*.cap' -type l -delete
	nothing_changed
}

@test "a filter past the length bound (64 KiB) is refused before libpcap sees it" {
	local f
	f=$(for i in $(seq 1 12); do printf 'not host 192.0.2.%d and ' $(seq 1 254); done | head -c 65536)
	refused start -i b0 -f "${f}tcp"
	[[ ${stderr_lines[0]} == "esa-pcap: -f: value is too long: "* ]]
}

@test "a FIFO as settings or state file: refused at once, never waited on" {
	local cmd
	mkfifo "$BATS_TEST_TMPDIR/fifo.conf"
	for cmd in start run status setup; do
		run --separate-stderr timeout "$ESA_TIMEOUT" ip netns exec "$B" "$PCAP" -D "$D" \
			-C "$BATS_TEST_TMPDIR/fifo.conf" "$cmd"
		esa_status 2
		[ -z "$output" ]
		esa_eq "$stderr" "esa-pcap: $BATS_TEST_TMPDIR/fifo.conf: not a regular file"
	done
	# a FIFO where the state file goes: status, list and a capture go on without it
	rm "$D/.esa-pcap.state"
	mkfifo "$D/.esa-pcap.state"
	run --separate-stderr timeout "$ESA_TIMEOUT" ip netns exec "$B" "$PCAP" -D "$D" \
		-C "$CONF" status
	esa_status 1
	run --separate-stderr timeout "$ESA_TIMEOUT" ip netns exec "$B" "$PCAP" -D "$D" list
	esa_status 0
	run --separate-stderr timeout "$ESA_TIMEOUT" ip netns exec "$B" "$PCAP" -D "$D" \
		-C "$CONF" run -i b0 -t 1s
	esa_status 0
	[ -f "$D/.esa-pcap.state" ]
}

@test "delete and clear remove captures only: not a pcap file, hard links; a bad name is exit 2 anywhere" {
	echo secret > "$D/x-20261126-000000.cap"
	run --separate-stderr pcap delete x-20261126-000000.cap
	esa_status 2
	[ -z "$output" ]
	esa_eq "$stderr" "esa-pcap: x-20261126-000000.cap: not a pcap file"
	# a pcap file that is also somebody's file elsewhere
	cp "$D/$SAVED" "$BATS_TEST_TMPDIR/theirs.pcap"
	ln "$BATS_TEST_TMPDIR/theirs.pcap" "$D/h-20261126-000000.cap"
	run --separate-stderr pcap clear
	esa_status 0
	esa_eq "$(caps)" "$(printf 'h-20261126-000000.cap\nx-20261126-000000.cap')"
	esa_eq "$(cat "$D/x-20261126-000000.cap")" secret
	cmp "$BATS_TEST_TMPDIR/theirs.pcap" "$D/h-20261126-000000.cap"
	rm "$D/h-20261126-000000.cap" "$D/x-20261126-000000.cap"
	# no capture directory: a bad name is still a usage error
	run --separate-stderr ip netns exec "$B" "$PCAP" -D "$BATS_TEST_TMPDIR/none" delete ../x.cap
	esa_status 2
	run --separate-stderr ip netns exec "$B" "$PCAP" -D "$BATS_TEST_TMPDIR/none" download ../x.cap -
	esa_status 2
	[ -z "$output" ]
}

@test "esa-pcap(8) shows the status lines whole, as status prints them" {
	local man line
	man=$(mandoc -Tascii -Owidth=200 "$ESA_SRCDIR/man/esa-pcap.8" | col -b | tr -s ' \n' '  ')
	run --separate-stderr pcap status
	esa_status 1
	line=$(sed -n 's/^ *Status: *//p' <<< "$output")
	esa_eq "$line" "No capture running (last capture: stopped)"
	[[ $man == *"${line%stopped)}REASON)"* ]] || {
		echo "the man page lacks: ${line%stopped)}REASON)"
		return 1
	}
	[[ $man == *"Capture in progress (pid unverified)"* ]]
}

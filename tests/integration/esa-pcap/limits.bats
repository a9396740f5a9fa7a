#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# limits.bats - the size limit, the ring, the duration, the disk filling up, the interface
# going down or away: each ends with a file tcpdump and tshark read to its last packet.

load ../lib
load common

setup() {
	pcap_setup
}

teardown() {
	pcap_teardown
}

@test "-s: the file never passes MAXSIZE; the capture stops there, exit 0" {
	in_b timeout "$ESA_TIMEOUT" "$PCAP" -D "$D" -C "$CONF" run -i b0 -s 20k \
		> "$BATS_TEST_TMPDIR/out" 2>&1 &
	local pid=$!
	esa_wait_for 5 has_caps
	# 1042-byte frames: 20 fit (24 + 20 * 1058 = 21184 > 20480 ... 19 fit)
	while kill -0 "$pid" 2> /dev/null; do flood 1; done
	wait "$pid"
	local f
	f=$D/$(caps)
	[ "$(stat -c %s "$f")" -le 20480 ]
	# full: the next frame would not have fitted
	[ "$(stat -c %s "$f")" -gt $((20480 - 1058)) ]
	readable "$f"
	grep -q 'Capture ended: size limit' "$BATS_TEST_TMPDIR/out"
	run pcap status
	esa_status 1
	[[ $output == *"(last capture: size limit)"* ]]
}

@test "-r: at the limit the capture rotates, keeping the newest N files, each whole" {
	start_capture -i b0 -s 8k -r 3
	[[ $FILE == *-001.cap ]]
	local i
	for i in 1 2 3 4 5; do
		flood 1
	done
	run pcap stop
	esa_status 0
	run caps
	[ "${#lines[@]}" -eq 3 ]
	local stem=${FILE%-001.cap} last n f
	last=$(status_json .file)
	n=${last%.cap}
	n=$((10#${n##*-}))
	[ "$n" -gt 3 ]
	# the newest three, in sequence
	esa_eq "$(caps)" "$(printf '%s-%03d.cap\n' "$stem" $((n - 2)) "$stem" $((n - 1)) "$stem" "$n")"
	for f in $(caps); do
		[ "$(stat -c %s "$D/$f")" -le 8192 ]
		[ "$(stat -c '%a' "$D/$f")" = 640 ]
		readable "$D/$f"
	done
}

@test "-t: the capture ends on time with no packet at all, header-only file" {
	ip -n "$B" link set b0 down
	ip -n "$B" link set b0 up
	in_b timeout 10 "$PCAP" -D "$D" -C "$CONF" run -i lo -t 2s -f 'icmp' 2> "$BATS_TEST_TMPDIR/err"
	local f
	f=$D/$(caps)
	[ "$(stat -c %s "$f")" -eq 24 ]
	[ "$(count "$f")" -eq 0 ]
	grep -q 'Capture ended: time limit' "$BATS_TEST_TMPDIR/err"
	run pcap status -j
	esa_status 1
	esa_eq "$(jq -r .result <<< "$output")" "time limit"
}

# link_packets: packets b0 received and sent, as ip counts them
link_packets() {
	ip -n "$B" -j -s link show b0 | jq '.[0].stats64 | .rx.packets + .tx.packets'
}

@test "disk full (64 KiB tmpfs): stops, truncates to the last whole record, says why, exit 2" {
	local before_link
	before_link=$(link_packets)
	mount -t tmpfs -o size=64k,mode=0755 esa-pcap-test "$D"
	in_b timeout "$ESA_TIMEOUT" "$PCAP" -D "$D" -C "$CONF" run -i b0 -f icmp \
		> "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" &
	local pid=$! st=0
	esa_wait_for 5 has_caps
	while kill -0 "$pid" 2> /dev/null; do flood 1; done
	wait "$pid" || st=$?
	[ "$st" -eq 2 ]
	grep -q 'Capture ended: disk full' "$BATS_TEST_TMPDIR/err"
	grep -q 'No space left on device' "$BATS_TEST_TMPDIR/err"
	local f n
	f=$D/$(caps)
	readable "$f"
	n=$(count "$f")
	[ "$n" -gt 10 ]
	# the count reported is the count in the file
	grep -qx "$n packets captured" "$BATS_TEST_TMPDIR/err"
	# and what was read but thrown away is said: a 4 MiB buffer never fits 64 KiB
	local lost
	lost=$(sed -n 's/^\([0-9]*\) packets read but not written$/\1/p' "$BATS_TEST_TMPDIR/err")
	[ -n "$lost" ]
	[ "$lost" -gt 0 ]
	# no more than the link carried (ip's counters, a few ARP or IPv6 packets aside)
	[ $((n + lost)) -le $(($(link_packets) - before_link)) ]
	run pcap status
	esa_status 1
	[[ $output == *"(last capture: disk full)"* ]]
	[[ $output == *"Packets not written:    $lost"* ]]
	esa_eq "$(status_json .packets)" "$n"
	esa_eq "$(status_json .not_written)" "$lost"
}

# direct_fd PID FILE: PID holds FILE open with O_DIRECT (the kernel's flags in fdinfo).
# The same file by device and inode: the link's text can name another root (a chroot).
direct_fd() {
	local fd flags
	for fd in /proc/"$1"/fd/*; do
		[ "$fd" -ef "$2" ] || continue
		flags=$(awk '$1 == "flags:" { print $2 }' "/proc/$1/fdinfo/${fd##*/}")
		(( 8#$flags & 8#40000 )) && return 0
	done
	return 1
}

# bats test_tags=vm
@test "disk full (ext4 on a loop device, written with O_DIRECT): stops, whole records, exit 2" {
	# loop may be a module no device node has asked for yet (the VM tier's fresh boot)
	modprobe loop 2> /dev/null || :
	if ! losetup -f > /dev/null 2>&1; then
		skip "skipped: kernel lacks loop devices"
	fi
	truncate -s 4M "$BATS_TEST_TMPDIR/fs.img"
	mkfs.ext4 -q -F "$BATS_TEST_TMPDIR/fs.img"
	mount -o loop "$BATS_TEST_TMPDIR/fs.img" "$D"
	chmod 0755 "$D"
	in_b timeout "$ESA_TIMEOUT" "$PCAP" -D "$D" -C "$CONF" run -i b0 -f icmp \
		> "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" &
	local pid=$! st=0 cap f
	esa_wait_for 5 has_caps
	f=$D/$(caps)
	cap=$(pgrep -f "^$PCAP -D $D " | head -1)
	[ -n "$cap" ]
	# the file goes past the page cache: the kernel says so (the flag is off only
	# for the moment the part page at a flush's end is written)
	esa_wait_for 5 direct_fd "$cap" "$f"
	while kill -0 "$pid" 2> /dev/null; do flood 1; done
	wait "$pid" || st=$?
	[ "$st" -eq 2 ]
	grep -q 'Capture ended: disk full' "$BATS_TEST_TMPDIR/err"
	grep -q 'No space left on device' "$BATS_TEST_TMPDIR/err"
	local n
	readable "$f"
	n=$(count "$f")
	# 4 MiB of ext4 holds more than a thousand 1042-byte frames
	[ "$n" -gt 1000 ]
	grep -qx "$n packets captured" "$BATS_TEST_TMPDIR/err"
	esa_eq "$(status_json .packets)" "$n"
}

@test "the interface disappears: the capture stops with a message, the file is whole" {
	start_capture -i b0 -f icmp
	pings 5
	ip -n "$B" link del b0
	esa_wait_for 10 not_running
	readable "$D/$FILE"
	[ "$(count "$D/$FILE")" -eq 10 ]
	run pcap status
	esa_status 1
	[[ $output == *"(last capture: interface gone)"* ]]
	[[ $output == *"b0: interface disappeared"* ]]
}

@test "the interface goes down: the capture stops with a message, the file is whole" {
	in_b timeout "$ESA_TIMEOUT" "$PCAP" -D "$D" -C "$CONF" run -i b0 -f icmp \
		2> "$BATS_TEST_TMPDIR/err" &
	local pid=$! st=0
	esa_wait_for 5 has_caps
	pings 5
	ip -n "$B" link set b0 down
	wait "$pid" || st=$?
	[ "$st" -eq 2 ]
	grep -q 'b0: interface went down' "$BATS_TEST_TMPDIR/err"
	local f
	f=$D/$(caps)
	readable "$f"
	[ "$(count "$f")" -eq 10 ]
	esa_eq "$(status_json .result)" "interface down"
}

# big_pings N: N echo requests of 3,000 bytes (3,014-byte frames) A -> B, on a 9000 MTU
big_pings() {
	in_a ping -q -c "$1" -i 0.02 -W 1 -s 2972 192.0.2.2 > /dev/null
}

@test "packets larger than -s allows are cut to what a file holds: the ring keeps data, one file keeps the packet" {
	ip -n "$A" link set a0 mtu 9000
	ip -n "$B" link set b0 mtu 9000
	# a ring of 2 KiB files: 6 small pings, then 10 big ones (20 frames of 3,014 bytes)
	start_capture -i b0 -f icmp -s 2k -r 3
	pings 6
	big_pings 10
	run --separate-stderr pcap stop
	esa_status 0
	[[ $output == *"Capture ended: stopped"* ]]
	run caps
	[ "${#lines[@]}" -eq 3 ]
	local f
	for f in $(caps); do
		# one frame each, cut to what a 2 KiB file holds (24 + 16 + 2008 bytes)
		esa_eq "$(count "$D/$f")" 1 "packets in $f"
		esa_eq "$(stat -c %s "$D/$f")" 2048 "size of $f"
		tcpdump -n -r "$D/$f" 2> /dev/null | grep -q 'ICMP echo'
		esa_eq "$(tshark -n -r "$D/$f" -T fields -e frame.len -e frame.cap_len 2> /dev/null)" \
			"$(printf '3014\t2008')" "lengths in $f"
	done
	# without a ring the big request is kept, cut, and fills the file: then the limit
	rm "$D"/*.cap
	start_capture -i b0 -f icmp -s 2k
	big_pings 1
	esa_wait_for 5 not_running
	esa_eq "$(status_json .result)" "size limit"
	esa_eq "$(tshark -n -r "$D/$FILE" -T fields -e frame.len -e frame.cap_len 2> /dev/null)" \
		"$(printf '3014\t2008')" "lengths in $FILE"
}

#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# lifecycle.bats - one capture per directory: start, status, a second start refused, stop,
# list, download, delete, clear; kill -9 and the repair; PIDs never trusted without the
# lock; -Z USER; a storm of signals.

load ../lib
load common

setup() {
	pcap_setup
}

teardown() {
	pcap_teardown
}

@test "start runs detached, status shows it, a second start is refused naming it" {
	start_capture -i b0 -f icmp
	[[ $FILE =~ ^[A-Za-z0-9-]+-[0-9]{8}-[0-9]{6}\.cap$ ]]
	[ "$(stat -c %a "$D/$FILE")" = 640 ]
	local pid
	pid=$(status_json .pid)
	# detached: no terminal, not in the caller's session
	[ "$(ps -o tty= -p "$pid" | tr -d ' ')" = "?" ]
	[ "$(ps -o sid= -p "$pid" | tr -d ' ')" != "$(ps -o sid= -p $$ | tr -d ' ')" ]
	pings 3
	esa_wait_for 5 packets_are 6
	run --separate-stderr pcap status
	esa_status 0
	[[ $output == *"Capture Information:"* ]]
	[[ $output == *"Capture in progress (pid $pid)"* ]]
	[[ $output == *"File Name:              $FILE"* ]]
	[[ $output == *"Current Settings:"* ]]
	[[ $output == *"Capture Interfaces:     b0"* ]]
	[[ $output == *"Capture Filter:         (icmp)"* ]]
	run --separate-stderr pcap status -j
	esa_status 0
	jq -e ".running == true and .pid == $pid and .file == \"$FILE\" and .packets == 6
		and .dropped == 0 and (.size_bytes | type) == \"number\" and (.elapsed_s | type) == \"number\"
		and .settings.interfaces == \"b0\" and .settings.max_size_bytes == 209715200" <<< "$output"
	run --separate-stderr pcap start -i b0
	esa_status 1
	[ -z "$output" ]
	esa_eq "$stderr" "esa-pcap: a capture is already running: $FILE (pid $pid)"
	[ "$(caps | wc -l)" -eq 1 ]
	run --separate-stderr pcap stop
	esa_status 0
	[[ $output == *"Capture ended: stopped"* ]]
	[[ $output == *"6 packets captured"* ]]
	gone "$pid"
	run --separate-stderr pcap stop
	esa_status 1
	esa_eq "$stderr" "esa-pcap: no capture is running"
	run pcap status
	esa_status 1
	[[ $output == *"No capture running (last capture: stopped)"* ]]
}

packets_are() {
	[ "$(status_json .packets)" = "$1" ]
}

@test "list, download (stdout byte-identical, to a file), delete, clear keeps the running one" {
	start_capture -i b0
	pings 3
	pcap stop > /dev/null
	local first=$FILE
	sleep 1	# the next capture's name has a later second
	start_capture -i b0
	pings 2
	pcap stop > /dev/null
	local second=$FILE
	run --separate-stderr pcap list
	esa_status 0
	[ "${lines[0]}" = "Name                                             Size  Last modified" ]
	[[ ${lines[1]} == "$first "* ]]
	[[ ${lines[2]} == "$second "* ]]
	run --separate-stderr pcap list -j
	esa_status 0
	esa_eq "$(jq -r '.[].file' <<< "$output")" "$(printf '%s\n' "$first" "$second")"
	jq -e ".[0].size_bytes == $(stat -c %s "$D/$first") and .[0].running == false" <<< "$output"
	pcap download "$first" - > "$BATS_TEST_TMPDIR/out.cap"
	cmp "$BATS_TEST_TMPDIR/out.cap" "$D/$first"
	(cd "$BATS_TEST_TMPDIR" && pcap download "$second")
	cmp "$BATS_TEST_TMPDIR/$second" "$D/$second"
	# an existing destination is never overwritten
	run --separate-stderr pcap download "$second" "$BATS_TEST_TMPDIR/out.cap"
	esa_status 2
	cmp "$BATS_TEST_TMPDIR/out.cap" "$D/$first"
	run --separate-stderr pcap delete "$first"
	esa_status 0
	esa_eq "$(caps)" "$second"
	run --separate-stderr pcap delete "$first"
	esa_status 1
	# clear keeps the running capture
	sleep 1
	start_capture -i b0
	run --separate-stderr pcap list
	[[ $output == *"$FILE"*"(running)"* ]]
	run --separate-stderr pcap clear
	esa_status 0
	esa_eq "$(caps)" "$FILE"
	run --separate-stderr pcap delete "$FILE"
	esa_status 2
	[ -f "$D/$FILE" ]
	pcap stop > /dev/null
}

@test "kill -9: the lock is free at once, the next status repairs a torn tail, start works" {
	start_capture -i b0 -f icmp
	local pid size
	pid=$(status_json .pid)
	pings 5
	esa_wait_for 5 packets_are 10
	kill -9 "$pid"
	esa_wait_for 5 gone "$pid"
	# the lock went with the process (flock(1) takes it at once); nothing repaired yet
	flock -n "$D/.esa-pcap.lock" true
	# what a write cut by the kill leaves: a record header and part of its data
	size=$(stat -c %s "$D/$FILE")
	printf '\x01\x00\x00\x00\x02\x00\x00\x00\x62\x00\x00\x00\x62\x00\x00\x00abcdef' >> "$D/$FILE"
	run ! count "$D/$FILE"
	run pcap status
	esa_status 1
	[[ $output == *"(last capture: stopped unexpectedly)"* ]]
	[ "$(stat -c %s "$D/$FILE")" -eq "$size" ]
	[ "$(count "$D/$FILE")" -eq 10 ]
	[ "$(tshark_count "$D/$FILE")" -eq 10 ]
	start_capture -i b0
	pcap stop > /dev/null
}

@test "kill -9 under load: list repairs the file, which then reads to its last packet" {
	start_capture -i b0
	local pid
	pid=$(status_json .pid)
	flood 2
	kill -9 "$pid"
	esa_wait_for 5 gone "$pid"
	run pcap list
	esa_status 0
	readable "$D/$FILE"
	[ "$(count "$D/$FILE")" -gt 0 ]
}

@test "a PID in the lock file without the lock is never signalled" {
	start_capture -i b0
	pcap stop > /dev/null
	sleep 100 &
	local victim=$!
	printf '%s\n' "$victim" > "$D/.esa-pcap.lock"
	run --separate-stderr pcap stop
	esa_status 1
	kill -0 "$victim"
	run pcap status
	esa_status 1
	kill "$victim"
}

# bats test_tags=vm
@test "a directory on overlayfs (a container's root): status proves the capture, stop ends it" {
	grep -qw overlay /proc/filesystems || modprobe -q overlay 2> /dev/null ||
		skip "skipped: kernel lacks overlay"
	local L=$BATS_TEST_TMPDIR/layers pid dev victim
	mkdir -p "$L"
	# the upper layer on a tmpfs of its own (an overlay is never another's upper layer),
	# the lower on another file system: stat then names the upper layer's device
	mount -t tmpfs -o size=16m layers "$L"
	mkdir "$L/upper" "$L/work" "$BATS_TEST_TMPDIR/lower"
	mount -t overlay -o "lowerdir=$BATS_TEST_TMPDIR/lower,upperdir=$L/upper,workdir=$L/work" capdir "$D"
	start_capture -i b0 -f icmp
	pid=$(status_json .pid)
	# what makes overlayfs differ: the kernel's lock line names another device than stat
	dev=$(printf '%02x:%02x' "$(stat -c %Hd "$D/.esa-pcap.lock")" "$(stat -c %Ld "$D/.esa-pcap.lock")")
	grep -q " $pid [0-9a-f:]*:$(stat -c %i "$D/.esa-pcap.lock") " /proc/locks
	run ! grep -q " $pid $dev:" /proc/locks
	run --separate-stderr pcap status
	esa_status 0
	[[ $output == *"Capture in progress (pid $pid)"* ]]
	# with both files' hints wrong only /proc/locks names the holder, by inode alone
	# (stopped: its state file is not rewritten meanwhile)
	sleep 100 &
	victim=$!
	kill -STOP "$pid"
	echo "$victim" > "$D/.esa-pcap.lock"
	sed -i "s/^pid = .*/pid = $victim/" "$D/.esa-pcap.state"
	run --separate-stderr pcap status
	kill -CONT "$pid"
	esa_status 0
	[[ $output == *"Capture in progress (pid $pid)"* ]]
	run --separate-stderr pcap stop
	esa_status 0
	[[ $output == *"Capture ended: stopped"* ]]
	gone "$pid"
	kill -0 "$victim"
	kill "$victim"
}

@test "-Z nobody: the capture runs as nobody with no capabilities; every ring file alike" {
	rmdir "$D"	# only a directory the capture creates is handed to the user
	start_capture -i b0 -s 4k -r 3 -Z nobody
	esa_eq "$(stat -c '%U %a' "$D")" "nobody 750" "the capture directory"
	local pid f
	pid=$(status_json .pid)
	grep -E '^(Uid|Gid):' "/proc/$pid/status" > "$BATS_TEST_TMPDIR/ids"
	local nuid ngid
	nuid=$(id -u nobody)
	ngid=$(id -g nobody)
	grep -qP "^Uid:\t$nuid\t$nuid\t$nuid\t$nuid$" "$BATS_TEST_TMPDIR/ids"
	grep -qP "^Gid:\t$ngid\t$ngid\t$ngid\t$ngid$" "$BATS_TEST_TMPDIR/ids"
	grep -qP '^CapEff:\t0+$' "/proc/$pid/status"
	grep -qP '^CapPrm:\t0+$' "/proc/$pid/status"
	grep -qP '^CapAmb:\t0+$' "/proc/$pid/status"
	grep -qP '^CapBnd:\t0+$' "/proc/$pid/status"
	grep -qP '^NoNewPrivs:\t1$' "/proc/$pid/status"
	grep -qP "^Groups:\t$ngid *$" "/proc/$pid/status"
	flood 3
	run pcap stop
	esa_status 0
	local summary=$output
	run caps
	[ "${#lines[@]}" -eq 3 ]
	for f in $(caps); do
		esa_eq "$(stat -c '%U %a' "$D/$f")" "nobody 640" "$f owner and mode"
		readable "$D/$f"
	done
	# rotation happened (the first file is gone) and never failed
	[ ! -f "$D/$FILE" ]
	[[ $summary == *"Capture ended: stopped"* ]]
}

@test "signals: SIGINT, SIGTERM and SIGHUP end run cleanly, exit 0" {
	local sig pid st
	for sig in INT TERM HUP; do
		in_b "$PCAP" -D "$D" -C "$CONF" run -i b0 > /dev/null 2> "$BATS_TEST_TMPDIR/err" &
		pid=$!
		esa_wait_for 5 running_pid
		pings 2
		kill -"$sig" "$(status_json .pid)"
		st=0
		wait "$pid" || st=$?
		[ "$st" -eq 0 ]
		grep -q 'Capture ended: stopped' "$BATS_TEST_TMPDIR/err"
		readable "$D/$(status_json .file)"
		esa_eq "$(count "$D/$(status_json .file)")" 4 "packets after SIG$sig"
		sleep 1
	done
}

# running_pid: a capture runs and has written its first state (its handle is active:
# the lock alone is taken before that)
running_pid() {
	[ "$(status_json '.running and has("file")')" = true ]
}

@test "a storm of signals during the capture and during its stop leaves a valid file" {
	in_b "$PCAP" -D "$D" -C "$CONF" run -i b0 > /dev/null 2> "$BATS_TEST_TMPDIR/err" &
	local pid=$! cpid i st=0
	esa_wait_for 5 running_pid
	cpid=$(status_json .pid)
	flood 2 &
	for i in $(seq 500); do
		kill -USR1 "$cpid" 2> /dev/null
		kill -QUIT "$cpid" 2> /dev/null
	done
	wait %2 2> /dev/null || :
	kill -TERM "$cpid"
	for i in $(seq 500); do
		kill -USR1 "$cpid" 2> /dev/null || break
		kill -HUP "$cpid" 2> /dev/null || break
	done
	wait "$pid" || st=$?
	[ "$st" -eq 0 ]
	readable "$D/$(status_json .file)"
	[ "$(count "$D/$(status_json .file)")" -gt 0 ]
	esa_eq "$(count "$D/$(status_json .file)")" "$(status_json .packets)" "packets in the file"
}

@test "twenty starts at once: exactly one capture, the others exit 1 naming it" {
	local i ok=0 busy=0 st pids=()
	for i in $(seq 20); do
		# errexit holds in the subshell: keep the status of a refused start
		(st=0; pcap start -i b0 > "$BATS_TEST_TMPDIR/start.$i" 2>&1 || st=$?
		 echo "$st" > "$BATS_TEST_TMPDIR/st.$i") &
		pids+=($!)
	done
	for i in "${pids[@]}"; do
		wait "$i" || :
	done
	for i in $(seq 20); do
		st=$(cat "$BATS_TEST_TMPDIR/st.$i")
		case $st in
		0) ok=$((ok + 1)) ;;
		1) busy=$((busy + 1))
		   grep -q '^esa-pcap: a capture is already running' "$BATS_TEST_TMPDIR/start.$i" ;;
		*) cat "$BATS_TEST_TMPDIR/start.$i"; return 1 ;;
		esac
	done
	[ "$ok" -eq 1 ]
	[ "$busy" -eq 19 ]
	[ "$(caps | wc -l)" -eq 1 ]
	pcap stop > /dev/null
}

@test "a stopped (SIGSTOP) capture: status does not hang, stop gives up with a message" {
	start_capture -i b0
	local pid
	pid=$(status_json .pid)
	kill -STOP "$pid"
	run timeout 5 "$PCAP" -D "$D" status
	esa_status 0
	run --separate-stderr timeout 30 "$PCAP" -D "$D" stop
	esa_status 2
	esa_eq "$stderr" "esa-pcap: the capture (pid $pid) did not stop within 15 s"
	kill -CONT "$pid"
	esa_wait_for 5 gone "$pid"
	readable "$D/$FILE"
	esa_eq "$(status_json .result)" stopped
}

@test "kill -9 at random moments, ten times: every file reads whole after the next start" {
	local i pid f
	for i in $(seq 10); do
		start_capture -i b0 -s 64M
		pid=$(status_json .pid)
		flood 2 &
		sleep "0.$((RANDOM % 10))$((RANDOM % 10))"
		kill -9 "$pid"
		wait %1 2> /dev/null || :
		esa_wait_for 5 gone "$pid"
	done
	# the tenth file is repaired by this listing, the others by the next start
	pcap list > /dev/null
	for f in $(caps); do
		readable "$D/$f"
	done
	[ "$(caps | wc -l)" -ge 1 ]
	esa_eq "$(status_json .result)" "stopped unexpectedly"
}

@test "closed or failing standard descriptors: start's status is the capture's, run's summary goes nowhere else" {
	local pid
	# 0 and 1 closed: the pipe from the capture process must not become them
	run --separate-stderr in_b sh -c 'exec "$@" <&- >&-' sh "$PCAP" -D "$D" -C "$CONF" start -i b0
	esa_status 0
	esa_eq "$(status_json .running)" true
	pcap stop > /dev/null
	# the name cannot be printed: said on stderr, yet the capture runs, status 0
	run --separate-stderr in_b sh -c 'exec "$@" > /dev/full' sh "$PCAP" -D "$D" -C "$CONF" start -i b0
	esa_status 0
	esa_eq "$stderr" "esa-pcap: write error: No space left on device"
	esa_eq "$(status_json .running)" true
	pcap stop > /dev/null
	# run with 1 and 2 closed: the lock file is no place for the summary
	in_b sh -c 'exec "$@" >&- 2>&-' sh "$PCAP" -D "$D" -C "$CONF" run -i b0 -t 1s
	run grep -c 'Capture ended' "$D/.esa-pcap.lock"
	esa_eq "$output" 0 "summaries in the lock file"
	esa_eq "$(status_json .result)" "time limit"
}

@test "-j: every key of status (idle, running, stopped, failed) and list is in esa-tools(7)'s vocabulary" {
	run --separate-stderr pcap status -j
	esa_status 1
	esa_json_vocab document "status, idle"
	run --separate-stderr pcap list -j
	esa_status 0
	esa_json_vocab document "list, empty"
	# every setting given: a time limit, a ring, hosts, ports, a filter, a user
	start_capture -i b0 -H 192.0.2.1 -p 7 -f ip -t 1h -r 2 -S 1500
	pings 2
	run --separate-stderr pcap status -j
	esa_status 0
	esa_json_vocab document "status, running"
	jq -e '.running and has("started_at") and .settings.duration_s == 3600 and
	    .settings.ring == 2 and .settings.snaplen_bytes == 1500 and has("ended_at") == false' \
		<<< "$output"
	run --separate-stderr pcap list -j
	esa_status 0
	esa_json_vocab document "list, running"
	run --separate-stderr pcap stop
	esa_status 0
	# none set: each left out, never ""
	start_capture -i b0
	run --separate-stderr pcap status -j
	esa_status 0
	esa_json_vocab document "status, running, nothing set"
	jq -e '.settings | has("filter") or has("bpf") or has("hosts") or has("ports") or
	    has("user") or has("duration_s") or has("ring") | not' <<< "$output"
	run --separate-stderr pcap stop
	esa_status 0
	run --separate-stderr pcap status -j
	esa_status 1
	esa_json_vocab document "status, stopped"
	jq -e '.running == false and .result == "stopped" and has("ended_at")' <<< "$output"
	run --separate-stderr pcap list -j
	esa_status 0
	esa_json_vocab document "list, two files"
	esa_eq "$(jq length <<< "$output")" 2 "files listed"
	# a capture that failed: its interface went down
	start_capture -i b0
	ip -n "$B" link set b0 down
	esa_wait_for 10 not_running
	run --separate-stderr pcap status -j
	esa_status 1
	esa_json_vocab document "status, failed"
	jq -e '.result == "interface down" and (.error | endswith("interface went down"))' \
		<<< "$output"
}

@test "-j: started_at and ended_at between the clock's readings around start and stop; modified_at is stat's mtime" {
	local t0 t1 t2 t3
	t0=$(date -u +%s)
	start_capture -i b0
	t1=$(date -u +%s)
	pings 2
	run --separate-stderr pcap status -j
	esa_status 0
	jq -e --argjson a "$t0" --argjson b "$t1" \
		'.started_at | fromdate | . >= $a and . <= $b' <<< "$output"
	t2=$(date -u +%s)
	run --separate-stderr pcap stop
	esa_status 0
	t3=$(date -u +%s)
	run --separate-stderr pcap status -j
	esa_status 1
	# the end is the start plus the whole seconds elapsed: each cut to the second, it may
	# fall a second before the reading taken before the stop, never after the one after
	jq -e --argjson a "$t2" --argjson b "$t3" \
		'.ended_at | fromdate | . >= $a - 1 and . <= $b' <<< "$output"
	run --separate-stderr pcap list -j
	esa_status 0
	jq -e --arg f "$FILE" --argjson m "$(stat -c %Y "$D/$FILE")" \
		'.[0] | .file == $f and (.modified_at | fromdate) == $m' <<< "$output"
}

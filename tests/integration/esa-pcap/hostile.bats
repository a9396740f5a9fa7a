#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# hostile.bats - esa-pcap under a hostile local user: what another user can write (the
# lock file, the state file, the directory) never decides what root signals, hands over
# or deletes. The user is nobody, against root's capture and the other way round, in a
# sticky directory anybody can write (1777, as /tmp) and in one owned by nobody.
# Hostile input too (the standing hostile suite): arguments with control bytes, newlines
# and bidi controls quoted on one line in every message; aliases and host names escaped
# in status and list; closed, full and broken standard outputs. The escaped forms are
# written out by hand (lib.bash); JSON keeps the bytes.

load ../lib
load common

setup() {
	pcap_setup
	# directories nobody can reach: the test's own temporary directory is root's only
	H=$(mktemp -d /tmp/esa-pcap-hostile.XXXXXX)
	chmod 0755 "$H"
	SHARED=$H/shared
	OWNED=$H/owned
	mkdir -m 1777 "$SHARED"
	chmod 1777 "$SHARED"
	mkdir -m 0750 "$OWNED"
	chown nobody:nogroup "$OWNED"
	# nobody's scratch files, and settings nobody can read
	mkdir -m 1777 "$H/tmp"
	CONF=$H/esa-pcap.conf
	KILL_LIST=()
}

teardown() {
	local p
	for p in "${KILL_LIST[@]}"; do
		kill "$p" 2> /dev/null
	done
	[ -z "${PROTECTED:-}" ] || sysctl -qw fs.protected_symlinks="$PROTECTED"
	pcap_teardown
	rm -rf "$H"
}

# nobody_do COMMAND...: COMMAND as nobody (no groups, no capabilities).
nobody_do() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all -- "$@"
}

# pcap_in DIR ARGS...: esa-pcap as root in namespace B on capture directory DIR.
pcap_in() {
	local d=$1
	shift
	ip netns exec "$B" "$PCAP" -D "$d" -C "$CONF" "$@"
}

# nobody_pcap DIR ARGS...: the same as nobody.
nobody_pcap() {
	local d=$1
	shift
	ip netns exec "$B" setpriv --reuid=nobody --regid=nogroup --clear-groups \
		--inh-caps=-all -- "$PCAP" -D "$d" -C "$CONF" "$@"
}

# victim: a process of root's that no esa-pcap may signal; its PID in VICTIM.
victim() {
	sleep 120 > /dev/null 2>&1 3>&- &
	VICTIM=$!
	KILL_LIST+=("$VICTIM")
}

# lock_held DIR: somebody holds DIR's lock (flock(1) would create a missing file)
lock_held() {
	[ -f "$1/.esa-pcap.lock" ] && ! flock -n -s "$1/.esa-pcap.lock" true
}

# plant_lock DIR PID: as nobody, takes the flock on DIR's lock file and writes PID in
# it, as anybody can in a directory they may write.
plant_lock() {
	nobody_do flock -x "$1/.esa-pcap.lock" \
		sh -c 'echo "$1" > "$2"; echo $$ > "$3"; exec sleep 120' sh \
		"$2" "$1/.esa-pcap.lock" "$H/tmp/holder" > /dev/null 2>&1 3>&- &
	KILL_LIST+=("$!")
	esa_wait_for 5 lock_held "$1"
	esa_wait_for 5 test -s "$H/tmp/holder"
	KILL_LIST+=("$(cat "$H/tmp/holder")")
	rm "$H/tmp/holder"
}

alive() {
	kill -0 "$1" 2> /dev/null
}

# gone PID: PID has ended (a zombie waiting for its reaper counts as ended)
@test "a lock held by another user's process, naming root's process: status and stop leave it alone" {
	local d
	victim
	for d in "$SHARED" "$OWNED"; do
		plant_lock "$d" "$VICTIM"
		run --separate-stderr pcap_in "$d" status
		esa_status 0
		[[ $output == *"Capture in progress (pid unverified)"* ]]
		[[ $output != *"$VICTIM"* ]]
		run --separate-stderr pcap_in "$d" status -j
		esa_status 0
		jq -e '.running == true and has("pid") == false' <<< "$output"
		run --separate-stderr pcap_in "$d" stop
		esa_status 2
		[ -z "$output" ]
		esa_eq "$stderr" "esa-pcap: the lock is held by a process not proved to be the capture (pid unverified): not stopping it"
		alive "$VICTIM"
		kill "${KILL_LIST[-1]}"
	done
}

# running_in DIR: a capture holds DIR's lock.
running_in() {
	lock_held "$1"
}

@test "the lock file rewritten by its user: root stops the capture, never the PID written there" {
	local pid
	victim
	# root's capture in the shared directory, on a lock file nobody made first
	nobody_do touch "$SHARED/.esa-pcap.lock"
	run --separate-stderr pcap_in "$SHARED" start -i b0
	esa_status 0
	echo "$VICTIM" > "$SHARED/.esa-pcap.lock"
	pid=$(pcap_in "$SHARED" status -j | jq -r .pid)
	[ "$pid" != "$VICTIM" ]
	alive "$pid"
	# nobody cannot read root's /proc entries: the capture is not proved to nobody
	run --separate-stderr nobody_pcap "$SHARED" status
	esa_status 0
	[[ $output == *"Capture in progress (pid unverified)"* ]]
	run --separate-stderr nobody_pcap "$SHARED" stop
	esa_status 2
	[[ $stderr == *"(pid unverified): not stopping it" ]]
	alive "$pid"
	run --separate-stderr pcap_in "$SHARED" stop
	esa_status 0
	[[ $output == *"Capture ended: stopped"* ]]
	alive "$VICTIM"
	esa_wait_for 5 gone "$pid"
	# a -Z nobody capture in nobody's directory: the lock and the state are nobody's
	run --separate-stderr pcap_in "$OWNED" start -i b0 -Z nobody
	esa_status 0
	pid=$(pcap_in "$OWNED" status -j | jq -r .pid)
	nobody_do sh -c 'echo "$1" > "$2"' sh "$VICTIM" "$OWNED/.esa-pcap.lock"
	nobody_do sed -i "s/^pid = .*/pid = $VICTIM/" "$OWNED/.esa-pcap.state"
	run --separate-stderr pcap_in "$OWNED" stop
	esa_status 0
	alive "$VICTIM"
	esa_wait_for 5 gone "$pid"
}

@test "no symbolic link anywhere on -D's path: a trailing slash or a user's link higher up" {
	mkdir -m 0750 "$H/real" "$H/elsewhere"
	ln -s "$H/real" "$H/link"
	# nobody's link in the shared directory, to a directory of root's
	nobody_do ln -s "$H/elsewhere" "$SHARED/u"
	local d cmd v
	for d in "$H/link/" "$H/link//" "$SHARED/u/caps" "$SHARED/u/"; do
		run --separate-stderr pcap_in "$d" start -i b0
		esa_status 2
		[ -z "$output" ]
		esa_eq "$stderr" "esa-pcap: $d: is a symbolic link, or one is on its path"
		for cmd in status list clear stop; do
			run --separate-stderr pcap_in "$d" "$cmd"
			esa_status 2
			[ -z "$output" ]
			[ "${#stderr_lines[@]}" -eq 1 ]
		done
	done
	esa_eq "$(ls -A "$H/real" "$H/elsewhere")" "$(printf '%s:\n\n%s:' "$H/elsewhere" "$H/real")"
	# with fs.protected_symlinks=1 (Debian's kernel and systemd default to it) the kernel
	# refuses nobody's link with EACCES before RESOLVE_NO_SYMLINKS says ELOOP: the same
	# message, whichever the machine's setting
	PROTECTED=$(sysctl -n fs.protected_symlinks)
	for v in 0 1; do
		sysctl -qw fs.protected_symlinks="$v"
		run --separate-stderr pcap_in "$SHARED/u/caps" start -i b0
		esa_status 2
		esa_eq "$stderr" "esa-pcap: $SHARED/u/caps: is a symbolic link, or one is on its path"
	done
	sysctl -qw fs.protected_symlinks="$PROTECTED"
}

@test "-Z hands over only a directory it creates; an existing one stays as it is" {
	local d=$H/existing
	# root's directory holding root's files: refused, nothing changes hands
	mkdir -m 0755 "$d"
	echo keep > "$d/notes"
	run --separate-stderr pcap_in "$d" start -i b0 -Z nobody
	esa_status 2
	[ -z "$output" ]
	esa_eq "$stderr" "esa-pcap: -Z nobody: $d holds notes, which is not a capture's"
	esa_eq "$(stat -c '%U %a' "$d" "$d/notes")" "$(printf 'root 755\nroot 644')"
	esa_eq "$(ls -A "$d")" notes
	# root's empty directory nobody cannot write: refused, not taken
	rm "$d/notes"
	run --separate-stderr pcap_in "$d" start -i b0 -Z nobody
	esa_status 2
	esa_eq "$stderr" "esa-pcap: -Z nobody: $d: the user cannot create files there"
	esa_eq "$(stat -c '%U %a' "$d")" "root 755"
	[ -z "$(ls -A "$d")" ]
	# nobody's own directory and the shared one are used as they are
	for d in "$OWNED" "$SHARED"; do
		run --separate-stderr pcap_in "$d" run -i b0 -t 1s -Z nobody
		esa_status 0
		[ "$(stat -c %U "$d")" = "$(basename "$d" | sed 's/owned/nobody/; s/shared/root/')" ]
		esa_eq "$(stat -c '%U %a' "$d"/*.cap)" "nobody 640"
	done
	# a directory it creates is nobody's
	run --separate-stderr pcap_in "$H/new" run -i b0 -t 1s -Z nobody
	esa_status 0
	esa_eq "$(stat -c '%U %a' "$H/new")" "nobody 750"
}

# no_caps PID: every thread of PID holds no capability, effective, permitted or ambient
no_caps() {
	local t n=0
	for t in /proc/"$1"/task/*; do
		grep -qP '^CapEff:\t0+$' "$t/status" &&
			grep -qP '^CapPrm:\t0+$' "$t/status" &&
			grep -qP '^CapAmb:\t0+$' "$t/status" || {
			echo "thread $(basename "$t") of $1:" >&2
			grep '^Cap' "$t/status" >&2
			return 1
		}
		n=$((n + 1))
	done
	# the ring reader and the writer thread
	[ "$n" -eq 2 ] || { echo "$n threads in $1" >&2; return 1; }
}

@test "every capability is dropped in every mode, in every thread, before the capture runs" {
	local pid
	# root without -Z keeps uid 0, no capability
	start_capture -i b0
	pid=$(status_json .pid)
	no_caps "$pid"
	grep -qP '^Uid:\t0\t0\t0\t0$' "/proc/$pid/status"
	# nor can an exec bring one back: an empty bounding set, no new privileges
	grep -qP '^CapBnd:\t0+$' "/proc/$pid/status"
	grep -qP '^NoNewPrivs:\t1$' "/proc/$pid/status"
	pcap stop > /dev/null
	# -Z nobody
	run --separate-stderr pcap_in "$H/z" start -i b0 -Z nobody
	esa_status 0
	pid=$(pcap_in "$H/z" status -j | jq -r .pid)
	no_caps "$pid"
	pcap_in "$H/z" stop > /dev/null
	# nobody given cap_net_raw,cap_net_admin by file capabilities, permitted only as
	# the packages set them: the capture makes them effective, then drops them
	mkdir -m 0755 "$H/bin"
	cp "$PCAP" "$H/bin/esa-pcap"
	setcap cap_net_raw,cap_net_admin+p "$H/bin/esa-pcap"
	run --separate-stderr ip netns exec "$B" setpriv --reuid=nobody --regid=nogroup \
		--clear-groups -- "$H/bin/esa-pcap" -D "$OWNED" -C "$CONF" start -i b0
	esa_status 0
	pid=$(pcap_in "$OWNED" status -j | jq -r .pid)
	no_caps "$pid"
	grep -qP '^Uid:\t65534\t65534\t65534\t65534$' "/proc/$pid/status"
	pings 2
	run --separate-stderr nobody_pcap "$OWNED" stop
	esa_status 0
	[[ $output == *"4 packets captured"* ]]
	# root without -Z where only another user may create files: refused at once
	run --separate-stderr pcap_in "$OWNED" start -i b0
	esa_status 2
	esa_eq "$stderr" "esa-pcap: $OWNED: root without capabilities cannot create files there (not its owner): use -Z with its owner"
}

# fd_targets PID: what each descriptor of PID points to, one a line
fd_targets() {
	local f
	for f in /proc/"$1"/fd/*; do
		readlink "$f"
	done
}

@test "a detached capture keeps none of its caller's descriptors, and works in its directory" {
	local pid out
	# a job lock held around start by flock(1) is free again once start returns
	run --separate-stderr in_b flock -n "$H/job.lock" "$PCAP" -D "$D" -C "$CONF" \
		start -i b0 -t 60s
	esa_status 0
	flock -n "$H/job.lock" true
	pid=$(status_json .pid)
	esa_eq "$(readlink "/proc/$pid/cwd")" "$D" "the capture's working directory"
	fd_targets "$pid" > "$H/fds"
	esa_eq "$(readlink "/proc/$pid/fd/0" "/proc/$pid/fd/1" "/proc/$pid/fd/2")" \
		"$(printf '/dev/null\n/dev/null\n/dev/null')" "0-2"
	run grep -c 'pipe:\|job.lock' "$H/fds"
	esa_eq "$output" 0 "pipes and the job's lock"
	pcap stop > /dev/null
	# a $( ) whose pipe start's caller also holds on descriptor 3 returns at once
	out=$(in_b "$PCAP" -D "$D" -C "$CONF" start -i b0 -t 60s 3>&1)
	run pcap status -j
	esa_status 0
	esa_eq "$(jq -r .file <<< "$output")" "$out"
	pcap stop > /dev/null
}

@test "a -Z capture after root's in a shared directory: seen running, never cleared" {
	local old new pid
	run --separate-stderr pcap_in "$SHARED" start -i b0
	esa_status 0
	old=$output
	pcap_in "$SHARED" stop > /dev/null
	sleep 1	# the next capture's name has a later second
	# root's state file stays behind; the next capture runs as nobody
	run --separate-stderr pcap_in "$SHARED" start -i b0 -Z nobody
	esa_status 0
	new=$output
	run --separate-stderr pcap_in "$SHARED" status -j
	esa_status 0
	esa_json_vocab document "status, -Z nobody"
	esa_eq "$(jq -r '.file + " " + .settings.user' <<< "$output")" "$new nobody"
	pid=$(jq -r .pid <<< "$output")
	esa_eq "$(stat -c %U "/proc/$pid")" nobody
	run --separate-stderr pcap_in "$SHARED" clear
	esa_status 0
	esa_eq "$stderr" "esa-pcap: $new: kept, a capture is writing it"
	# shellcheck disable=SC2010 # capture names are ours, no odd characters
	esa_eq "$(ls "$SHARED" | grep '\.cap$')" "$new"
	run --separate-stderr pcap_in "$SHARED" delete "$new"
	esa_status 2
	pings 2
	run --separate-stderr pcap_in "$SHARED" stop
	esa_status 0
	[[ $output == *"File: $new"* ]]
	[[ $output == *"4 packets captured"* ]]
	esa_eq "$(count "$SHARED/$new")" 4
}

@test "a host name starting with '-' (a container's): every command accepts the names made" {
	local f
	run --separate-stderr in_b unshare --uts sh -c 'printf %s -evil > /proc/sys/kernel/hostname && exec "$@"' sh \
		"$PCAP" -D "$D" -C "$CONF" start -i b0
	esa_status 0
	f=$output
	[[ $f == evil-*.cap ]]
	run --separate-stderr pcap status -j
	esa_status 0
	esa_eq "$(jq -r .file <<< "$output")" "$f"
	run --separate-stderr pcap list -j
	esa_status 0
	esa_eq "$(jq -r '.[].file' <<< "$output")" "$f"
	pings 1
	run --separate-stderr pcap stop
	esa_status 0
	[[ $output == *"File: $f"* ]]
	run --separate-stderr pcap download "$f" -
	esa_status 0
	run --separate-stderr pcap delete "$f"
	esa_status 0
	[ ! -e "$D/$f" ]
}

# pcap_as ARGS...: esa-pcap in B with only ARGS (the test's -D and -C not given).
pcap_as() {
	ip netns exec "$B" "$PCAP" "$@"
}

# one_line_usage WANT COMMAND...: status 2, nothing on stdout, the one line WANT on
# stderr and the synopsis after it, as -h prints it.
one_line_usage() {
	local want=$1

	shift
	esa_one_error "$want"$'\n'"$("$PCAP" -h)" "$@"
}

@test "hostile arguments: the command and every option's value quoted on one line, status 2" {
	local opt bidi=$'\xe2\x80\xaeabc' bidi_safe='\342\200\256abc'
	one_line_usage "esa-pcap: unknown command: $ESA_HOSTILE_SAFE" pcap "$ESA_HOSTILE"
	one_line_usage "esa-pcap: -H: not an IPv4 or IPv6 address (ADDR or ADDR/PREFIX): $ESA_HOSTILE_SAFE" \
		pcap start -H "$ESA_HOSTILE"
	one_line_usage "esa-pcap: -p: not a port number (1 to 65535): $ESA_HOSTILE_SAFE" \
		pcap start -p "$ESA_HOSTILE"
	one_line_usage "esa-pcap: -H: one item per option: 192.0.2.1,$ESA_HOSTILE_SAFE" \
		pcap setup -H "192.0.2.1,$ESA_HOSTILE"
	for opt in -i -f; do
		one_line_usage "esa-pcap: $opt: control character in value: $ESA_HOSTILE_SAFE" \
			pcap start "$opt" "$ESA_HOSTILE"
	done
	for opt in -Z -s -t -r -S; do
		run --separate-stderr pcap run "$opt" "$ESA_HOSTILE"
		esa_status 2
		[[ ${stderr_lines[0]} == "esa-pcap: $opt: "*": $ESA_HOSTILE_SAFE" ]] || { echo "$stderr"; false; }
		esa_no_controls "$stderr" stderr
	done
	run --separate-stderr pcap start "--$ESA_HOSTILE"
	esa_status 2
	esa_eq "${stderr_lines[0]}" "esa-pcap: --$ESA_HOSTILE_SAFE: unknown option"
	# no control byte, which the settings take: the user and the interface not found
	for opt in run start; do
		esa_one_error "esa-pcap: -Z: $bidi_safe: no such user" pcap "$opt" -i b0 -Z "$bidi"
		esa_one_error "esa-pcap: $bidi_safe: no such interface" pcap "$opt" -i "$bidi"
	done
	[ -z "$(caps)" ]
}

@test "a 4096-byte argument: one line, cut with ..., status 2" {
	local long cut
	long=$(printf 'x%.0s' $(seq 4096))
	cut=$(printf 'x%.0s' $(seq 1021))...
	one_line_usage "esa-pcap: unknown command: $cut" pcap "$long"
	esa_one_error "esa-pcap: $cut: not a capture file name (HOST-YYYYMMDD-HHMMSS[-NNN].cap)" \
		pcap download "$long"
	esa_one_error "esa-pcap: $cut: File name too long" pcap_as -D "$long" -C "$CONF" list
}

@test "hostile -D and -C: named once, on one line, by every command (start through its pipe)" {
	local cmd
	touch "$H/file"
	for cmd in run start status stop list clear; do
		esa_one_error "esa-pcap: $H/file/$ESA_HOSTILE_SAFE: Not a directory" \
			pcap_as -D "$H/file/$ESA_HOSTILE" -C "$CONF" "$cmd"
	done
	for cmd in run start status setup; do
		esa_one_error "esa-pcap: $H/file/$ESA_HOSTILE_SAFE: Not a directory" \
			pcap_as -D "$D" -C "$H/file/$ESA_HOSTILE" "$cmd"
	done
	# the settings file's directory cannot be made: setup names the file it could not save
	esa_one_error "esa-pcap: $H/file/$ESA_HOSTILE_SAFE/esa-pcap.conf: Not a directory" \
		pcap_as -D "$D" -C "$H/file/$ESA_HOSTILE/esa-pcap.conf" setup -i b0
}

@test "hostile download and delete operands: the name and the destination quoted on one line" {
	local f=host-20260101-000000.cap
	# a pcap file header alone: a capture with no packet yet
	printf '\xd4\xc3\xb2\xa1\x02\x00\x04\x00\0\0\0\0\0\0\0\0\0\0\x04\x00\x01\0\0\0' > "$D/$f"
	touch "$H/file"
	esa_one_error "esa-pcap: $H/file/$ESA_HOSTILE_SAFE: Not a directory" \
		pcap download "$f" "$H/file/$ESA_HOSTILE"
	esa_one_error "esa-pcap: $ESA_HOSTILE_SAFE: not a capture file name (HOST-YYYYMMDD-HHMMSS[-NNN].cap)" \
		pcap download "$ESA_HOSTILE"
	esa_one_error "esa-pcap: $ESA_HOSTILE_SAFE: not a capture file name (HOST-YYYYMMDD-HHMMSS[-NNN].cap)" \
		pcap delete "$f" "$ESA_HOSTILE"
	[ -f "$D/$f" ]
	# longer than the old message's room: shown whole, not cut
	esa_one_error "esa-pcap: $ESA_HOSTILE_SAFE$ESA_HOSTILE_SAFE$ESA_HOSTILE_SAFE: not a capture file name (HOST-YYYYMMDD-HHMMSS[-NNN].cap)" \
		pcap delete "$ESA_HOSTILE$ESA_HOSTILE$ESA_HOSTILE"
}

@test "an alias and a host name with control bytes and bidi controls: escaped in status and list, kept in JSON" {
	local bidi=$'Data \xe2\x80\xae1' bidi_safe='Data \342\200\2561' f
	ip -n "$B" link set b0 alias "$bidi"
	run --separate-stderr in_b unshare --uts sh -c 'printf %s "$1" > /proc/sys/kernel/hostname && shift && exec "$@"' sh \
		"$ESA_HOSTILE" "$PCAP" -D "$D" -C "$CONF" start -i "$bidi"
	esa_status 0
	f=$output
	esa_no_controls "$f" "the file name"
	[[ $f =~ ^x--31mred[A-Za-z0-9-]*\.cap$ ]] || { echo "$f"; false; }
	run --separate-stderr pcap status
	esa_status 0
	esa_no_stderr
	esa_no_controls "$output"
	[[ $output == *"Capture Interfaces:     $bidi_safe"$'\n'* ]] || { echo "$output"; false; }
	[[ $output == *"File Name:              $f"$'\n'* ]]
	esa_eq "$(status_json .settings.interfaces)" "$bidi"
	run --separate-stderr pcap list
	esa_status 0
	esa_no_controls "$output"
	[[ ${lines[1]} == "$f "* ]]
	pcap stop > /dev/null
	# named by its kernel name, an alias with control bytes (which the state file cannot
	# carry) is shown by that name (a second directory: its file may be named in the
	# same second)
	ip -n "$B" link set b0 alias "$ESA_HOSTILE"
	run --separate-stderr pcap_as -D "$D/2" -C "$CONF" start -i b0
	esa_status 0
	run --separate-stderr pcap_as -D "$D/2" -C "$CONF" status
	esa_status 0
	esa_no_stderr
	esa_no_controls "$output"
	[[ $output == *"Capture Interfaces:     b0"$'\n'* ]] || { echo "$output"; false; }
	run --separate-stderr pcap_as -D "$D/2" -C "$CONF" stop
	esa_status 0
}

@test "-h, --help, -V and --version into /dev/full or a closed stdout: the write error, status 2" {
	local args
	for args in -h --help -V --version "status -h" "start --help"; do
		# shellcheck disable=SC2086 # the options are words
		run --separate-stderr esa_out_full "$PCAP" $args
		esa_status 2
		esa_eq "$stderr" "esa-pcap: write error: No space left on device" "stderr of $args"
		# shellcheck disable=SC2086 # the options are words
		run --separate-stderr esa_out_closed "$PCAP" $args
		esa_status 2
		esa_eq "$stderr" "esa-pcap: write error: Bad file descriptor" "stderr of $args"
		# a reader gone: quiet, status 2
		# shellcheck disable=SC2086 # the options are words
		run --separate-stderr esa_out_broken ignored "$PCAP" $args
		esa_status 2
		esa_no_stderr
	done
}

@test "status and list into /dev/full, a closed or a broken stdout: status 2, a message or silence" {
	local args
	for args in status "status -j" list "list -j"; do
		# shellcheck disable=SC2086 # the options are words
		run --separate-stderr esa_out_full "$PCAP" -D "$D" -C "$CONF" $args
		esa_status 2
		esa_eq "$stderr" "esa-pcap: write error: No space left on device" "stderr of $args"
		# shellcheck disable=SC2086 # the options are words
		run --separate-stderr esa_out_closed "$PCAP" -D "$D" -C "$CONF" $args
		esa_status 2
		esa_eq "$stderr" "esa-pcap: write error: Bad file descriptor" "stderr of $args"
		# shellcheck disable=SC2086 # the options are words
		run --separate-stderr esa_out_broken ignored "$PCAP" -D "$D" -C "$CONF" $args
		esa_status 2
		esa_no_stderr
	done
}

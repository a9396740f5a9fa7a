#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# hostile.bats - esa-etherconfig against what a hostile or careless world hands it:
# aliases and kernel names with control bytes and bidirectional controls, 15-byte
# names, hostile arguments, closed, full and broken standard outputs, FIFOs and
# symlinks where the state file is expected, tampered state, and changes that would
# cost the host its addresses. Every string from outside is escaped as the listings
# escape names (text_safe: "\ooo" octal escapes); bad input gives one line, status 2,
# nothing on stdout and nothing changed.

load ../lib
load common

# an alias that, printed raw, turns the terminal red, adds a line and beeps
EVIL=$'\e[31mRED\nfake line\a'
EVIL_SAFE='\033[31mRED\012fake line\007'

setup() {
	ec_setup
}

teardown() {
	esa_cleanup
	[ -z "${NOBODY_STATE:-}" ] || rm -rf "$NOBODY_STATE"
	[ -z "${FILECAP_DIR:-}" ] || rm -rf "$FILECAP_DIR"
}

# sysfs, not ip -j: iproute2 6.1 writes control bytes raw into its JSON
ip_mtu() {
	in_ns "$1" cat "/sys/class/net/$2/mtu"
}

# ---- aliases and kernel names --------------------------------------------------

@test "a hostile alias is escaped in a confirmation on stdout, as in the listing" {
	ip -n "$A" link set a0 alias "$EVIL"
	run --separate-stderr ec "$A" mtu a0 1400
	esa_status 0
	esa_no_stderr
	esa_eq "$output" "$EVIL_SAFE: mtu set to 1400 (was 1500)"
	esa_eq "$(ip_mtu "$A" a0)" 1400 "MTU after, as ip link reads it"
	run --separate-stderr ec "$A" mtu a0
	esa_status 0
	esa_eq "$output" "1. $EVIL_SAFE mtu 1400"
}

@test "a hostile alias is escaped in errors on stderr" {
	ip -n "$A" link set a0 alias "$EVIL"
	run --separate-stderr ec "$A" mtu a0 70000
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "$stderr" "esa-etherconfig: MTU 70000 is out of range for $EVIL_SAFE (68 to 65535)"
	run --separate-stderr ec "$A" media a0 auto
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "$stderr" "esa-etherconfig: $EVIL_SAFE: setting media: Operation not supported"
	run --separate-stderr ec_nobody "$A" mtu a0 1400
	esa_status 2
	esa_eq "$stderr" "esa-etherconfig: mtu: Operation not permitted (needs CAP_NET_ADMIN)"
	esa_eq "$(ip_mtu "$A" a0)" 1500 "MTU after"
}

@test "an alias of 255 control bytes is named whole, escaped" {
	local alias safe

	alias=$(printf '\e%.0s' {1..255})
	safe=$(printf '\\033%.0s' {1..255})
	ip -n "$A" link set a0 alias "$alias"
	esa_eq "$(in_ns "$A" cat /sys/class/net/a0/ifalias | tr -d '\n' | wc -c)" 255 "alias length"
	run --separate-stderr ec "$A" media a0 auto
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "$stderr" "esa-etherconfig: $safe: setting media: Operation not supported"
}

@test "a 15-byte kernel name with control bytes: taken as an argument, escaped when shown" {
	local name=$'k\e[7mabcdefghij' safe='k\033[7mabcdefghij'

	[ "${#name}" -eq 15 ]
	esa_veth "$A" "$name" "$B" b1
	run --separate-stderr ec "$A" mtu "$name" 1400
	esa_status 0
	esa_no_stderr
	esa_eq "$output" "$safe: mtu set to 1400 (was 1500)"
	esa_eq "$(ip_mtu "$A" "$name")" 1400 "MTU after"
	run --separate-stderr ec "$A" mtu "$name"
	esa_eq "$output" "1. $safe mtu 1400"
	# one byte more is no interface's name, and is named escaped
	run --separate-stderr ec "$A" mtu "${name}k" 1400
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "$stderr" "esa-etherconfig: ${safe}k: no such interface"
}

@test "bidirectional controls in an alias are escaped (the escaping of lib/text.c)" {
	# U+202E RIGHT-TO-LEFT OVERRIDE, U+2066 LEFT-TO-RIGHT ISOLATE
	ip -n "$A" link set a0 alias $'Data\xe2\x80\xae1 \xe2\x81\xa6x'
	run --separate-stderr ec "$A" mtu a0
	esa_status 0
	esa_eq "$output" '1. Data\342\200\2561 \342\201\246x mtu 1500'
	run --separate-stderr ec "$A" mtu a0 1400
	esa_status 0
	esa_eq "$output" 'Data\342\200\2561 \342\201\246x: mtu set to 1400 (was 1500)'
	run --separate-stderr ec "$A" mtu a0 1
	esa_status 2
	esa_eq "$stderr" 'esa-etherconfig: MTU 1 is out of range for Data\342\200\2561 \342\201\246x (68 to 65535)'
}

# ---- hostile arguments ---------------------------------------------------------

# one_error WANT ARGS...: status 2, nothing on stdout, exactly WANT as the first
# line of stderr (usage errors add the synopsis after it).
one_error() {
	local want=$1

	shift
	run --separate-stderr ec "$A" "$@"
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "${stderr%%$'\n'*}" "$want" "first line of stderr"
}

@test "the user's own words are escaped in messages" {
	one_error 'esa-etherconfig: unknown view: vi\012ew' $'vi\new'
	one_error 'esa-etherconfig: --bo\033gus: unknown option' $'--bo\egus' mtu
	one_error 'esa-etherconfig: eth\0339: no such interface' mtu $'eth\e9'
	one_error 'esa-etherconfig: eth\0339: no such interface' media $'eth\e9' auto
	one_error 'esa-etherconfig: MTU: not a number: 1\033[2J' mtu a0 $'1\e[2J'
	one_error 'esa-etherconfig: VLAN ID: not a number: 3\0124' vlan add a0 $'3\n4'
	one_error 'esa-etherconfig: v\033x: not a valid interface name (1 to 15 characters, no '"'/', ':', '%' or blanks)" \
		vlan add a0 34 $'v\ex'
	one_error 'esa-etherconfig: a0\012.34: no such VLAN' vlan delete $'a0\n.34'
	one_error 'esa-etherconfig: address: not a numeric address: 192.0.2.1\015' loopback enable $'192.0.2.1\r'
	one_error 'esa-etherconfig: multicast: unknown action: \134x' multicast '\x'
	one_error 'esa-etherconfig: too many operands: \007' mtu a0 1500 $'\a'
}

@test "arguments of 4096 bytes, and an empty one, are refused in one line" {
	local long

	long=$(printf 'x%.0s' {1..4096})
	run --separate-stderr ec "$A" mtu "$long" 1500
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "${#stderr_lines[@]}" 1 "stderr lines"
	[[ $stderr == "esa-etherconfig: xxxx"* ]] || { echo "$stderr"; false; }
	one_error "esa-etherconfig: : no such interface" mtu "" 1500
}

# ---- standard output closed, full or broken ------------------------------------

# to_full ARGS...: the program with stdout on /dev/full
to_full() {
	bash -c 'ip netns exec "$1" env ESA_ETHERCONFIG_STATE_DIR="$2" "${@:3}" > /dev/full' \
		_ "$A" "$STATE_DIR" "$EC" "$@"
}

@test "--help and --version into /dev/full: the write error, status 2" {
	local args

	for args in --help -h --version "mtu --help" "vlan list -h"; do
		# shellcheck disable=SC2086 # the options are words
		run --separate-stderr to_full $args
		esa_status 2
		esa_eq "$stderr" "esa-etherconfig: write error: No space left on device" "stderr of $args"
	done
}

@test "a listing or a confirmation into /dev/full: the write error, status 2" {
	run --separate-stderr to_full media
	esa_status 2
	esa_eq "$stderr" "esa-etherconfig: write error: No space left on device"
	run --separate-stderr to_full mtu -j
	esa_status 2
	esa_eq "$stderr" "esa-etherconfig: write error: No space left on device"
	# the change is made (as with ip); its confirmation could not be written
	run --separate-stderr to_full mtu a0 1400
	esa_status 2
	esa_eq "$stderr" "esa-etherconfig: write error: No space left on device"
	esa_eq "$(ip_mtu "$A" a0)" 1400 "MTU after"
}

@test "a closed stdout: the write error, status 2" {
	run --separate-stderr bash -c 'ip netns exec "$1" "$2" mtu >&-' _ "$A" "$EC"
	esa_status 2
	esa_eq "$stderr" "esa-etherconfig: write error: Bad file descriptor"
	run --separate-stderr bash -c 'ip netns exec "$1" "$2" --help >&-' _ "$A" "$EC"
	esa_status 2
	esa_eq "$stderr" "esa-etherconfig: write error: Bad file descriptor"
}

# to_broken_pipe SIGPIPE ARGS...: the program writing into a pipe whose reader is
# gone before it starts, with SIGPIPE "default" or "ignore"d (systemd's services).
# Prints the status (-13: killed by SIGPIPE) and then what came on stderr.
to_broken_pipe() {
	in_ns "$A" python3 -c '
import os, signal, subprocess, sys
r, w = os.pipe()
os.close(r)
if sys.argv[1] == "default":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
p = subprocess.run(sys.argv[2:], stdout=w, stderr=subprocess.PIPE, restore_signals=False)
print(p.returncode)
sys.stdout.write(p.stderr.decode("ascii", "backslashreplace"))
' "$@"
}

@test "a broken pipe: killed by SIGPIPE, or status 2 without a word when it is ignored" {
	run to_broken_pipe default "$EC" mtu
	esa_eq "$output" "-13" "status and stderr, SIGPIPE by default"
	run to_broken_pipe ignore "$EC" mtu
	esa_eq "$output" "2" "status and stderr, SIGPIPE ignored"
	run to_broken_pipe ignore "$EC" --help
	esa_eq "$output" "2" "status and stderr of --help, SIGPIPE ignored"
}

# ---- the loopback state file: FIFOs, symlinks, tampered state -------------------

# state_path: the state file's path for namespace A (named by the namespace's
# cookie), learnt from an enable, then undone.
state_path() {
	ec "$A" loopback enable 192.0.2.10 > /dev/null || return 1
	printf '%s/%s\n' "$STATE_DIR" "$(ls "$STATE_DIR")"
	ec "$A" loopback disable > /dev/null
}

lo_addrs_all() {
	ip -n "$A" addr show dev lo | awk '$1 ~ /^inet/ { print $2 }'
}

sysctls() {
	in_ns "$A" sysctl -n net.ipv4.conf.all.arp_ignore net.ipv4.conf.all.arp_announce |
		paste -sd' '
}

# refused WANT ARGS...: status 2, no stdout, exactly WANT on stderr, nothing changed.
refused() {
	local want=$1 before

	shift
	before=$(snapshot "$A")
	run --separate-stderr ec "$A" "$@"
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "$stderr" "$want" stderr
	esa_eq "$(snapshot "$A")" "$before" "namespace state after: $*"
}

@test "a FIFO at the state path hangs nothing, not even the unprivileged listing" {
	local path

	# a state directory nobody can enter (the test's own is root's only)
	NOBODY_STATE=$(mktemp -d /tmp/esa-ec-state-XXXXXX)
	chmod 755 "$NOBODY_STATE"
	STATE_DIR=$NOBODY_STATE
	path=$(state_path)
	mkfifo -m 644 "$path"
	refused "esa-etherconfig: loopback: $path: refused: not a regular file" loopback
	refused "esa-etherconfig: loopback: $path: refused: not a regular file" loopback disable
	refused "esa-etherconfig: loopback: $path: refused: not a regular file" \
		loopback enable 192.0.2.10
	run --separate-stderr ec_nobody "$A" loopback -j
	esa_status 2
	esa_eq "$output" "" stdout
	esa_eq "$stderr" "esa-etherconfig: loopback: $path: refused: not a regular file"
	rm -rf "$NOBODY_STATE"
}

@test "a symlink, a directory, a file of another owner or of 4 GiB at the state path are refused" {
	local path real

	path=$(state_path)
	real=$BATS_TEST_TMPDIR/real
	printf 'address 192.0.2.10/32\narp_ignore 0\narp_announce 0\n' > "$real"
	ln -s "$real" "$path"
	refused "esa-etherconfig: loopback: $path: refused: a symbolic link, not followed" \
		loopback disable
	refused "esa-etherconfig: loopback: $path: refused: a symbolic link, not followed" loopback
	rm "$path"
	mkdir "$path"
	refused "esa-etherconfig: loopback: $path: refused: not a regular file" loopback disable
	rmdir "$path"
	cp "$real" "$path"
	chown nobody "$path"
	refused "esa-etherconfig: loopback: $path: refused: not owned by root" loopback disable
	refused "esa-etherconfig: loopback: $path: refused: not owned by root" loopback
	rm "$path"
	cp "$real" "$path"
	truncate -s 4G "$path"
	refused "esa-etherconfig: loopback: $path: refused: larger than a state file" loopback disable
}

@test "tampered state: sysctl values the kernel gives no meaning to are not restored" {
	local path

	path=$(state_path)
	run --separate-stderr ec "$A" loopback enable 192.0.2.10
	esa_status 0
	sed -i 's/^arp_ignore .*/arp_ignore 2147483647/' "$path"
	refused "esa-etherconfig: loopback: $path: refused: arp_ignore: not one of the kernel's values (0 to 8)" \
		loopback disable
	esa_eq "$(sysctls)" "1 2" "arp_ignore arp_announce"
	printf 'address 192.0.2.10/32\narp_ignore 0\narp_announce 3\n' > "$path"
	refused "esa-etherconfig: loopback: $path: refused: arp_announce: not one of the kernel's values (0 to 2)" \
		loopback disable
	printf 'address 192.0.2.10/32\narp_ignore -1\narp_announce 0\n' > "$path"
	refused "esa-etherconfig: loopback: $path: refused: a value that is not a number" \
		loopback disable
}

@test "tampered state: an address enable never adds (lo's own ::1, 127.0.0.1) is not removed" {
	local path a

	path=$(state_path)
	for a in ::1/128 127.0.0.1/32; do
		printf 'address %s\narp_ignore 0\narp_announce 0\n' "$a" > "$path"
		refused "esa-etherconfig: loopback: $path: refused: an address enable never adds" \
			loopback disable
	done
	esa_eq "$(lo_addrs_all)" "$(printf '127.0.0.1/8\n::1/128')" "lo's addresses"
	printf 'address 192.0.2.10/32\narp_ignore 0\narp_announce 0\nrm -rf /\n' > "$path"
	refused "esa-etherconfig: loopback: $path: refused: a line this program never writes" \
		loopback disable
	printf 'address 192.0.2.10/32\n\033[2Jarp_ignore 0\n' > "$path"
	refused "esa-etherconfig: loopback: $path: refused: a line this program never writes" \
		loopback
}

@test "enable with a sysctl value the kernel gives no meaning to: refused, nothing changed" {
	in_ns "$A" sysctl -qw net.ipv4.conf.all.arp_ignore=9
	refused "esa-etherconfig: loopback: /proc/sys/net/ipv4/conf/all/arp_ignore is 9, not one of the kernel's values (0 to 8): it could not be restored" \
		loopback enable 192.0.2.10
	in_ns "$A" sysctl -qw net.ipv4.conf.all.arp_ignore=0 net.ipv4.conf.all.arp_announce=3
	refused "esa-etherconfig: loopback: /proc/sys/net/ipv4/conf/all/arp_announce is 3, not one of the kernel's values (0 to 2): it could not be restored" \
		loopback enable 192.0.2.10
}

@test "enable refuses lo's own addresses" {
	refused "esa-etherconfig: address: a loopback address (lo's own): ::1" loopback enable ::1
	refused "esa-etherconfig: address: a loopback address (lo's own): 127.0.0.2" \
		loopback enable 127.0.0.2
}

# ---- an MTU that would cost a link its addresses --------------------------------

# addrs_of NS IFACE: the addresses of IFACE as ip lists them, "ADDR/LEN" blank separated
addrs_of() {
	ip -n "$1" -o addr show dev "$2" | awk '{ print $4 }' | paste -sd' '
}

@test "mtu lo 10 is refused, naming what lo would lose; -f sets it, and the kernel removes it" {
	local before lo

	lo=$(addrs_of "$A" lo)
	esa_eq "$lo" "127.0.0.1/8 ::1/128" "lo's addresses, as ip lists them"
	refused "esa-etherconfig: lo: MTU 10 refused: lo would lose IPv4 (it needs 68), IPv6 (it needs 1280) and $lo (-f sets it anyway)" \
		mtu lo 10
	refused "esa-etherconfig: lo: MTU 67 refused: lo would lose IPv4 (it needs 68), IPv6 (it needs 1280) and $lo (-f sets it anyway)" \
		mtu lo 67
	refused "esa-etherconfig: lo: MTU 1279 refused: lo would lose IPv6 (it needs 1280) and ::1/128 (-f sets it anyway)" \
		mtu lo 1279
	run --separate-stderr ec "$A" mtu lo 1280
	esa_status 0
	esa_eq "$output" "lo: mtu set to 1280 (was 65536)"
	esa_eq "$(addrs_of "$A" lo)" "$lo" "lo's addresses at 1280"
	# what the refusal named is what the kernel takes
	run --separate-stderr ec "$A" mtu lo 1000 -f
	esa_status 0
	esa_no_stderr
	esa_eq "$output" "lo: mtu set to 1000 (was 1280)"
	esa_eq "$(addrs_of "$A" lo)" "127.0.0.1/8" "lo's addresses at 1000"
	run --separate-stderr ec "$A" --force mtu lo 60
	esa_status 0
	esa_eq "$(addrs_of "$A" lo)" "" "lo's addresses at 60"
	esa_eq "$(ip_mtu "$A" lo)" 60 "lo's MTU"
}

@test "an MTU below 1280 on a link with IPv6 is refused; with IPv6 disabled there it is not" {
	local a0

	ip -n "$A" addr add 2001:db8::1/64 dev a0
	a0=$(ip -n "$A" -o addr show dev a0 | awk '$3 == "inet6" { print $4 }' | paste -sd' ')
	[[ $a0 == "2001:db8::1/64 fe80::"* ]] || { echo "a0: $a0"; false; }
	refused "esa-etherconfig: Data 1: MTU 1279 refused: Data 1 would lose IPv6 (it needs 1280) and $a0 (-f sets it anyway)" \
		mtu a0 1279
	in_ns "$A" sysctl -qw net.ipv6.conf.a0.disable_ipv6=1
	run --separate-stderr ec "$A" mtu a0 1000
	esa_status 0
	esa_eq "$output" "Data 1: mtu set to 1000 (was 1500)"
	esa_eq "$(addrs_of "$A" a0)" "192.0.2.1/24" "a0's addresses"
}

# bats test_tags=vm
@test "lowering a parent's MTU checks its VLANs, which the kernel lowers with it" {
	local v

	esa_skip_unless_kernel vlan
	in_ns "$A" sysctl -qw net.ipv6.conf.a0.disable_ipv6=1
	ip -n "$A" link add link a0 name a0.34 type vlan id 34
	ip -n "$A" link set a0.34 up
	ip -n "$A" addr add 2001:db8:34::1/64 dev a0.34
	# its operstate settles (UNKNOWN, then UP) before the snapshots compared below
	for _ in $(seq 50); do
		ip -n "$A" -o link show a0.34 | grep -q ' state UP ' && break
		sleep 0.1
	done
	v=$(ip -n "$A" -o addr show dev a0.34 | awk '$3 == "inet6" { print $4 }' | paste -sd' ')
	refused "esa-etherconfig: Data 1: MTU 1000 refused: a0.34 would lose IPv6 (it needs 1280) and $v (-f sets it anyway)" \
		mtu a0 1000
	# with IPv6 off on the VLAN too nothing is lost: set, and the VLAN lowered with it
	in_ns "$A" sysctl -qw net.ipv6.conf.a0/34.disable_ipv6=1
	run --separate-stderr ec "$A" mtu a0 1000
	esa_status 0
	esa_eq "$(ip_mtu "$A" a0.34)" 1000 "the VLAN's MTU, lowered by the kernel"
}

# ---- a table of our name that holds something else ------------------------------

@test "multicast: a table of our name holding another rule is named, neither judged nor touched" {
	local other

	in_ns "$A" nft -f - <<-'EOF2'
	table arp esa_etherconfig {
		chain input {
			type filter hook input priority filter; policy accept;
			counter drop
		}
	}
	EOF2
	other=$(in_ns "$A" nft list ruleset)
	for action in "" show accept reject; do
		# shellcheck disable=SC2086 # one word, the action
		refused "esa-etherconfig: multicast: nftables table arp esa_etherconfig holds something else than the rule of multicast reject: not ours, left alone (nft list table arp esa_etherconfig shows it)" \
			multicast $action
	done
	esa_eq "$(in_ns "$A" nft list ruleset)" "$other" "ruleset"
}

@test "multicast: our table with a rule added to it is no longer ours" {
	run --separate-stderr ec "$A" multicast reject
	esa_status 0
	in_ns "$A" nft add rule arp esa_etherconfig input counter accept
	refused "esa-etherconfig: multicast: nftables table arp esa_etherconfig holds something else than the rule of multicast reject: not ours, left alone (nft list table arp esa_etherconfig shows it)" \
		multicast accept
	[ "$(in_ns "$A" nft list table arp esa_etherconfig | grep -c 'counter packets')" -eq 2 ]
}

# ---- privileges: checked and dropped through lib/priv ---------------------------

# status_at_exit RUNNER ARGS...: the Uid, Cap* and NoNewPrivs lines of
# /proc/PID/status of the program run by RUNNER (ec, or ec_filecap), read while it
# is blocked writing its answer into a full pipe, after all its work; then the pipe
# is drained and the program's status checked (0). Bounded by ESA_TIMEOUT.
status_at_exit() {
	local runner=$1 fifo=$BATS_TEST_TMPDIR/full pid started reader st=0 full

	shift
	rm -f "$fifo" "$BATS_TEST_TMPDIR/status"
	mkfifo "$fifo"
	# a descriptor of our own: bats writes its report on 3
	exec {full}<> "$fifo"
	# filled without blocking, then blocking again for the program's write
	python3 -c '
import fcntl, os, sys
fd = int(sys.argv[1])
fl = fcntl.fcntl(fd, fcntl.F_GETFL)
fcntl.fcntl(fd, fcntl.F_SETFL, fl | os.O_NONBLOCK)
try:
    while True:
        os.write(fd, b"x" * 4096)
except BlockingIOError:
    pass
fcntl.fcntl(fd, fcntl.F_SETFL, fl)
' "$full"
	"$runner" "$@" >&"$full" {full}>&- &
	started=$!
	# the program itself, among what ip netns exec, env and a subshell started:
	# its standard output is the FIFO
	if esa_wait_for "$ESA_TIMEOUT" find_writer "$fifo" > /dev/null; then
		pid=$(find_writer "$fifo")
		esa_wait_for "$ESA_TIMEOUT" bash -c \
		    "[[ \$(cat /proc/$pid/wchan 2> /dev/null) == *pipe_write* ]]" || st=1
		grep -E '^(Uid|CapInh|CapPrm|CapEff|CapAmb|NoNewPrivs):' "/proc/$pid/status" |
			tr '\t' ' ' > "$BATS_TEST_TMPDIR/status"
	else
		st=1
	fi
	# drained whatever happened, so that nothing is left blocked
	timeout "$ESA_TIMEOUT" cat "$fifo" > /dev/null &
	reader=$!
	exec {full}>&-
	wait "$started" || st=$?
	wait "$reader"
	cat "$BATS_TEST_TMPDIR/status" 2> /dev/null
	return "$st"
}

# find_writer FIFO: the pid of the program under test writing into FIFO; status 1
# when there is none (yet).
find_writer() {
	local d

	for d in /proc/[0-9]*; do
		[ "$(readlink "$d/fd/1" 2> /dev/null)" = "$1" ] || continue
		[[ $(readlink "$d/exe" 2> /dev/null) == */esa-etherconfig ]] || continue
		printf '%s\n' "${d#/proc/}"
		return 0
	done
	return 1
}

# ec_direct ARGS...: the program in A, as ec without timeout(1) between, so that
# $! is the program itself (status_at_exit bounds it).
ec_direct() {
	ip netns exec "$A" env ESA_ETHERCONFIG_STATE_DIR="$STATE_DIR" "$EC" "$@"
}

# ec_filecap ARGS...: the program as nobody in A, a copy given the file capability
# cap_net_admin+p (permitted only, as iputils ping is given cap_net_raw+p).
ec_filecap() {
	ip netns exec "$A" setpriv --reuid=nobody --regid=nogroup --clear-groups \
		env ESA_ETHERCONFIG_STATE_DIR="$STATE_DIR" "$FILECAP_DIR/esa-etherconfig" "$@"
}

NONE='Uid: 0 0 0 0
CapInh: 0000000000000000
CapPrm: 0000000000000000
CapEff: 0000000000000000
CapAmb: 0000000000000000
NoNewPrivs: 1'

@test "started by root, a listing holds no capability" {
	run status_at_exit ec_direct mtu lo
	esa_status 0
	esa_eq "$output" "$NONE" "status of mtu lo"
	run status_at_exit ec_direct loopback -j
	esa_status 0
	esa_eq "$output" "$NONE" "status of loopback -j"
}

@test "started by root, a change holds no capability once it is made" {
	run status_at_exit ec_direct mtu a0 1400
	esa_status 0
	esa_eq "$output" "$NONE" "status of mtu a0 1400"
	esa_eq "$(ip_mtu "$A" a0)" 1400 "MTU after"
	run status_at_exit ec_direct multicast reject
	esa_status 0
	esa_eq "$output" "$NONE" "status of multicast reject"
	esa_eq "$(in_ns "$A" nft list tables)" "table arp esa_etherconfig" tables
	run status_at_exit ec_direct multicast
	esa_status 0
	esa_eq "$output" "$NONE" "status of multicast"
}

@test "a file capability cap_net_admin+p is enough: raised for the change, then dropped" {
	local nobody

	FILECAP_DIR=$(mktemp -d /tmp/esa-ec-XXXXXX)
	chmod 755 "$FILECAP_DIR"
	cp "$EC" "$FILECAP_DIR/esa-etherconfig"
	chmod 755 "$FILECAP_DIR/esa-etherconfig"
	setcap cap_net_admin+p "$FILECAP_DIR/esa-etherconfig"
	nobody=$(id -u nobody)
	run status_at_exit ec_filecap mtu a0 1400
	esa_status 0
	esa_eq "$output" "${NONE/Uid: 0 0 0 0/Uid: $nobody $nobody $nobody $nobody}" \
		"status of mtu a0 1400"
	esa_eq "$(ip_mtu "$A" a0)" 1400 "MTU after"
	run --separate-stderr ec_filecap mtu a0 1300
	esa_status 0
	esa_eq "$output" "Data 1: mtu set to 1300 (was 1400)"
	rm -rf "$FILECAP_DIR"
}

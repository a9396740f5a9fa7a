# SPDX-License-Identifier: BSD-2-Clause
# lib.bash - helpers shared by every tool's bats suite: network namespaces joined by
# veth pairs, cleanup, the binaries under test, and assertions with readable failures.
#
# Load it from a suite with `load ../lib`. Environment:
#   ESA_SRCDIR  repository root (default: two levels above the suite's directory)
#   ESA_BUILD   directory of the programs under test (default: $ESA_SRCDIR/build;
#               `make SANITIZE=1 check` sets build/sanitize)
#   ESA_TOOL    the tool a suite tests, naming its golden files (default: the name of
#               the suite's directory)
#
# Namespaces and links only ever carry the documentation prefixes 192.0.2.0/24,
# 198.51.100.0/24, 203.0.113.0/24 and 2001:db8::/32 (and fe80::/10).

bats_require_minimum_version 1.5.0	# run --separate-stderr

ESA_SRCDIR=${ESA_SRCDIR:-$(cd "$BATS_TEST_DIRNAME/../../.." && pwd)}
ESA_BUILD=${ESA_BUILD:-$ESA_SRCDIR/build}
ESA_TOOL=${ESA_TOOL:-$(basename "$BATS_TEST_DIRNAME")}
ESA_GOLDEN_DIR=${ESA_GOLDEN_DIR:-$ESA_SRCDIR/tests/data/$ESA_TOOL}
# every wait on a command that might hang is bounded by this many seconds
ESA_TIMEOUT=${ESA_TIMEOUT:-20}
export LC_ALL=C

# ---- privileges and kernel features -----------------------------------------------

# esa_need_root: skips the test unless it runs as root.
esa_need_root() {
	[ "$(id -u)" -eq 0 ] || skip "needs root"
}

# esa_is_root: status 0 when running as root (for setup_file, which cannot skip).
esa_is_root() {
	[ "$(id -u)" -eq 0 ]
}

# esa_bin TOOL: the path of TOOL under test; fails when it was not built.
esa_bin() {
	local p=$ESA_BUILD/$1

	if [ ! -x "$p" ]; then
		echo "esa_bin: $p is missing: run make (or make SANITIZE=1)" >&2
		return 1
	fi
	printf '%s\n' "$p"
}

# esa_sanitized: status 0 when the binaries under test are a sanitizer build.
esa_sanitized() {
	[ "${SANITIZE:-}" = 1 ] && return 0
	case $ESA_BUILD in */sanitize | */sanitize/) return 0 ;; esac
	ldd "$ESA_BUILD/$ESA_TOOL" 2> /dev/null | grep -q 'libasan\|libubsan'
}

# ---- namespaces -------------------------------------------------------------------

# The namespaces a test (or setup_file) made, one per line, for esa_cleanup. The
# list is a file because esa_ns_new runs in a command substitution.
_esa_ns_list() {
	printf '%s/esa-netns.list\n' "${BATS_TEST_TMPDIR:-${BATS_FILE_TMPDIR:-/tmp}}"
}

# esa_ns_new NAME: creates a network namespace with a unique name based on NAME, lo
# up, DAD off and ICMP rate limits off; records it for esa_cleanup; echoes its name.
esa_ns_new() {
	local ns="esa-t-$$-${BATS_TEST_NUMBER:-0}-$1-$RANDOM" s

	ip netns add "$ns" || return 1
	printf '%s\n' "$ns" >> "$(_esa_ns_list)"
	ip -n "$ns" link set lo up || return 1
	# before any address exists: no DAD delay, no ICMP replies dropped by rate limits
	for s in net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 \
	    net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0; do
		ip netns exec "$ns" sysctl -qw "$s" > /dev/null || return 1
	done
	printf '%s\n' "$ns"
}

# esa_ns_new_limited NAME: as esa_ns_new, but the kernel's default ICMP rate limits
# stay (icmp_ratelimit, the ICMPv6 ratelimit, the namespace's ICMP budget), as on
# any Linux host: for tests of what a tool meets in the field under them.
esa_ns_new_limited() {
	local ns="esa-t-$$-${BATS_TEST_NUMBER:-0}-$1-$RANDOM" s

	ip netns add "$ns" || return 1
	printf '%s\n' "$ns" >> "$(_esa_ns_list)"
	ip -n "$ns" link set lo up || return 1
	for s in net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0; do
		ip netns exec "$ns" sysctl -qw "$s" > /dev/null || return 1
	done
	printf '%s\n' "$ns"
}

# esa_veth NS1 IF1 NS2 IF2 [MAC1 MAC2]: a veth pair IF1 in NS1 <-> IF2 in NS2, with
# the given MAC addresses (fixed MACs keep outputs free of random bytes), both up.
esa_veth() {
	local a1=() a2=()

	[ -n "${5:-}" ] && a1=(address "$5")
	[ -n "${6:-}" ] && a2=(address "$6")
	ip link add "$2" netns "$1" "${a1[@]}" type veth peer name "$4" netns "$3" "${a2[@]}" ||
		return 1
	ip -n "$1" link set "$2" up && ip -n "$3" link set "$4" up
}

# esa_ns_kill NS: ends every process inside NS, politely then not, within a bound.
esa_ns_kill() {
	local pids i

	pids=$(ip netns pids "$1" 2> /dev/null) || return 0
	[ -z "$pids" ] && return 0
	# shellcheck disable=SC2086 # one word a PID
	kill $pids 2> /dev/null
	for i in 1 2 3 4 5 6 7 8 9 10; do
		[ -z "$(ip netns pids "$1" 2> /dev/null)" ] && return 0
		sleep 0.1
	done
	pids=$(ip netns pids "$1" 2> /dev/null)
	# shellcheck disable=SC2086 # one word a PID
	[ -n "$pids" ] && kill -KILL $pids 2> /dev/null
	return 0
}

# esa_cleanup: deletes the namespaces this test (or setup_file) recorded, after
# killing what runs inside them. Safe to call twice and when nothing was made.
esa_cleanup() {
	local list ns

	list=$(_esa_ns_list)
	[ -f "$list" ] || return 0
	while IFS= read -r ns; do
		[ -n "$ns" ] || continue
		esa_ns_kill "$ns"
		ip netns del "$ns" 2> /dev/null
	done < "$list"
	rm -f "$list"
	return 0
}

# esa_skip_unless_kernel TYPE [WHAT]: skips the test with "skipped: kernel lacks WHAT"
# (WHAT defaults to TYPE, and to 8021q for vlan) unless a link of TYPE can be
# created; it tries in a scratch namespace, on top of a veth for stacked types.
# A case that calls it carries `# bats test_tags=vm`, so that the VM tier runs it
# (docs/tags.bats fails on one that does not).
esa_skip_unless_kernel() {
	local type=$1 what=${2:-} ns ok=1

	if [ -z "$what" ]; then
		case $type in
		vlan) what=8021q ;;
		*) what=$type ;;
		esac
	fi
	ns="esa-t-$$-${BATS_TEST_NUMBER:-0}-probe-$RANDOM"
	ip netns add "$ns" || return 1
	case $type in
	veth)
		ip -n "$ns" link add p0 type veth peer name p1 2> /dev/null || ok=0 ;;
	vlan | macvlan | ipvlan | macvtap)
		local args=()
		[ "$type" = vlan ] && args=(id 5)
		ip -n "$ns" link add p0 type veth peer name p1 2> /dev/null &&
			ip -n "$ns" link add link p0 name p0.k type "$type" "${args[@]}" \
			    2> /dev/null || ok=0 ;;
	*)
		ip -n "$ns" link add k0 type "$type" 2> /dev/null || ok=0 ;;
	esac
	ip netns del "$ns"
	[ "$ok" -eq 1 ] || skip "skipped: kernel lacks $what"
}

# ---- assertions -------------------------------------------------------------------

# esa_status EXPECTED: the exit status of the last `run`, with its outputs on failure.
esa_status() {
	if [ "$status" -ne "$1" ]; then
		printf 'exit status %s, expected %s\n--- stdout\n%s\n--- stderr\n%s\n' \
			"$status" "$1" "$output" "${stderr:-}"
		return 1
	fi
}

# esa_no_stderr: the last `run --separate-stderr` wrote nothing on standard error
# (a sanitizer report would land there).
esa_no_stderr() {
	if [ -n "${stderr:-}" ]; then
		printf 'unexpected standard error:\n%s\n' "$stderr"
		return 1
	fi
}

# esa_eq ACTUAL EXPECTED [WHAT]: string equality, with a unified diff on mismatch.
esa_eq() {
	if [ "$1" != "$2" ]; then
		printf '%s differs (- expected, + actual):\n' "${3:-output}"
		diff -u --label expected --label actual <(printf '%s\n' "$2") \
			<(printf '%s\n' "$1") || :
		return 1
	fi
}

# esa_golden NAME [TEXT]: TEXT (default: $output of the last `run`) equals the golden
# file tests/data/TOOL/NAME.ok, reviewed by hand; a unified diff on mismatch.
esa_golden() {
	local file=$ESA_GOLDEN_DIR/$1.ok text

	if [ $# -ge 2 ]; then
		text=$2
	else
		text=$output
	fi
	if [ ! -f "$file" ]; then
		echo "esa_golden: no golden file $file" >&2
		return 1
	fi
	if ! diff -u --label "$file" --label actual "$file" <(printf '%s\n' "$text"); then
		echo "output differs from the golden file $file"
		return 1
	fi
}

# esa_sets_eq ACTUAL EXPECTED [WHAT]: the two texts hold the same lines, in any
# order (sorted and compared with a diff).
esa_sets_eq() {
	esa_eq "$(printf '%s\n' "$1" | sort)" "$(printf '%s\n' "$2" | sort)" "${3:-set of lines}"
}

# esa_wait_for SECONDS COMMAND...: runs COMMAND every 0.1 s until it succeeds; fails
# after SECONDS.
esa_wait_for() {
	local limit=$(( $1 * 10 )) i=0

	shift
	until "$@"; do
		i=$((i + 1))
		if [ "$i" -ge "$limit" ]; then
			echo "esa_wait_for: gave up after $((limit / 10)) s: $*" >&2
			return 1
		fi
		sleep 0.1
	done
}

# ---- hostile input: what every tool's hostile.bats uses ---------------------------
# A tool joins the standing hostile suite with tests/integration/TOOL/hostile.bats:
# hostile arguments (ESA_HOSTILE) and kernel names, escaped in every message and
# listing (esa_one_error, esa_no_controls); closed, full and broken standard outputs
# (esa_out_closed, esa_out_full, esa_out_broken); FIFOs and symlinks where a file is
# read or written. `make check` and `make SANITIZE=1 check` run them with the rest.

# A hostile string: an escape sequence, a newline, a bell, a right-to-left override;
# and its escaped form as the tools print it, written out by hand (lib/text.c's
# octal escapes, as ls -b).
ESA_HOSTILE=$'x\e[31mred\nfake line\a\xe2\x80\xae'
# shellcheck disable=SC2034 # read by the suites that load this file
ESA_HOSTILE_SAFE='x\033[31mred\012fake line\007\342\200\256'
# A 15-byte kernel interface name (IFNAMSIZ - 1) with ESC and a bidi override, and
# its escaped form: the kernel refuses '/', ':' and white space, not these.
# shellcheck disable=SC2034 # read by the suites that load this file
ESA_HOSTILE_IF=$'k\e[7m\xe2\x80\xaeabcdefg'
# shellcheck disable=SC2034 # read by the suites that load this file
ESA_HOSTILE_IF_SAFE='k\033[7m\342\200\256abcdefg'

# esa_no_controls TEXT [WHAT]: TEXT holds no control byte but newlines (C0, DEL) and
# no bidirectional control (U+061C, U+200E-F, U+202A-E, U+2066-9, as UTF-8).
esa_no_controls() {
	if LC_ALL=C grep -naP '[\x00-\x09\x0b-\x1f\x7f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]' \
	    <<< "$1" | cat -A | head -n 5 | grep .; then
		echo "${2:-output} holds the control bytes above"
		return 1
	fi
	return 0
}

# esa_json_vocab FORM LABEL [TEXT]: TEXT (default: $output of the last `run`) passes
# json_vocab.py as FORM (document or lines): every key in esa-tools(7)'s vocabulary,
# of its type; otherwise one line a violation, prefixed with LABEL, and status 1.
esa_json_vocab() {
	env ESA_SRCDIR="$ESA_SRCDIR" python3 "$ESA_SRCDIR/tests/integration/json_vocab.py" "$1" "$2" \
		<<< "${3-$output}"
}

# esa_one_error WANT COMMAND...: runs COMMAND; status 2, nothing on stdout, the one
# line WANT on stderr.
esa_one_error() {
	local want=$1

	shift
	run --separate-stderr "$@"
	esa_status 2 || return 1
	esa_eq "$output" "" stdout || return 1
	esa_eq "$stderr" "$want" stderr
}

# esa_out_closed COMMAND...: COMMAND with its standard output closed.
esa_out_closed() {
	timeout "$ESA_TIMEOUT" "$@" >&-
}

# esa_out_full COMMAND...: COMMAND writing to /dev/full (every write: ENOSPC).
esa_out_full() {
	timeout "$ESA_TIMEOUT" "$@" > /dev/full
}

# esa_help_write_errors NAME CMD...: CMD -h, --help, -V and --version into /dev/full and
# into a closed stdout say "NAME: write error: ..." with status 2; to a reader gone
# (SIGPIPE ignored), status 2 without a word. Asserts; for a test body.
esa_help_write_errors() {
	local name=$1 opt

	shift
	for opt in -h --help -V --version; do
		run --separate-stderr esa_out_full "$@" "$opt"
		esa_status 2
		esa_eq "$stderr" "$name: write error: No space left on device" "stderr of $opt"
		run --separate-stderr esa_out_closed "$@" "$opt"
		esa_status 2
		esa_eq "$stderr" "$name: write error: Bad file descriptor" "stderr of $opt"
		run --separate-stderr esa_out_broken ignored "$@" "$opt"
		esa_status 2
		esa_no_stderr
	done
}

# esa_out_broken default|ignored COMMAND...: COMMAND writing to a pipe whose reader
# has already gone, with SIGPIPE at its default action or ignored (as systemd starts
# services, and as `trap '' PIPE` in a shell leaves it). The status is COMMAND's, or
# 128 + the signal that ended it.
esa_out_broken() {
	local mode=$1

	shift
	/usr/bin/python3 - "$mode" "$ESA_TIMEOUT" "$@" <<-'PY'
		import os, subprocess, sys
		mode, limit, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
		r, w = os.pipe()
		os.close(r)
		# python ignores SIGPIPE; restore_signals puts the default back in the child
		try:
		    p = subprocess.run(cmd, stdout=w, timeout=limit,
		                       restore_signals=(mode == "default"))
		except subprocess.TimeoutExpired:
		    print("esa_out_broken: still running after %d s" % limit, file=sys.stderr)
		    sys.exit(124)
		sys.exit(p.returncode if p.returncode >= 0 else 128 - p.returncode)
	PY
}

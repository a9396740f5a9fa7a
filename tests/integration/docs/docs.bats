#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# docs.bats - checks the man pages (lint, SYNOPSIS against --help) and the bash and zsh
# completions of esa-tools.
#
# Environment: ESA_SRCDIR (repository root; default: three levels above this file),
# ESA_BUILD (directory holding the built programs; default: $ESA_SRCDIR/build).

bats_require_minimum_version 1.5.0	# run --separate-stderr

setup() {
	ESA_SRCDIR=${ESA_SRCDIR:-$(cd "$BATS_TEST_DIRNAME/../../.." && pwd)}
	ESA_BUILD=${ESA_BUILD:-$ESA_SRCDIR/build}
	BASH_COMPLETION=/usr/share/bash-completion/bash_completion
}

# assert_eq ACTUAL EXPECTED [WHAT]: a [ ] comparison that shows both sides and a diff
# when they differ.
assert_eq() {
	if [ "$1" != "$2" ]; then
		printf '%s differs\n--- expected\n%s\n--- actual\n%s\n--- diff\n' \
			"${3:-output}" "$2" "$1"
		diff -u <(printf '%s\n' "$2") <(printf '%s\n' "$1")
		return 1
	fi
}

# assert_status EXPECTED: the status of the last `run`, with its output on failure.
assert_status() {
	if [ "$status" -ne "$1" ]; then
		printf 'exit status %s, expected %s; output:\n%s\n' "$status" "$1" "$output"
		return 1
	fi
}

# assert_line LINE: the output of the last `run` has LINE as one of its lines.
assert_line() {
	local l
	for l in "${lines[@]}"; do
		[ "$l" = "$1" ] && return 0
	done
	printf 'no line "%s" in the output:\n%s\n' "$1" "$output"
	return 1
}

# squeeze: stdin on one line, runs of blanks and newlines made one space, trimmed.
squeeze() {
	tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//'
}

# man_synopsis PAGE: the rendered SYNOPSIS of PAGE (the lines between SYNOPSIS and
# DESCRIPTION), squeezed.
man_synopsis() {
	mandoc -Tascii -Owidth=200 "$1" | col -b |
		sed -n '/^SYNOPSIS$/,/^DESCRIPTION$/p' | sed '1d;$d' | squeeze
}

# help_usage: from the help text on stdin, the lines starting with "usage:" and the
# indented lines that continue them, "usage:" removed, squeezed.
help_usage() {
	awk '/^usage:/ { u = 1; sub(/^usage:/, ""); print; next }
	     u && /^[ \t]/ { print; next }
	     { u = 0 }' | squeeze
}

# bash_complete LINE [FILE]: the candidates bash completion offers for the command line
# LINE (cursor at its end), one a line, with the completion file FILE of
# completions/bash (default: esa-arpshow); the technique of ecosystem.md 4.1, in a
# non-interactive bash so that bash_completion does not touch the bats shell.
bash_complete() {
	bash -c '
		source "$1" || exit 3
		source "$2" || exit 3
		COMP_LINE=$3 COMP_POINT=${#3}
		read -ra COMP_WORDS <<< "$COMP_LINE"
		[[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMPREPLY=()
		fn=$(complete -p "${COMP_WORDS[0]}" | sed -n "s/.*-F \([^ ]*\) .*/\1/p")
		[ -n "$fn" ] || { echo "no completion for ${COMP_WORDS[0]}"; exit 3; }
		"$fn" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		[ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"
	' bash_complete "$BASH_COMPLETION" "$ESA_SRCDIR/completions/bash/${2:-esa-arpshow}" "$1"
}

need_bash_completion() {
	[ -r "$BASH_COMPLETION" ] || skip "bash-completion is not installed (make deps)"
}

need_zsh() {
	command -v zsh > /dev/null || skip "zsh is not installed (make deps)"
}

@test "docs: mandoc -Tlint -W warning is clean on every man page" {
	command -v mandoc > /dev/null || skip "mandoc is not installed (make deps)"
	local pages=("$ESA_SRCDIR"/man/*.[1-8])
	[ -e "${pages[0]}" ] || { echo "no man pages in $ESA_SRCDIR/man"; return 1; }
	run mandoc -Tlint -W warning "${pages[@]}"
	assert_status 0
	assert_eq "$output" "" "mandoc -Tlint -W warning output"
}

@test "docs: the SYNOPSIS of every section 8 page equals the program's usage" {
	command -v mandoc > /dev/null || skip "mandoc is not installed (make deps)"
	local page tool n=0
	for page in "$ESA_SRCDIR"/man/*.8; do
		[ -e "$page" ] || continue
		tool=$(basename "$page" .8)
		n=$((n + 1))
		# a missing program is a failure, not a skip: the page documents it
		[ -x "$ESA_BUILD/$tool" ] || { echo "$ESA_BUILD/$tool: not built"; return 1; }
		run --separate-stderr "$ESA_BUILD/$tool" --help
		assert_status 0
		assert_eq "$stderr" "" "$tool --help standard error"
		local usage synopsis
		usage=$(printf '%s\n' "$output" | help_usage)
		synopsis=$(man_synopsis "$page")
		[ -n "$usage" ] || { echo "$tool --help prints no usage: line"; return 1; }
		assert_eq "$synopsis" "$usage" "SYNOPSIS of man/$tool.8 against $tool --help"
	done
	[ "$n" -gt 0 ] || { echo "no section 8 pages in $ESA_SRCDIR/man"; return 1; }
}

@test "docs: bash completion registers esa-arpshow and esa-ndpshow" {
	need_bash_completion
	run bash -n "$ESA_SRCDIR/completions/bash/esa-arpshow"
	assert_status 0
	assert_eq "$output" "" "bash -n output"
	run bash -c 'source "$1" && source "$2" && complete -p esa-arpshow esa-ndpshow' \
		_ "$BASH_COMPLETION" "$ESA_SRCDIR/completions/bash/esa-arpshow"
	assert_status 0
	assert_eq "$output" "complete -F _esa_arpshow esa-arpshow
complete -F _esa_arpshow esa-ndpshow" "complete -p"
}

@test "docs: bash completion: esa-arpshow --fl offers --flush and --flush-all; after --flush-all, nothing" {
	need_bash_completion
	run bash_complete "esa-arpshow --fl"
	assert_status 0
	assert_eq "$output" "--flush
--flush-all"
	run bash_complete "esa-arpshow --flush-all -"
	assert_status 0
	assert_eq "$output" ""
}

@test "docs: bash completion: esa-arpshow --j completes to --json" {
	need_bash_completion
	run bash_complete "esa-arpshow --j"
	assert_status 0
	assert_eq "$output" "--json"
}

@test "docs: bash completion: esa-arpshow -i l offers lo" {
	need_bash_completion
	run bash_complete "esa-arpshow -i l"
	assert_status 0
	assert_line "lo"
}

@test "docs: bash completion: esa-ndpshow --i offers --interface" {
	need_bash_completion
	run bash_complete "esa-ndpshow --i"
	assert_status 0
	assert_line "--interface"
}

@test "docs: zsh -n accepts the zsh completion" {
	need_zsh
	run zsh -n "$ESA_SRCDIR/completions/zsh/_esa-arpshow"
	assert_status 0
	assert_eq "$output" "" "zsh -n output"
}

@test "docs: zsh compinit registers _esa-arpshow for esa-arpshow and esa-ndpshow" {
	need_zsh
	# -u: make check runs as root on a tree that may belong to another user, which
	# compaudit calls insecure; without -u compinit then aborts ("not interactive").
	run zsh -fc 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -D
		print $_comps[esa-arpshow] $_comps[esa-ndpshow]' \
		_ "$ESA_SRCDIR/completions/zsh" < /dev/null
	assert_status 0
	assert_eq "$output" "_esa-arpshow _esa-arpshow" "zsh \$_comps"
}

@test "docs: bash completion registers esa-tcpservices" {
	need_bash_completion
	run bash -n "$ESA_SRCDIR/completions/bash/esa-tcpservices"
	assert_status 0
	assert_eq "$output" "" "bash -n output"
	run bash -c 'source "$1" && source "$2" && complete -p esa-tcpservices' \
		_ "$BASH_COMPLETION" "$ESA_SRCDIR/completions/bash/esa-tcpservices"
	assert_status 0
	assert_eq "$output" "complete -F _esa_tcpservices esa-tcpservices" "complete -p"
}

@test "docs: bash completion: esa-tcpservices --u completes to --udp, - offers every option" {
	need_bash_completion
	run bash_complete "esa-tcpservices --u" esa-tcpservices
	assert_status 0
	assert_eq "$output" "--udp"
	run bash_complete "esa-tcpservices -n --j" esa-tcpservices
	assert_status 0
	assert_eq "$output" "--json"
	# the options offered are those of --help, no more, no less
	run bash_complete "esa-tcpservices -" esa-tcpservices
	assert_status 0
	assert_eq "$(printf '%s\n' "$output" | grep -- '^-[a-zA-Z0-9]$' | sort | tr -d '\n')" \
		"$( ("$ESA_BUILD/esa-tcpservices" --help | sed 's/^usage: esa-tcpservices//' |
			grep -oE -- '-[a-zA-Z0-9]'; printf '%s\n' -h -V) | sort -u | tr -d '\n')" \
		"short options of the completion against --help (and -h, -V)"
}

@test "docs: zsh -n accepts the esa-tcpservices completion; compinit registers it" {
	need_zsh
	run zsh -n "$ESA_SRCDIR/completions/zsh/_esa-tcpservices"
	assert_status 0
	assert_eq "$output" "" "zsh -n output"
	run zsh -fc 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -D
		print $_comps[esa-tcpservices]' _ "$ESA_SRCDIR/completions/zsh" < /dev/null
	assert_status 0
	assert_eq "$output" "_esa-tcpservices" "zsh \$_comps"
}

@test "docs: bash completion registers esa-netstat" {
	need_bash_completion
	run bash -n "$ESA_SRCDIR/completions/bash/esa-netstat"
	assert_status 0
	assert_eq "$output" "" "bash -n output"
	run bash -c 'source "$1" && source "$2" && complete -p esa-netstat' \
		_ "$BASH_COMPLETION" "$ESA_SRCDIR/completions/bash/esa-netstat"
	assert_status 0
	assert_eq "$output" "complete -F _esa_netstat esa-netstat" "complete -p"
}

@test "docs: bash completion: esa-netstat -I l offers lo, -p offers tcp and udp" {
	need_bash_completion
	run bash_complete "esa-netstat -i -I l" esa-netstat
	assert_status 0
	assert_line "lo"
	run bash_complete "esa-netstat -p " esa-netstat
	assert_status 0
	assert_eq "$output" "tcp
udp"
	run bash_complete "esa-netstat --ro" esa-netstat
	assert_status 0
	assert_eq "$output" "--routes"
	# the options offered are those of --help, no more, no less
	run bash_complete "esa-netstat -" esa-netstat
	assert_status 0
	assert_eq "$(printf '%s\n' "$output" | grep -- '^-[a-zA-Z0-9]$' | sort | tr -d '\n')" \
		"$( ("$ESA_BUILD/esa-netstat" --help | sed "s/esa-netstat//g; s/--[a-z-]*//g" | grep -oE -- '-[a-zA-Z0-9]+' |
			sed 's/^-//' | grep -o . | sed 's/^/-/'; printf '%s\n' -h -V) |
			sort -u | tr -d '\n')" \
		"short options of the completion against --help (and -h, -V)"
}

@test "docs: zsh -n accepts the esa-netstat completion; compinit registers it" {
	need_zsh
	run zsh -n "$ESA_SRCDIR/completions/zsh/_esa-netstat"
	assert_status 0
	assert_eq "$output" "" "zsh -n output"
	run zsh -fc 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -D
		print $_comps[esa-netstat]' _ "$ESA_SRCDIR/completions/zsh" < /dev/null
	assert_status 0
	assert_eq "$output" "_esa-netstat" "zsh \$_comps"
}

@test "docs: esa-etherconfig(8) quotes the one-line listings whole, as the program prints them" {
	local page line

	command -v mandoc > /dev/null || skip "mandoc is not installed (make deps)"
	# a quoted line that begins with a macro's name (No, Ns...) loses that word
	page=$(mandoc -Tascii -Owidth=200 "$ESA_SRCDIR/man/esa-etherconfig.8" | col -b | tr -s ' \n' '  ')
	for line in "No VLAN interfaces are configured." "Loopback interface is disabled." \
		"Appliance is configured to accept ARP replies with a multicast address."; do
		[[ $page == *"$line"* ]] || { echo "not in the page: $line"; false; }
	done
}

@test "docs: bash completion registers esa-etherconfig; views, actions, speeds, interfaces" {
	need_bash_completion
	run bash -n "$ESA_SRCDIR/completions/bash/esa-etherconfig"
	assert_status 0
	assert_eq "$output" "" "bash -n output"
	run bash_complete "esa-etherconfig " esa-etherconfig
	assert_status 0
	assert_eq "$output" "media
vlan
loopback
mtu
multicast" "views"
	run bash_complete "esa-etherconfig -j vlan " esa-etherconfig
	assert_eq "$output" "list
add
delete" "vlan actions"
	run bash_complete "esa-etherconfig multicast r" esa-etherconfig
	assert_eq "$output" "reject"
	run bash_complete "esa-etherconfig loopback " esa-etherconfig
	assert_eq "$output" "show
enable
disable"
	run bash_complete "esa-etherconfig media l" esa-etherconfig
	assert_line "lo"
	run bash_complete "esa-etherconfig mtu l" esa-etherconfig
	assert_line "lo"
	run bash_complete "esa-etherconfig media lo 100" esa-etherconfig
	assert_eq "$output" "100
1000
10000
100000" "speeds"
	run bash_complete "esa-etherconfig media lo 100 " esa-etherconfig
	assert_eq "$output" "half
full" "duplex"
	run bash_complete "esa-etherconfig media lo auto " esa-etherconfig
	assert_eq "$output" "" "nothing after auto"
	run bash_complete "esa-etherconfig --" esa-etherconfig
	assert_eq "$output" "--json
--force
--help
--version" "long options"
}

@test "docs: zsh completion of esa-etherconfig parses and registers" {
	need_zsh
	run zsh -n "$ESA_SRCDIR/completions/zsh/_esa-etherconfig"
	assert_status 0
	assert_eq "$output" "" "zsh -n output"
	run zsh -fc 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -D
		print $_comps[esa-etherconfig]' _ "$ESA_SRCDIR/completions/zsh" < /dev/null
	assert_status 0
	assert_eq "$output" "_esa-etherconfig" "zsh \$_comps"
}

@test "docs: bash completion registers esa-ping and esa-ping6" {
	need_bash_completion
	run bash -n "$ESA_SRCDIR/completions/bash/esa-ping"
	assert_status 0
	assert_eq "$output" "" "bash -n output"
	run bash -c 'source "$1" && source "$2" && complete -p esa-ping esa-ping6' \
		_ "$BASH_COMPLETION" "$ESA_SRCDIR/completions/bash/esa-ping"
	assert_status 0
	assert_eq "$output" "complete -F _esa_ping esa-ping
complete -F _esa_ping esa-ping6" "complete -p"
}

@test "docs: bash completion: esa-ping --dont completes, -I l offers lo, -c offers nothing" {
	need_bash_completion
	run bash_complete "esa-ping --dont" esa-ping
	assert_status 0
	assert_eq "$output" "--dont-fragment"
	run bash_complete "esa-ping6 -I l" esa-ping
	assert_status 0
	assert_line "lo"
	run bash_complete "esa-ping -c " esa-ping
	assert_status 0
	assert_eq "$output" ""
}

@test "docs: bash completion: esa-ping offers exactly the options of --help" {
	need_bash_completion
	[ -x "$ESA_BUILD/esa-ping" ] || { echo "esa-ping is not built"; return 1; }
	run bash_complete "esa-ping -" esa-ping
	assert_status 0
	local offered short
	offered=$(printf '%s\n' "$output" | grep -E '^-[^-]' | tr -d '-' | sort | tr -d '\n')
	# the letters of the usage line's brackets: [-46nqoDv] and [-c count] ...
	short=$("$ESA_BUILD/esa-ping" --help | grep -oE '\[-[A-Za-z0-9]+' | tr -d '[-' |
		fold -w1 | sort | tr -d '\n')
	assert_eq "$offered" "$(printf '%s\n' "${short}hV" | fold -w1 | sort | tr -d '\n')" \
		"short options"
}

@test "docs: zsh: _esa-ping parses and is registered for esa-ping and esa-ping6" {
	need_zsh
	run zsh -n "$ESA_SRCDIR/completions/zsh/_esa-ping"
	assert_status 0
	run zsh -fc 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -D
		print $_comps[esa-ping] $_comps[esa-ping6]' \
		_ "$ESA_SRCDIR/completions/zsh" < /dev/null
	assert_status 0
	assert_eq "$output" "_esa-ping _esa-ping" "zsh \$_comps"
}

@test "docs: bash completion registers esa-traceroute and esa-traceroute6" {
	need_bash_completion
	run bash -n "$ESA_SRCDIR/completions/bash/esa-traceroute"
	assert_status 0
	assert_eq "$output" "" "bash -n output"
	run bash -c 'source "$1" && source "$2" && complete -p esa-traceroute esa-traceroute6' \
		_ "$BASH_COMPLETION" "$ESA_SRCDIR/completions/bash/esa-traceroute"
	assert_status 0
	assert_eq "$output" "complete -F _esa_traceroute esa-traceroute
complete -F _esa_traceroute esa-traceroute6" "complete -p"
}

@test "docs: bash completion: esa-traceroute options, -i offers lo, a number offers nothing" {
	need_bash_completion
	run bash_complete "esa-traceroute --ic" esa-traceroute
	assert_status 0
	assert_eq "$output" "--icmp"
	run bash_complete "esa-traceroute6 -n --sim" esa-traceroute
	assert_status 0
	assert_eq "$output" "--sim-queries"
	run bash_complete "esa-traceroute -i l" esa-traceroute
	assert_status 0
	assert_line "lo"
	run bash_complete "esa-traceroute -q " esa-traceroute
	assert_status 0
	assert_eq "$output" "" "candidates for -q's number"
	# the options offered are those of --help, no more, no less
	run bash_complete "esa-traceroute -" esa-traceroute
	assert_status 0
	assert_eq "$(printf '%s\n' "$output" | grep -- '^-[a-zA-Z0-9]$' | sort | tr -d '\n')" \
		"$( ("$ESA_BUILD/esa-traceroute" --help | sed "s/esa-traceroute//g" |
			grep -oE -- '-[a-zA-Z0-9]+' | sed 's/^-//' | grep -o . | sed 's/^/-/'
			printf '%s\n' -h -V) | sort -u | tr -d '\n')" \
		"short options of the completion against --help (and -h, -V)"
}

@test "docs: zsh -n accepts the esa-traceroute completion; compinit registers both names" {
	need_zsh
	run zsh -n "$ESA_SRCDIR/completions/zsh/_esa-traceroute"
	assert_status 0
	assert_eq "$output" "" "zsh -n output"
	run zsh -fc 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -D
		print $_comps[esa-traceroute] $_comps[esa-traceroute6]' \
		_ "$ESA_SRCDIR/completions/zsh" < /dev/null
	assert_status 0
	assert_eq "$output" "_esa-traceroute _esa-traceroute" "zsh \$_comps"
}

@test "docs: bash completion registers esa-pcap" {
	need_bash_completion
	run bash -n "$ESA_SRCDIR/completions/bash/esa-pcap"
	assert_status 0
	assert_eq "$output" "" "bash -n output"
	run bash -c 'source "$1" && source "$2" && complete -p esa-pcap' \
		_ "$BASH_COMPLETION" "$ESA_SRCDIR/completions/bash/esa-pcap"
	assert_status 0
	assert_eq "$output" "complete -F _esa_pcap esa-pcap" "complete -p"
}

@test "docs: bash completion: esa-pcap commands, capture options, interfaces, -j" {
	need_bash_completion
	run bash_complete "esa-pcap " esa-pcap
	assert_status 0
	assert_eq "$output" "start
run
stop
status
setup
list
download
delete
clear"
	run bash_complete "esa-pcap -D /tmp st" esa-pcap
	assert_eq "$output" "start
stop
status"
	run bash_complete "esa-pcap start -i l" esa-pcap
	assert_line "lo"
	run bash_complete "esa-pcap start -i lo,a" esa-pcap
	assert_line "lo,any"
	run bash_complete "esa-pcap status -" esa-pcap
	assert_eq "$output" "-j
--json"
	# the capture options offered are those of --help's start line, no more, no less
	run bash_complete "esa-pcap start -" esa-pcap
	assert_status 0
	assert_eq "$(printf '%s\n' "$output" | grep -- '^-[a-zA-Z]$' | sort | tr -d '\n')" \
		"$("$ESA_BUILD/esa-pcap" --help | sed -n '/start/,/run/p' | sed 's/esa-pcap//g; /run/d' |
			grep -oE -- '\[-[a-zA-Z]' | sed 's/^\[//' | grep -v -- '-[DC]' | sort -u | tr -d '\n')" \
		"capture options of the completion against --help"
}

@test "docs: bash completion: esa-pcap download and delete offer the saved captures" {
	need_bash_completion
	local d=$BATS_TEST_TMPDIR/caps
	mkdir -p "$d"
	: > "$d/mail1-20261126-090507.cap"
	: > "$d/mail1-20261126-100000-001.cap"
	: > "$d/notes.txt"
	ln -s /etc/passwd "$d/evil-20261126-000000.cap"
	run bash_complete "esa-pcap -D $d download " esa-pcap
	assert_status 0
	assert_eq "$output" "mail1-20261126-090507.cap
mail1-20261126-100000-001.cap"
	run bash_complete "esa-pcap -D $d delete mail1-20261126-09" esa-pcap
	assert_eq "$output" "mail1-20261126-090507.cap"
	ESA_PCAP_DIR=$d run bash_complete "esa-pcap delete mail1-20261126-1" esa-pcap
	assert_eq "$output" "mail1-20261126-100000-001.cap"
}

@test "docs: zsh -n accepts the esa-pcap completion; compinit registers it" {
	need_zsh
	run zsh -n "$ESA_SRCDIR/completions/zsh/_esa-pcap"
	assert_status 0
	assert_eq "$output" "" "zsh -n output"
	run zsh -fc 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -D
		print $_comps[esa-pcap]' _ "$ESA_SRCDIR/completions/zsh" < /dev/null
	assert_status 0
	assert_eq "$output" "_esa-pcap" "zsh \$_comps"
}

@test "docs: bash completion registers esa-smtpping" {
	need_bash_completion
	run bash -n "$ESA_SRCDIR/completions/bash/esa-smtpping"
	assert_status 0
	assert_eq "$output" "" "bash -n output"
	run bash -c 'source "$1" && source "$2" && complete -p esa-smtpping' \
		_ "$BASH_COMPLETION" "$ESA_SRCDIR/completions/bash/esa-smtpping"
	assert_status 0
	assert_eq "$output" "complete -F _esa_smtpping esa-smtpping" "complete -p"
}

@test "docs: bash completion: esa-smtpping --start completes, -I l offers lo, -c offers nothing" {
	need_bash_completion
	run bash_complete "esa-smtpping --start" esa-smtpping
	assert_status 0
	assert_eq "$output" "--starttls"
	run bash_complete "esa-smtpping -I l" esa-smtpping
	assert_status 0
	assert_line "lo"
	run bash_complete "esa-smtpping -c " esa-smtpping
	assert_status 0
	assert_eq "$output" ""
}

@test "docs: bash completion: esa-smtpping offers exactly the options of --help" {
	need_bash_completion
	[ -x "$ESA_BUILD/esa-smtpping" ] || { echo "esa-smtpping is not built"; return 1; }
	run bash_complete "esa-smtpping -" esa-smtpping
	assert_status 0
	local offered short
	offered=$(printf '%s\n' "$output" | grep -E '^-[^-]' | tr -d '-' | sort | tr -d '\n')
	# every letter of the usage line: [-46nqvj], [-p port], [-I iface | -s addr], [-M [-l]]...
	short=$("$ESA_BUILD/esa-smtpping" --help | grep -oE '(\[|\| )-[A-Za-z0-9]+' |
		sed -E 's/^(\[|\| )-//' | fold -w1 | sort -u | tr -d '\n')
	assert_eq "$offered" "$(printf '%s\n' "${short}hV" | fold -w1 | sort | tr -d '\n')" \
		"short options"
}

@test "docs: zsh: _esa-smtpping parses and is registered for esa-smtpping" {
	need_zsh
	run zsh -n "$ESA_SRCDIR/completions/zsh/_esa-smtpping"
	assert_status 0
	run zsh -fc 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -D
		print $_comps[esa-smtpping]' \
		_ "$ESA_SRCDIR/completions/zsh" < /dev/null
	assert_status 0
	assert_eq "$output" "_esa-smtpping" "zsh \$_comps"
}

@test "docs: bash completion registers esa-cli; -c offers its commands, - its options" {
	need_bash_completion
	run bash -n "$ESA_SRCDIR/completions/bash/esa-cli"
	assert_status 0
	assert_eq "$output" "" "bash -n output"
	run bash -c 'source "$1" && source "$2" && complete -p esa-cli' \
		_ "$BASH_COMPLETION" "$ESA_SRCDIR/completions/bash/esa-cli"
	assert_status 0
	assert_eq "$output" "complete -F _esa_cli esa-cli" "complete -p"
	run bash_complete "esa-cli -c net" esa-cli
	assert_status 0
	assert_eq "$output" "netstat"
	# the commands offered are those of esa-cli's help, less quit and exit
	run bash_complete "esa-cli -c " esa-cli
	assert_status 0
	assert_eq "$(printf '%s\n' "$output" | sort)" \
		"$("$ESA_BUILD/esa-cli" -c help | awk '$1 != "quit" && $1 != "exit" { print $1 }' | sort)" \
		"commands of the completion against esa-cli's help"
	run bash_complete "esa-cli -" esa-cli
	assert_status 0
	assert_eq "$(printf '%s\n' "$output" | grep -- '^-[a-zA-Z0-9]$' | sort | tr -d '\n')" \
		"$( ("$ESA_BUILD/esa-cli" --help | sed 's/^usage: esa-cli//' |
			grep -oE -- '-[a-zA-Z0-9]'; printf '%s\n' -h -V) | sort -u | tr -d '\n')" \
		"short options of the completion against --help (and -h, -V)"
}

@test "docs: zsh -n accepts the esa-cli completion; compinit registers it" {
	need_zsh
	run zsh -n "$ESA_SRCDIR/completions/zsh/_esa-cli"
	assert_status 0
	assert_eq "$output" "" "zsh -n output"
	run zsh -fc 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -D
		print $_comps[esa-cli]' _ "$ESA_SRCDIR/completions/zsh" < /dev/null
	assert_status 0
	assert_eq "$output" "_esa-cli" "zsh \$_comps"
}

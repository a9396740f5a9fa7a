#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
# install.bats - `make install` puts each file where a distribution expects it, and
# `make uninstall` with the same variables removes exactly what install put.

bats_require_minimum_version 1.5.0	# run !

setup() {
	ESA_SRCDIR=${ESA_SRCDIR:-$(cd "$BATS_TEST_DIRNAME/../../.." && pwd)}
	ESA_BUILD=${ESA_BUILD:-$ESA_SRCDIR/build}
	stage=$(mktemp -d)
}

teardown() {
	rm -rf "$stage"
}

# make in the tree under test, on the build output the suite was given
mk() {
	make -s -C "$ESA_SRCDIR" O="$ESA_BUILD" ${SANITIZE:+SANITIZE="$SANITIZE"} \
		DESTDIR="$stage" PREFIX=/usr "$@"
}

@test "install: DESTDIR and PREFIX place binaries, link, pages and completions" {
	run mk install
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	[ -x "$stage/usr/bin/esa-arpshow" ]
	[ "$(readlink "$stage/usr/bin/esa-ndpshow")" = esa-arpshow ]
	[ -f "$stage/usr/share/man/man8/esa-arpshow.8" ]
	[ "$(readlink "$stage/usr/share/man/man8/esa-ndpshow.8")" = esa-arpshow.8 ]
	[ -f "$stage/usr/share/man/man7/esa-tools.7" ]
	[ -f "$stage/usr/share/bash-completion/completions/esa-arpshow" ]
	[ "$(readlink "$stage/usr/share/bash-completion/completions/esa-ndpshow")" = esa-arpshow ]
	[ -f "$stage/usr/share/zsh/site-functions/_esa-arpshow" ]
	[ -x "$stage/usr/bin/esa-tcpservices" ]
	[ -f "$stage/usr/share/man/man8/esa-tcpservices.8" ]
	[ -f "$stage/usr/share/bash-completion/completions/esa-tcpservices" ]
	[ -f "$stage/usr/share/zsh/site-functions/_esa-tcpservices" ]
	# the services data file, where the installed program looks for it
	cmp "$ESA_SRCDIR/bin/esa-tcpservices/services" "$stage/usr/share/esa-tools/services"
	# the installed link really switches the mode by its name
	run "$stage/usr/bin/esa-ndpshow" -n -4
	[ "$status" -eq 2 ]
	# nothing is written outside DESTDIR/PREFIX
	run find "$stage" -mindepth 1 -maxdepth 1
	[ "$output" = "$stage/usr" ]
}

@test "install: BINDIR, MANDIR and the completion directories are honoured" {
	run mk install BINDIR=/opt/esa/bin MANDIR=/opt/esa/man \
		BASHCOMPDIR=/opt/esa/bash ZSHCOMPDIR=/opt/esa/zsh
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	[ -x "$stage/opt/esa/bin/esa-arpshow" ]
	[ -f "$stage/opt/esa/man/man8/esa-arpshow.8" ]
	[ -f "$stage/opt/esa/bash/esa-arpshow" ]
	[ -f "$stage/opt/esa/zsh/_esa-arpshow" ]
	[ ! -e "$stage/usr/bin" ]
}

@test "uninstall: with the same variables, no file or link is left" {
	mk install
	[ -n "$(find "$stage" -type f)" ]
	run mk uninstall
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	run find "$stage" ! -type d
	[ "$status" -eq 0 ]
	[ -z "$output" ] || { echo "left behind: $output"; false; }
}

@test "install: DATADIR places the services data file; uninstall removes it and its directory" {
	run mk install DATADIR=/opt/esa/share
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	[ -f "$stage/opt/esa/share/esa-tools/services" ]
	run mk uninstall DATADIR=/opt/esa/share
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	[ ! -e "$stage/opt/esa/share/esa-tools" ]
	run find "$stage" ! -type d
	[ -z "$output" ] || { echo "left behind: $output"; false; }
}

# unit_value FILE KEY: the value of the last KEY= line of the unit FILE (empty if none)
unit_value() {
	sed -n "s/^$2=//p" "$1" | tail -n 1
}

# systemd.exec(5), StateDirectory=: at every start the directory is given the mode of
# StateDirectoryMode= and, when its owner or group differs from User= and Group=
# (root's when unset), that owner and group recursively. The unit must ask for what
# the packages make (root:esa-pcap 2770, the issue's words), or starting it undoes it.
@test "install: esa-pcap@.service keeps /var/lib/esa-pcap as the packages make it, root:esa-pcap 2770" {
	local u=$ESA_SRCDIR/packaging/systemd/esa-pcap@.service
	[ "$(unit_value "$u" StateDirectory)" = esa-pcap ]
	[ "$(unit_value "$u" User)" = "" ] # root
	[ "$(unit_value "$u" Group)" = esa-pcap ] || { grep -n 'Group=' "$u"; false; }
	[ "$(unit_value "$u" StateDirectoryMode)" = 2770 ] || { grep -n 'DirectoryMode=' "$u"; false; }
	# what the RPM and the .deb's postinst make of the directory
	grep -qxF '%dir %attr(2770,root,esa-pcap) %{_localstatedir}/lib/esa-pcap' \
		"$ESA_SRCDIR/packaging/rpm/esa-tools.spec"
	grep -qxF 'GROUP=esa-pcap' "$ESA_SRCDIR/packaging/debian/esa-tools.postinst"
	grep -qF 'chown root:"$GROUP" "$CAPDIR"' "$ESA_SRCDIR/packaging/debian/esa-tools.postinst"
	grep -qF 'chmod 2770 "$CAPDIR"' "$ESA_SRCDIR/packaging/debian/esa-tools.postinst"
	# and systemd reads them so (a mode it cannot parse is ignored with a warning)
	if command -v systemd-analyze > /dev/null; then
		sed 's|@BINDIR@|/usr/bin|' "$u" > "$stage/esa-pcap@check.service"
		run systemd-analyze verify --man=no "$stage/esa-pcap@check.service"
		[[ $output != *"Failed to parse"* && $output != *"Unknown"* ]] || { echo "$output"; false; }
	fi
}

@test "install: esa-pcap's systemd units in SYSTEMDUNITDIR, BINDIR filled in, not enabled" {
	run mk install BINDIR=/opt/esa/bin SYSTEMDUNITDIR=/usr/lib/systemd/system
	[ "$status" -eq 0 ] || { echo "$output"; false; }
	local u=$stage/usr/lib/systemd/system
	grep -q '^ExecStart=/opt/esa/bin/esa-pcap ' "$u/esa-pcap@.service"
	run ! grep -q @BINDIR@ "$u/esa-pcap@.service"
	cmp "$ESA_SRCDIR/packaging/systemd/esa-pcap@.timer" "$u/esa-pcap@.timer"
	[ "$(stat -c %a "$u/esa-pcap@.service")" = 644 ]
	# nothing enabled: no .wants link anywhere
	[ -z "$(find "$stage" -name '*.wants')" ]
	if command -v systemd-analyze > /dev/null; then
		run systemd-analyze verify --man=no "$u/esa-pcap@.timer"
		[[ $output != *"Unknown"* ]] || { echo "$output"; false; }
	fi
	run mk uninstall BINDIR=/opt/esa/bin SYSTEMDUNITDIR=/usr/lib/systemd/system
	[ ! -e "$u/esa-pcap@.service" ]
	[ ! -e "$u/esa-pcap@.timer" ]
}

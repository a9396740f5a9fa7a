#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# deps.sh - installs what building, testing or packaging esa-tools needs, from the
# distribution's own packages (Debian/Ubuntu: apt-get; Fedora: dnf).
#
# usage: deps.sh [-w] GROUP...    GROUP: build, test, vm, fuzz, pkg
#
# Does nothing when everything is present. As root it installs what is missing. Without
# root it prints one line naming what is missing and the command that installs it, and
# exits 1; with -w (what `make check` uses) it exits 0 after that line, so that a user
# without root still runs what needs nothing more.

set -u

# Debian/Ubuntu package names, by group.
# build: compiler, pkg-config, libmnl, libpcap (esa-pcap), libnftables (esa-etherconfig),
# OpenSSL (esa-smtpping's TLS), libedit (esa-cli's line editing).
DEB_build="gcc make pkg-config libc6-dev libmnl-dev libpcap-dev libnftables-dev libssl-dev
libedit-dev"
# test: Check and bats; jq; iproute2 (the peer the tests compare with, and namespaces),
# iputils-ping (traffic that fills neighbour caches), python3 (sockets for the socket
# views), nftables (packets dropped on purpose), strace (what a tool asks the system),
# procps (sysctl), mandoc (man page lint), bash-completion and zsh (completion tests),
# tcpdump and tshark (reading captures), ethtool and Debian's traceroute (peers), scapy
# (hostile packets), git (make dist); for esa-smtpping: a private Postfix (installed with
# "No configuration", below, so that no host MTA starts), dnsmasq (MX records), swaks and
# Halon's smtpping (peers), openssl (test certificates); tmux (esa-cli's dialogs through a
# pseudo-terminal); shellcheck (make check reads the shell code with it).
DEB_test="check bats jq iproute2 iputils-ping python3 nftables strace procps mandoc
bash-completion zsh tcpdump tshark ethtool traceroute python3-scapy git
postfix dnsmasq-base swaks smtpping openssl tmux shellcheck"
# vm (make check-vm): qemu, a static busybox for the guest's initramfs, kmod (depmod,
# modprobe -d); the kernel itself is fetched by tests/vm/kernel.sh with apt-get download.
DEB_vm="qemu-system-x86 busybox-static kmod"
# fuzz (make fuzz): clang and its libFuzzer runtime.
DEB_fuzz="clang libclang-rt-dev"
# pkg (make deb, make rpm, their checks): debhelper, lintian, blhc, devscripts
# (debuild, hardening-check), fakeroot, libcap2-bin (getcap), rpm (rpmbuild), rpmlint.
DEB_pkg="dpkg-dev debhelper lintian blhc devscripts fakeroot libcap2-bin rpm rpmlint"

RPM_build="gcc make pkgconf-pkg-config glibc-devel libmnl-devel libpcap-devel nftables-devel
openssl-devel libedit-devel"
RPM_test="check-devel bats jq iproute iputils python3 nftables strace procps-ng mandoc
bash-completion zsh tcpdump wireshark-cli ethtool traceroute python3-scapy git
postfix dnsmasq swaks openssl tmux ShellCheck"
RPM_vm="qemu-system-x86 busybox kmod"
RPM_fuzz="clang compiler-rt"
RPM_pkg="rpm-build rpmlint libcap"

warn_only=false
if [ "${1:-}" = -w ]; then
	warn_only=true
	shift
fi
[ $# -gt 0 ] || set -- build test

missing=
if command -v dpkg-query > /dev/null 2>&1; then
	kind=DEB
	have() { dpkg-query -W -f='${Status}\n' "$1" 2> /dev/null | grep -q 'ok installed'; }
	cmd="apt-get install -y --no-install-recommends"
	update="apt-get update -qq"
elif command -v rpm > /dev/null 2>&1 && command -v dnf > /dev/null 2>&1; then
	kind=RPM
	have() { rpm -q "$1" > /dev/null 2>&1; }
	cmd="dnf install -y"
	update=:
else
	echo "deps: unknown distribution; install by hand: a C compiler, make, pkg-config," \
		"libmnl, libpcap, libnftables, Check, bats, jq, iproute2, mandoc" >&2
	exit 0
fi
for g in "$@"; do
	case $g in
	build | test | vm | fuzz | pkg) ;;
	*) echo "deps: unknown group: $g (build, test, vm, fuzz, pkg)" >&2; exit 2 ;;
	esac
	eval "list=\$${kind}_$g"
	for p in $list; do
		have "$p" || case " $missing " in *" $p "*) ;; *) missing="$missing $p" ;; esac
	done
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing:$missing; install them as root: $cmd$missing" >&2
	$warn_only && exit 0
	exit 1
fi
echo "deps: installing:$missing"
# Debian's postfix asks what kind of mail system to set up: "No configuration" writes
# no main.cf and starts nothing, so the tests' private instance is the only Postfix.
if [ "$kind" = DEB ] && case " $missing " in *" postfix "*) true ;; *) false ;; esac; then
	echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections ||
		exit 1
fi
DEBIAN_FRONTEND=noninteractive $update || exit 1
# shellcheck disable=SC2086 # the command and the packages, one word each
DEBIAN_FRONTEND=noninteractive $cmd $missing

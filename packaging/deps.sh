#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# deps.sh - installs what building and testing esa-tools needs, from the
# distribution's own packages (Debian/Ubuntu: apt-get; Fedora: dnf).
# Does nothing when everything is present; without root, prints the one command to run.

set -u

# Debian/Ubuntu package names. Build: compiler, pkg-config, libmnl. Tests: Check, bats,
# jq, iproute2 (the peer the tests compare with, and namespaces), iputils-ping
# (traffic that fills neighbour caches), python3 (sockets for the socket views),
# nftables (packets dropped on purpose), strace (what a tool asks the system), procps (sysctl),
# mandoc (man page lint), bash-completion and zsh (completion tests), clang and its
# runtime (make fuzz).
DEB="gcc make pkg-config libc6-dev libmnl-dev check bats jq iproute2 iputils-ping python3 nftables strace procps mandoc
bash-completion zsh clang libclang-rt-dev"
# esa-pcap builds on libpcap, esa-etherconfig on libnftables; their tests read captures
# with tcpdump and tshark, compare with ethtool and Debian's traceroute, and craft
# hostile packets with scapy.
DEB="$DEB libpcap-dev libnftables-dev tcpdump tshark ethtool traceroute python3-scapy"
# make check-vm: qemu, a static busybox for the guest's initramfs, kmod (depmod, modprobe -d);
# the kernel itself is fetched by tests/vm/kernel.sh with apt-get download (Debian only).
DEB="$DEB qemu-system-x86 busybox-static kmod"
RPM="gcc make pkgconf-pkg-config glibc-devel libmnl-devel check-devel bats jq iproute
iputils python3 nftables strace procps-ng mandoc bash-completion zsh clang compiler-rt
libpcap-devel nftables-devel tcpdump wireshark-cli ethtool traceroute python3-scapy"

missing=
if command -v dpkg-query > /dev/null 2>&1; then
	for p in $DEB; do
		dpkg-query -W -f='${Status}\n' "$p" 2> /dev/null | grep -q 'ok installed' || missing="$missing $p"
	done
	cmd="apt-get install -y --no-install-recommends$missing"
	update="apt-get update"
elif command -v rpm > /dev/null 2>&1 && command -v dnf > /dev/null 2>&1; then
	for p in $RPM; do
		rpm -q "$p" > /dev/null 2>&1 || missing="$missing $p"
	done
	cmd="dnf install -y$missing"
	update=
else
	echo "deps: unknown distribution; install by hand: a C compiler, make, pkg-config," \
		"libmnl, Check, bats, jq, iproute2, mandoc" >&2
	exit 0
fi

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing:$missing" >&2
	echo "deps: run as root: $cmd" >&2
	exit 1
fi
echo "deps: installing:$missing"
if [ -n "$update" ]; then
	DEBIAN_FRONTEND=noninteractive $update -qq || exit 1
fi
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $cmd

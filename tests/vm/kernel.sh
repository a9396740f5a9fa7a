#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# kernel.sh - fetches Debian's current generic amd64 kernel into DIR (once) and prints
# the path of its unpacked tree and its version: "TREE VERSION".
#
# usage: kernel.sh DIR
# The version is the one linux-image-amd64 depends on now; a tree already unpacked in
# DIR is reused, so only a new kernel release downloads anything. Errors are one line.

set -eu
dir=$1

fail() {
	echo "check-vm: $*" >&2
	exit 1
}

command -v apt-get > /dev/null 2>&1 || fail "no apt-get: the VM tier needs Debian's kernel package"

# The generic flavour: the cloud flavour has no 9p, which the guest's root needs.
resolve() {
	apt-cache depends linux-image-amd64 2> /dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*-amd64\)$/\1/p' | head -n 1
}
pkg=$(resolve)
if [ -z "$pkg" ]; then
	# a fresh machine may not have package lists yet
	[ "$(id -u)" -eq 0 ] || fail "apt-cache does not know linux-image-amd64; run apt-get update as root"
	apt-get update -qq > /dev/null 2>&1 || fail "apt-get update failed"
	pkg=$(resolve)
	[ -n "$pkg" ] || fail "no package linux-image-amd64 in the apt sources"
fi
version=${pkg#linux-image-}
tree=$dir/$pkg

if [ ! -f "$tree/.unpacked" ]; then
	mkdir -p "$dir" 2> /dev/null || fail "cannot create $dir"
	rm -rf "$tree" "$dir"/linux-image-*.deb
	# download in DIR (apt-get download writes to the current directory); an exact name,
	# since a glob would fetch every version
	(cd "$dir" && apt-get download -q "$pkg" > download.log 2>&1) ||
		fail "apt-get download $pkg failed (see $dir/download.log)"
	dpkg-deb -x "$dir"/"$pkg"_*.deb "$tree" || fail "cannot unpack $pkg"
	rm -f "$dir"/"$pkg"_*.deb
	# modules.dep for modprobe, in the initramfs builder and in the guest
	depmod -b "$tree" "$version" || fail "depmod failed on $tree"
	touch "$tree/.unpacked"
fi
echo "$tree $version"

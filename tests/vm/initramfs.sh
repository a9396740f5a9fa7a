#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# initramfs.sh - builds the guest's tiny initramfs: static busybox, tests/vm/init, and
# the modules that mount the host's root (virtio PCI, 9p, overlay), in load order.
#
# usage: initramfs.sh OUT TREE VERSION    (TREE: the unpacked kernel package)
# Only busybox's own cpio is used, so nothing beyond make deps is needed.

set -eu
out=$1 tree=$2 version=$3
here=$(cd "$(dirname "$0")" && pwd)
stage=$out.d

rm -rf "$stage"
mkdir -p "$stage/bin" "$stage/modules"
cp /bin/busybox "$stage/bin/busybox"
# init runs as "#!/bin/sh"; it installs the other applets itself
ln -s busybox "$stage/bin/sh"
cp "$here/init" "$stage/init"
chmod 755 "$stage/init"

# modprobe --show-depends lists "insmod PATH ARGS" in dependency order (or "builtin
# NAME"); keep the first occurrence of each module, numbered so the order survives.
: > "$stage/modules/order"
for m in virtio_pci 9pnet_virtio 9p overlay; do
	modprobe -d "$tree" -S "$version" --show-depends "$m"
done | while read -r verb path _; do
	[ "$verb" = insmod ] || continue
	name=$(basename "$path")
	grep -qx "$name" "$stage/modules/order" && continue
	cp "$path" "$stage/modules/$name"
	echo "$name" >> "$stage/modules/order"
done
[ -s "$stage/modules/order" ] || { echo "check-vm: no 9p modules in $tree" >&2; exit 1; }

(cd "$stage" && find . | busybox cpio -o -H newc 2> /dev/null) | gzip -9 > "$out.tmp"
mv "$out.tmp" "$out"
rm -rf "$stage"

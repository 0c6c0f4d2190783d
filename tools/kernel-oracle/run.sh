#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Runs op tapes inside the real Debian 6.1 kernel under qemu.
#
#   run.sh TAPE_DIR OUT_FILE
#
# Builds skbext_oracle.ko from the tape executor's kernel-buildable files
# (the tape-kernel group of csrc/sources.txt, which Kbuild reads) against
# the installed linux-headers, fetches the matching linux-image package
# (apt-get download, nothing is committed), boots it with a busybox
# initramfs that feeds every TAPE_DIR/*.tape to the module, and writes to
# OUT_FILE, for each tape, "=== NAME" followed by its trace, then
# "=== layout" and the kernel's struct layout, then "=== done".
# Needs: linux-headers-amd64 qemu-system-x86 busybox-static cpio (and
# apt-get, dpkg-deb the first time); tools/oracle-compare.js checks them.
# Works in SKBEXT_ORACLE_WORK (default build-oracle/ at the top; an
# installed copy passes its cache folder).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tapes=$(cd "$1" && pwd)
out=$2
work=${SKBEXT_ORACLE_WORK:-$top/build-oracle}
mkdir -p "$work"

hdr=$(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1)
[ -n "$hdr" ] || { echo "run.sh: no linux-headers-*-amd64 installed" >&2; exit 2; }
ver=${hdr#/usr/src/linux-headers-}

# The kernel image the headers were made for.
img="$work/image-$ver"
if [ ! -f "$img/boot/vmlinuz-$ver" ]; then
	rm -rf "$img" && mkdir -p "$img"
	# apt warns that root downloads unsandboxed; only a failure matters
	(cd "$work" && apt-get -q download "linux-image-$ver") \
		>"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; exit 1; }
	# only the kernel: its modules are 390 MB that nothing here loads,
	# and in an installed copy this lives in the user's cache folder
	dpkg-deb --fsys-tarfile "$work"/linux-image-"$ver"_*.deb |
		tar -x -C "$img" "./boot/vmlinuz-$ver"
	rm -f "$work"/linux-image-"$ver"_*.deb
fi

# The module, from the very same executor sources the addon compiles:
# csrc/tape/ whole, of which Kbuild builds the tape-kernel group of the
# list (tape.c; the driver and wire ops in tape_drv.c and tape_wire.c are
# userspace only).
mod="$work/module"
rm -rf "$mod" && mkdir -p "$mod"
cp "$here/Kbuild" "$here/oracle_main.c" \
	"$top/csrc/include/skbext/layout_fields.h" \
	"$top/csrc/sources.txt" "$top"/csrc/tape/*.[ch] "$mod/"
make -s -C "$hdr" M="$mod" modules >"$work/module-build.log" 2>&1 ||
	{ cat "$work/module-build.log" >&2; exit 1; }

# A busybox initramfs whose init runs every tape and powers off.
root="$work/initramfs"
rm -rf "$root" && mkdir -p "$root"/{bin,dev,proc,sys,tapes}
cp /bin/busybox "$root/bin/busybox"
for c in sh mount insmod cat echo ls poweroff basename sync; do
	ln -s busybox "$root/bin/$c"
done
cp "$mod/skbext_oracle.ko" "$root/"
cp "$tapes"/*.tape "$root/tapes/"
cat >"$root/init" <<'INIT'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t debugfs debugfs /sys/kernel/debug
insmod /skbext_oracle.ko
d=/sys/kernel/debug/skbext
for t in /tapes/*.tape; do
	echo "=== $(basename "$t" .tape)" >/dev/ttyS1
	cat "$t" >$d/tape
	cat $d/trace >/dev/ttyS1
done
echo "=== layout" >/dev/ttyS1
cat $d/layout >/dev/ttyS1
echo "=== done" >/dev/ttyS1
sync
poweroff -f
INIT
chmod +x "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$work/initrd.gz"

rm -f "$out" "$work/console.log"
# KVM is often present but unusable under nesting: software emulation
# unless asked otherwise.
accel=${SKBEXT_ORACLE_ACCEL:-tcg}
timeout --foreground "${SKBEXT_ORACLE_TIMEOUT:-1200}" qemu-system-x86_64 \
	-machine accel=$accel -m 512 -smp 1 -display none -no-reboot \
	-monitor none -kernel "$img/boot/vmlinuz-$ver" \
	-initrd "$work/initrd.gz" \
	-append "console=ttyS0 panic=-1" \
	-serial "file:$work/console.log" -serial "file:$out" </dev/null
# The serial line turns \n into \r\n.
sed -i 's/\r$//' "$out"
grep -q '^=== done$' "$out" || {
	echo "run.sh: the kernel did not finish; console log follows" >&2
	tail -n 50 "$work/console.log" >&2
	exit 1
}

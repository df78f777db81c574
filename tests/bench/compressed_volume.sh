#!/bin/sh
# A compressed volume for the 10M data set of perf_bench.sh (issue 19).
# The 10M database is ~58 GB of pages and the seeder's scratch tables add
# ~20 GB more at its peak; this box's shared disk had 63-80 GB free, so an
# uncompressed build ran out of space (tests/bench/README, "Seeding at
# 10M"). Ticket pages compress well (text, tsvectors, btrees), so the
# cluster lives on btrfs with zstd compression, in a sparse image file
# that takes from the disk only what it holds after compression. The
# image's size caps what the volume may take from the shared disk.
#
#   sh tests/bench/compressed_volume.sh mount   (IMG=/work/bench-10m.img SIZE=58G DIR=/work/bench-data-10m)
#   sh tests/bench/compressed_volume.sh umount
#   sh tests/bench/compressed_volume.sh usage   (what it holds and what it takes)
#
# Root only (mkfs, a loop device, mount); installs btrfs-progs when mkfs.btrfs
# is missing. Then: PERF_DIR=$DIR TICKETS=10000000 MIN_FREE_GB=3 sh tests/bench/perf_bench.sh
set -eu
IMG=${IMG:-/work/bench-10m.img}
SIZE=${SIZE:-58G}
DIR=${DIR:-/work/bench-data-10m}

[ "$(id -u)" -eq 0 ] || { echo "compressed_volume.sh: needs root (mkfs, mount)" >&2; exit 77; }
case "${1:-}" in
mount)
	if mountpoint -q "$DIR"; then echo "$DIR is mounted already"; exit 0; fi
	if [ ! -f "$IMG" ]; then
		command -v mkfs.btrfs >/dev/null || sh "$(dirname "$0")/../../scripts/deps.sh" btrfs-progs
		truncate -s "$SIZE" "$IMG"      # sparse: takes nothing yet
		mkfs.btrfs -q -f "$IMG"
	fi
	mkdir -p "$DIR"
	# compress-force: PostgreSQL's 8 kB pages are written piecemeal, and
	# btrfs would otherwise give up on a file after one poor first write
	mount -o loop,compress-force=zstd:1,noatime "$IMG" "$DIR"
	chown postgres "$DIR" 2>/dev/null || true
	echo "mounted $IMG ($SIZE at most) on $DIR"
	;;
umount)
	umount "$DIR"
	;;
usage)
	echo "$DIR holds $(du -sh --apparent-size "$DIR" | cut -f1) of files;" \
	     "$IMG takes $(du -sh "$IMG" | cut -f1) of the disk (free on it: $(df -h --output=avail "$(dirname "$IMG")" | tail -n 1 | tr -d ' '))"
	;;
*)
	echo "usage: compressed_volume.sh mount|umount|usage" >&2
	exit 64
	;;
esac

# ONLY's shell patterns (tests/run.sh): which test programs a run takes.
# Sourced.

# only_matches NAME PATTERNS: true when the test program NAME (its file
# name, with or without .sh) matches one of PATTERNS, spaced apart.
only_matches() {
	set -f
	for pattern in $2; do
		case "$1" in
		$pattern|$pattern.sh)
			set +f
			return 0
			;;
		esac
	done
	set +f
	return 1
}

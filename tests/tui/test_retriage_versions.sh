#!/bin/sh
# Re-triage of a ticket whose browser and OS lack a version (filed before
# 520) at 80x24: its title is re-triaged; its browser without a version is
# refused in place, saying why (retriage_versions_lib.sh).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/intake_lib.sh"
. "$(dirname "$0")/retriage_versions_lib.sh"

field_1_re='^Reason for change \*'
retriage_versions '^Title \* +Blank placements' \
	'! Browser must contain a version number (at least one digit), e.g. Firefox 133 or Chrome 131.0' \
	'1 field needs attention' 'field 15/16' 'field 7/16' 're-triaged$'

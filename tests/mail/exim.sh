#!/bin/sh
# A private Exim for the mail tests (sourced): Debian's exim4 binary run
# with its own configuration (`exim -C FILE`), spool, logs and Maildir all
# inside one test directory. No daemon, no listening port, no network:
# every message is injected on the command line and delivered at once
# (-odi) or by a queue run (-qff). The system's mail set-up is untouched.
#
#   exim_setup DIR ENV            write DIR/exim.conf; ENV is the
#                                 `environment` of the pipe transport,
#                                 separated by ';' (PGHOST=...;PGUSER=...);
#                                 ASAN_OPTIONS, LSAN_OPTIONS and
#                                 UBSAN_OPTIONS are passed on when set
#   exim_cmd                      the command line prefix to run this exim
# Addresses: support@desk.test is piped into `ticketty mail receive`
# (exit 75 defers, the message stays queued); any address at nowhere.test
# fails ("no such mailbox here"), so Exim returns the message to its
# envelope sender in a delivery report; every other address is delivered
# into DIR/Maildir.

EXIM_BIN=${EXIM_BIN:-$(command -v exim4 || command -v exim || echo /usr/sbin/exim4)}

exim_setup() {
	EXIM_DIR=$1
	mkdir -p "$EXIM_DIR/spool" "$EXIM_DIR/log" "$EXIM_DIR/Maildir/new" \
		"$EXIM_DIR/Maildir/cur" "$EXIM_DIR/Maildir/tmp"
	# Exim never delivers as root (fixed_never_users): as root, the rig
	# runs Exim and its deliveries as the Debian-exim user instead.
	if [ "$(id -u)" -eq 0 ]; then
		user=Debian-exim
		group=Debian-exim
	else
		user=$(id -un)
		group=$(id -gn)
	fi
	env=$2
	for v in ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS; do
		eval "val=\${$v:-}"
		[ -n "$val" ] && env="$env;$v=$val"
	done
	cat > "$EXIM_DIR/exim.conf" <<CONF
# ticketty test rig: private, no daemon, no network
primary_hostname = desk.test
qualify_domain = desk.test
exim_user = $user
exim_group = $group
never_users =
trusted_users = $user
spool_directory = $EXIM_DIR/spool
log_file_path = $EXIM_DIR/log/%slog
pid_file_path = $EXIM_DIR/exim.pid
daemon_smtp_ports =
local_interfaces = <; 127.0.0.1
keep_environment =
untrusted_set_sender = *
local_from_check = false
deliver_drop_privilege = true
message_size_limit = 64M
smtp_accept_max = 0

begin routers

desk:
  driver = accept
  domains = desk.test
  local_parts = support
  transport = ticketty_pipe

nowhere:
  driver = redirect
  domains = nowhere.test
  allow_fail
  data = :fail: no such mailbox here

everyone:
  driver = accept
  transport = maildir

begin transports

ticketty_pipe:
  driver = pipe
  command = $TICKETTY_BIN mail receive
  environment = <; $env
  user = $user
  group = $group
  temp_errors = 75
  return_fail_output = true
  log_output = true
  timeout = 60s

maildir:
  driver = appendfile
  directory = $EXIM_DIR/Maildir
  maildir_format = true
  create_directory = true
  user = $user
  group = $group
  envelope_to_add = true
  return_path_add = true

begin retry

*  *  F,1d,1s
CONF
	# readable by the Exim user: a bounce is sent by Exim re-run as it
	chmod 644 "$EXIM_DIR/exim.conf"
	chmod 755 "$EXIM_DIR"
	if [ "$(id -u)" -eq 0 ]; then
		chown -R "$user:$group" "$EXIM_DIR/spool" "$EXIM_DIR/log" "$EXIM_DIR/Maildir"
	fi
}

exim_cmd() {
	echo "$EXIM_BIN -C $EXIM_DIR/exim.conf"
}

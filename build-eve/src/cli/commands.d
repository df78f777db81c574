build-eve/src/cli/commands.o: src/cli/commands.c include/cli/admin.h \
 include/app.h include/config.h include/util/error.h \
 include/cli/admin_records.h include/cli/canned.h include/cli/cli.h \
 include/util/error.h include/cli/collab.h include/cli/db.h \
 include/cli/local.h include/cli/mail.h include/cli/ticket.h \
 include/cli/queue.h include/cli/escalation.h include/cli/inbox.h \
 include/cli/notify.h include/cli/ticket_new.h include/cli/report.h \
 include/cli/search.h include/cli/sla.h include/util/i18n.h
include/cli/admin.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/admin_records.h:
include/cli/canned.h:
include/cli/cli.h:
include/util/error.h:
include/cli/collab.h:
include/cli/db.h:
include/cli/local.h:
include/cli/mail.h:
include/cli/ticket.h:
include/cli/queue.h:
include/cli/escalation.h:
include/cli/inbox.h:
include/cli/notify.h:
include/cli/ticket_new.h:
include/cli/report.h:
include/cli/search.h:
include/cli/sla.h:
include/util/i18n.h:

build-eve/src/ui/view_ticket.o: src/ui/view_ticket.c \
 include/model/canned.h include/util/error.h include/model/escalation.h \
 include/model/retriage.h include/model/pairs.h include/model/ticket.h \
 include/util/strbuf.h include/model/ticket_render.h \
 include/util/duration.h include/ui/draw.h include/ui/screen.h \
 include/app.h include/config.h include/util/error.h include/ui/view.h \
 include/ui/widgets/prompt.h include/ui/keys.h include/config.h \
 include/util/lineedit.h include/ui/ticket_files.h include/mail/mime.h \
 include/model/inbox.h include/ui/widgets/pager.h \
 include/ui/ticket_pickers.h include/ui/view_search.h include/util/i18n.h \
 include/util/monotime.h include/util/xalloc.h
include/model/canned.h:
include/util/error.h:
include/model/escalation.h:
include/model/retriage.h:
include/model/pairs.h:
include/model/ticket.h:
include/util/strbuf.h:
include/model/ticket_render.h:
include/util/duration.h:
include/ui/draw.h:
include/ui/screen.h:
include/app.h:
include/config.h:
include/util/error.h:
include/ui/view.h:
include/ui/widgets/prompt.h:
include/ui/keys.h:
include/config.h:
include/util/lineedit.h:
include/ui/ticket_files.h:
include/mail/mime.h:
include/model/inbox.h:
include/ui/widgets/pager.h:
include/ui/ticket_pickers.h:
include/ui/view_search.h:
include/util/i18n.h:
include/util/monotime.h:
include/util/xalloc.h:

build-eve/src/ui/ticket_pickers.o: src/ui/ticket_pickers.c \
 include/ui/ticket_pickers.h include/ui/screen.h include/app.h \
 include/config.h include/util/error.h include/ui/view.h \
 include/util/strbuf.h include/ui/widgets/prompt.h include/ui/keys.h \
 include/config.h include/util/lineedit.h include/util/error.h \
 include/model/agent_pick.h include/model/intake.h include/model/canned.h \
 include/model/retriage.h include/model/pairs.h \
 include/ui/widgets/picker.h include/ui/widgets/list.h include/ui/draw.h \
 include/util/i18n.h include/util/xalloc.h
include/ui/ticket_pickers.h:
include/ui/screen.h:
include/app.h:
include/config.h:
include/util/error.h:
include/ui/view.h:
include/util/strbuf.h:
include/ui/widgets/prompt.h:
include/ui/keys.h:
include/config.h:
include/util/lineedit.h:
include/util/error.h:
include/model/agent_pick.h:
include/model/intake.h:
include/model/canned.h:
include/model/retriage.h:
include/model/pairs.h:
include/ui/widgets/picker.h:
include/ui/widgets/list.h:
include/ui/draw.h:
include/util/i18n.h:
include/util/xalloc.h:

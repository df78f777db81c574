build-eve/src/ui/view_intake.o: src/ui/view_intake.c \
 include/model/inbox.h include/util/error.h include/model/intake.h \
 include/util/strbuf.h include/model/retriage.h include/model/pairs.h \
 include/ui/intake_dups.h include/model/search.h include/ui/view.h \
 include/ui/keys.h include/config.h include/util/error.h \
 include/ui/screen.h include/app.h include/config.h \
 include/ui/widgets/prompt.h include/util/lineedit.h \
 include/ui/widgets/field.h include/ui/draw.h include/util/draft.h \
 include/util/i18n.h include/util/text.h include/util/timefmt.h \
 include/util/xalloc.h
include/model/inbox.h:
include/util/error.h:
include/model/intake.h:
include/util/strbuf.h:
include/model/retriage.h:
include/model/pairs.h:
include/ui/intake_dups.h:
include/model/search.h:
include/ui/view.h:
include/ui/keys.h:
include/config.h:
include/util/error.h:
include/ui/screen.h:
include/app.h:
include/config.h:
include/ui/widgets/prompt.h:
include/util/lineedit.h:
include/ui/widgets/field.h:
include/ui/draw.h:
include/util/draft.h:
include/util/i18n.h:
include/util/text.h:
include/util/timefmt.h:
include/util/xalloc.h:

build-eve/src/ui/ticket_files.o: src/ui/ticket_files.c \
 include/ui/ticket_files.h include/mail/mime.h include/util/error.h \
 include/model/inbox.h include/ui/view.h include/util/strbuf.h \
 include/ui/widgets/pager.h include/ui/draw.h include/ui/screen.h \
 include/app.h include/config.h include/util/error.h \
 include/ui/widgets/prompt.h include/ui/keys.h include/config.h \
 include/util/lineedit.h include/util/bytesize.h include/util/fs.h \
 include/util/i18n.h include/util/spawn.h include/util/text.h \
 include/util/xalloc.h
include/ui/ticket_files.h:
include/mail/mime.h:
include/util/error.h:
include/model/inbox.h:
include/ui/view.h:
include/util/strbuf.h:
include/ui/widgets/pager.h:
include/ui/draw.h:
include/ui/screen.h:
include/app.h:
include/config.h:
include/util/error.h:
include/ui/widgets/prompt.h:
include/ui/keys.h:
include/config.h:
include/util/lineedit.h:
include/util/bytesize.h:
include/util/fs.h:
include/util/i18n.h:
include/util/spawn.h:
include/util/text.h:
include/util/xalloc.h:

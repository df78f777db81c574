build-eve/src/cli/mail.o: src/cli/mail.c include/cli/mail.h include/app.h \
 include/config.h include/util/error.h include/cli/cli.h \
 include/util/error.h include/cli/table.h include/mail/mime.h \
 include/mail/sendmail.h include/model/mail.h include/util/i18n.h \
 include/util/strbuf.h include/util/text.h include/util/timefmt.h \
 include/util/xalloc.h
include/cli/mail.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/cli.h:
include/util/error.h:
include/cli/table.h:
include/mail/mime.h:
include/mail/sendmail.h:
include/model/mail.h:
include/util/i18n.h:
include/util/strbuf.h:
include/util/text.h:
include/util/timefmt.h:
include/util/xalloc.h:

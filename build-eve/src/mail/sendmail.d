build-eve/src/mail/sendmail.o: src/mail/sendmail.c \
 include/mail/sendmail.h include/util/error.h include/util/i18n.h \
 include/util/strbuf.h
include/mail/sendmail.h:
include/util/error.h:
include/util/i18n.h:
include/util/strbuf.h:

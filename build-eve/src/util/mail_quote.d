build-eve/src/util/mail_quote.o: src/util/mail_quote.c \
 include/util/mail_quote.h include/util/xalloc.h
include/util/mail_quote.h:
include/util/xalloc.h:

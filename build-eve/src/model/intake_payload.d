build-eve/src/model/intake_payload.o: src/model/intake_payload.c \
 include/model/intake.h include/util/error.h include/util/strbuf.h \
 include/util/i18n.h include/util/json.h include/util/text.h \
 include/util/xalloc.h
include/model/intake.h:
include/util/error.h:
include/util/strbuf.h:
include/util/i18n.h:
include/util/json.h:
include/util/text.h:
include/util/xalloc.h:

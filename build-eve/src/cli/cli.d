build-eve/src/cli/cli.o: src/cli/cli.c include/cli/cli.h include/app.h \
 include/config.h include/util/error.h include/util/error.h \
 include/util/editor.h include/util/i18n.h include/util/strbuf.h \
 include/util/text.h include/util/xalloc.h
include/cli/cli.h:
include/app.h:
include/config.h:
include/util/error.h:
include/util/error.h:
include/util/editor.h:
include/util/i18n.h:
include/util/strbuf.h:
include/util/text.h:
include/util/xalloc.h:

build-eve/src/cli/report.o: src/cli/report.c include/cli/report.h \
 include/app.h include/config.h include/util/error.h include/cli/cli.h \
 include/util/error.h include/cli/report_text.h include/model/report.h \
 include/util/i18n.h
include/cli/report.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/cli.h:
include/util/error.h:
include/cli/report_text.h:
include/model/report.h:
include/util/i18n.h:

build-eve/src/cli/report_text.o: src/cli/report_text.c \
 include/cli/report_text.h include/model/report.h include/util/error.h \
 include/cli/cli.h include/app.h include/config.h include/util/error.h \
 include/model/escalation.h include/util/chart.h include/util/strbuf.h \
 include/util/i18n.h include/util/text.h
include/cli/report_text.h:
include/model/report.h:
include/util/error.h:
include/cli/cli.h:
include/app.h:
include/config.h:
include/util/error.h:
include/model/escalation.h:
include/util/chart.h:
include/util/strbuf.h:
include/util/i18n.h:
include/util/text.h:

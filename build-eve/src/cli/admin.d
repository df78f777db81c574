build-eve/src/cli/admin.o: src/cli/admin.c include/cli/admin.h \
 include/app.h include/config.h include/util/error.h include/cli/mail.h \
 include/cli/admin_policy.h include/cli/admin_records.h \
 include/cli/admin_routing.h include/cli/cli.h include/util/error.h \
 include/cli/table.h include/model/admin.h include/util/i18n.h \
 include/util/strbuf.h include/util/text.h
include/cli/admin.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/mail.h:
include/cli/admin_policy.h:
include/cli/admin_records.h:
include/cli/admin_routing.h:
include/cli/cli.h:
include/util/error.h:
include/cli/table.h:
include/model/admin.h:
include/util/i18n.h:
include/util/strbuf.h:
include/util/text.h:

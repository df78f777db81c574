build-eve/src/cli/admin_routing.o: src/cli/admin_routing.c \
 include/cli/admin_routing.h include/app.h include/config.h \
 include/util/error.h include/cli/cli.h include/util/error.h \
 include/cli/table.h include/model/routing.h include/model/pairs.h \
 include/util/i18n.h
include/cli/admin_routing.h:
include/app.h:
include/config.h:
include/util/error.h:
include/cli/cli.h:
include/util/error.h:
include/cli/table.h:
include/model/routing.h:
include/model/pairs.h:
include/util/i18n.h:

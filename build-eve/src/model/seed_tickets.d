build-eve/src/model/seed_tickets.o: src/model/seed_tickets.c \
 include/model/seed_steps.h include/util/i18n.h
include/model/seed_steps.h:
include/util/i18n.h:

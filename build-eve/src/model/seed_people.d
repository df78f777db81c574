build-eve/src/model/seed_people.o: src/model/seed_people.c \
 include/model/seed_steps.h include/util/i18n.h
include/model/seed_steps.h:
include/util/i18n.h:

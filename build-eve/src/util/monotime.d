build-eve/src/util/monotime.o: src/util/monotime.c \
 include/util/monotime.h
include/util/monotime.h:

build-eve/src/ui/input.o: src/ui/input.c include/ui/input.h \
 include/ui/view.h include/util/strbuf.h include/util/monotime.h
include/ui/input.h:
include/ui/view.h:
include/util/strbuf.h:
include/util/monotime.h:

build-eve/src/ui/views.o: src/ui/views.c include/ui/views.h \
 include/ui/view.h include/util/strbuf.h
include/ui/views.h:
include/ui/view.h:
include/util/strbuf.h:

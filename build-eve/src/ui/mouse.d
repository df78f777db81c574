build-eve/src/ui/mouse.o: src/ui/mouse.c include/ui/mouse.h \
 include/ui/view.h include/util/strbuf.h
include/ui/mouse.h:
include/ui/view.h:
include/util/strbuf.h:

build-eve/src/ui/ui.o: src/ui/ui.c include/ui/ui.h include/app.h \
 include/config.h include/util/error.h include/ui/draw_init.h \
 include/ui/input.h include/ui/view.h include/util/strbuf.h \
 include/ui/mouse.h include/ui/screen_loop.h include/util/i18n.h
include/ui/ui.h:
include/app.h:
include/config.h:
include/util/error.h:
include/ui/draw_init.h:
include/ui/input.h:
include/ui/view.h:
include/util/strbuf.h:
include/ui/mouse.h:
include/ui/screen_loop.h:
include/util/i18n.h:

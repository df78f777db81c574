build-eve/src/ui/screen.o: src/ui/screen.c include/ui/screen.h \
 include/app.h include/config.h include/util/error.h include/ui/view.h \
 include/util/strbuf.h include/ui/widgets/prompt.h include/ui/keys.h \
 include/config.h include/util/lineedit.h include/util/error.h \
 include/ui/screen_loop.h include/model/live.h include/model/notify.h \
 include/ui/alert.h include/ui/draw.h include/ui/input.h \
 include/ui/mouse.h include/ui/views.h include/ui/widgets/picker.h \
 include/ui/widgets/list.h include/ui/widgets/statusline.h \
 include/util/editor.h include/util/i18n.h include/util/spawn.h \
 include/util/text.h include/util/xalloc.h
include/ui/screen.h:
include/app.h:
include/config.h:
include/util/error.h:
include/ui/view.h:
include/util/strbuf.h:
include/ui/widgets/prompt.h:
include/ui/keys.h:
include/config.h:
include/util/lineedit.h:
include/util/error.h:
include/ui/screen_loop.h:
include/model/live.h:
include/model/notify.h:
include/ui/alert.h:
include/ui/draw.h:
include/ui/input.h:
include/ui/mouse.h:
include/ui/views.h:
include/ui/widgets/picker.h:
include/ui/widgets/list.h:
include/ui/widgets/statusline.h:
include/util/editor.h:
include/util/i18n.h:
include/util/spawn.h:
include/util/text.h:
include/util/xalloc.h:

build-eve/src/util/chart.o: src/util/chart.c include/util/chart.h \
 include/util/strbuf.h
include/util/chart.h:
include/util/strbuf.h:

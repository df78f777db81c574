build-eve/src/util/xalloc.o: src/util/xalloc.c include/util/xalloc.h
include/util/xalloc.h:

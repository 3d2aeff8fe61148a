# primitives: access-check primitives, each a struct damon_operations.
noinst_LIBRARIES += primitives/libprimitives.a
primitives_libprimitives_a_SOURCES = primitives/primitive.h \
	primitives/registry.c primitives/pte.c
primitives_libprimitives_a_CPPFLAGS = $(KPORT_INCLUDES) -I$(top_srcdir)
primitives_libprimitives_a_CFLAGS = $(KPORT_CFLAGS)

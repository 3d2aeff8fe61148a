# sim/cli.mk: the `damonsim` command line (sim/main.c).  Subcommands are
# rows of the table in sim/main.c; their libraries are linked here.
bin_PROGRAMS += damonsim
damonsim_SOURCES = sim/main.c
damonsim_CFLAGS = $(AM_CFLAGS) $(GLIB_CFLAGS)
damonsim_LDADD = $(SIMRUN_LIBS)

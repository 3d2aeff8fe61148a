# sim/cli.mk: owned by its area; see Makefile.am

# sim/machine.mk: owned by its area; see Makefile.am

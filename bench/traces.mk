# bench/traces.mk: owned by its area; see Makefile.am

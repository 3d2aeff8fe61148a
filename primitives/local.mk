# primitives: see Makefile.am

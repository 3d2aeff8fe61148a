# traces: see Makefile.am
